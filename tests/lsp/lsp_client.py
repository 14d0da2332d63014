"""A small LSP client over pipes, for the end-to-end tests of `obolint server`.

Everything the server writes is kept (`raw`) so a test can check that no token ever left it whole.
Every wait has a deadline: a server that hangs fails the test instead of blocking CTest.
"""
import json
import os
import select
import subprocess
import time


class LspClient:
    def __init__(self, binary, cwd, args=("server",)):
        self.proc = subprocess.Popen(
            [binary, *args], cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE)
        self.raw = b""  # every byte the server wrote
        self.buffer = b""
        self.messages = []  # parsed, not yet taken
        self.next_id = 0

    # --- writing -------------------------------------------------------------------------------
    def send_bytes(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        self.send_bytes(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, method, params=None):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method,
                   "params": params if params is not None else {}})
        return self.next_id

    def notify(self, method, params=None):
        self.send({"jsonrpc": "2.0", "method": method,
                   "params": params if params is not None else {}})

    # --- reading -------------------------------------------------------------------------------
    def _read_some(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([self.proc.stdout], [], [], left)
        if not ready:
            return False
        chunk = os.read(self.proc.stdout.fileno(), 65536)
        if not chunk:
            raise AssertionError("the server closed its output (exit status %s); stderr: %s"
                                 % (self.proc.poll(), self.proc.stderr.read1(4096)))
        self.raw += chunk
        self.buffer += chunk
        return True

    def _parse(self):
        while True:
            end = self.buffer.find(b"\r\n\r\n")
            if end < 0:
                return
            headers = self.buffer[:end].decode("ascii")
            length = None
            for line in headers.split("\r\n"):
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
            assert length is not None, "server sent a header block without Content-Length"
            if len(self.buffer) < end + 4 + length:
                return
            body = self.buffer[end + 4:end + 4 + length]
            self.buffer = self.buffer[end + 4 + length:]
            self.messages.append(json.loads(body))

    def wait_for(self, predicate, timeout=30, what="a message"):
        """The first message (taken from the queue) for which predicate is true."""
        deadline = time.monotonic() + timeout
        while True:
            for i, m in enumerate(self.messages):
                if predicate(m):
                    return self.messages.pop(i)
            if not self._read_some(deadline):
                raise AssertionError("timed out waiting for %s; got: %s"
                                     % (what, json.dumps(self.messages)[:2000]))
            self._parse()

    def response(self, request_id, timeout=30):
        return self.wait_for(lambda m: m.get("id") == request_id and "method" not in m,
                             timeout, "the response to request %s" % request_id)

    def diagnostics(self, uri, predicate=lambda d: True, timeout=30):
        """The next publishDiagnostics for `uri` whose list satisfies predicate."""
        m = self.wait_for(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri and predicate(m["params"]["diagnostics"]),
            timeout, "diagnostics for %s" % uri)
        return m["params"]["diagnostics"]

    def close(self, timeout=10):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            raise AssertionError("the server did not exit after its input closed")
