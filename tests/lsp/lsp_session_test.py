"""End-to-end test of `obolint server`: a scripted LSP session over pipes.

Usage: lsp_session_test.py OBOLINT_BINARY
Checks: OBO003 on a token typed into an unsaved buffer (the token is made here, at run time),
cleared when it is removed; OBO004 with the header read as related information, cleared by a
presence check; errors for malformed frames, invalid JSON and unknown methods; a document over
the size limit reported, not analysed; shutdown and exit; no token ever written whole.
"""
import os
import secrets
import sys
import tempfile
import textwrap

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import LspClient  # noqa: E402

OBO004_APP = textwrap.dedent("""\
    from databricks import sql
    from flask import Flask, request

    app = Flask(__name__)


    @app.route("/rows")
    def rows():
        token = request.headers.get("X-Forwarded-Access-Token")
        with sql.connect(server_hostname="h", http_path="/p", access_token=token) as conn:
            return conn.cursor().execute("SELECT 1").fetchall()
    """)
OBO004_FIXED = OBO004_APP.replace(
    '    with sql.connect',
    '    if not token:\n        raise PermissionError("no user token")\n    with sql.connect')


def codes(diagnostics):
    return sorted(d.get("code") for d in diagnostics)


def check_token_in_unsaved_buffer(client, root, token):
    uri = "file://" + os.path.join(root, "settings.py")  # never written to disk
    text = 'HOST = "example.cloud.databricks.com"\n'
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "python", "version": 1, "text": text}})
    assert client.diagnostics(uri) == [], "a clean buffer has no diagnostics"
    typed = text + 'TOKEN = "%s"\n' % token
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": typed}]})
    diags = client.diagnostics(uri, lambda d: d != [])
    obo003 = [d for d in diags if d["code"] == "OBO003"]
    assert obo003, "OBO003 expected, got %s" % diags
    d = obo003[0]
    assert d["severity"] == 1, "BLOCK is an Error"
    assert d["range"]["start"] == {"line": 1, "character": 9}, d["range"]
    assert d["codeDescription"]["href"].endswith("OBO003-hardcoded-token/README.md")
    assert token not in d["message"], "the message shows the token whole"
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3},
                                             "contentChanges": [{"text": text}]})
    assert client.diagnostics(uri) == [], "diagnostics stay after the token was removed"
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []
    print("ok: OBO003 on an unsaved buffer, cleared after the fix")


def check_obo004_related(client, root):
    path = os.path.join(root, "app.py")
    with open(path, "w") as f:
        f.write(OBO004_FIXED)  # the disk has the fixed text, the editor the broken one
    uri = "file://" + path
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "python", "version": 1, "text": OBO004_APP}})
    diags = client.diagnostics(uri, lambda d: d != [])
    obo004 = [d for d in diags if d["code"] == "OBO004"]
    assert obo004, "OBO004 expected, got %s" % diags
    d = obo004[0]
    assert d["severity"] == 2, "FLAG is a Warning"
    related = d.get("relatedInformation", [])
    assert related, "OBO004 carries the header read as related information: %s" % d
    assert related[0]["location"]["uri"] == uri
    assert related[0]["location"]["range"]["start"]["line"] == 8, related
    actions_id = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri}, "range": d["range"], "context": {"diagnostics": [d]}})
    actions = client.response(actions_id)["result"]
    titles = [a["title"] for a in actions]
    assert any("OBO004" in t for t in titles), "a suppression action: %s" % titles
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2},
                                             "contentChanges": [{"text": OBO004_FIXED}]})
    assert "OBO004" not in codes(client.diagnostics(uri, lambda d: "OBO004" not in codes(d)))
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    assert client.diagnostics(uri) == []
    print("ok: OBO004 with related information, a code action, cleared after the fix")


def check_malformed_input(client, root):
    client.send_bytes(b"Content-Length: 9\r\n\r\n{not json")
    m = client.wait_for(lambda m: m.get("error", {}).get("code") == -32700, what="parse error")
    assert m["id"] is None
    client.send_bytes(b"Content-Type: text/plain\r\n\r\n")
    client.wait_for(lambda m: "error" in m and "Content-Length" in m["error"]["message"],
                    what="an error for a header block without Content-Length")
    client.send_bytes(b"Content-Length: many\r\n\r\n")
    client.wait_for(lambda m: "error" in m and "not a number" in m["error"]["message"],
                    what="an error for a non-numeric Content-Length")
    client.send({"jsonrpc": "2.0", "id": "x", "method": 42})
    assert client.response("x")["error"]["code"] == -32600
    client.send_bytes(b"Content-Length: 2\r\n\r\n[]")
    client.wait_for(lambda m: m.get("error", {}).get("code") == -32600, what="batch refused")
    client.send_bytes(b"Content-Length: 1002\r\n\r\n" + b"[" * 1001 + b"]")
    client.wait_for(lambda m: "nested" in m.get("error", {}).get("message", ""),
                    what="deep nesting refused")
    unknown = client.request("obolint/noSuchMethod", {})
    assert client.response(unknown)["error"]["code"] == -32601
    client.notify("obolint/noSuchNotification", {})  # ignored: no answer
    bad = client.request("textDocument/codeAction", {"textDocument": {}})
    assert client.response(bad)["error"]["code"] == -32602
    print("ok: malformed frames, invalid JSON, unknown methods and bad params get errors")


def check_huge_document(client, root, token):
    uri = "file://" + os.path.join(root, "huge.py")
    text = "x = 1\n" * (11 * 1024 * 1024 // 6) + 'T = "%s"\n' % token
    client.notify("textDocument/didOpen", {"textDocument": {
        "uri": uri, "languageId": "python", "version": 1, "text": text}})
    diags = client.diagnostics(uri, timeout=60)
    assert len(diags) == 1 and diags[0]["severity"] == 3, diags
    assert "size limit" in diags[0]["message"], diags
    client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    client.diagnostics(uri)
    print("ok: a document over the size limit is reported, not analysed")


def main():
    binary = sys.argv[1]
    token = "dapi" + secrets.token_hex(16)
    with tempfile.TemporaryDirectory() as root:
        root = os.path.realpath(root)
        client = LspClient(binary, root)
        early = client.request("textDocument/codeAction", {})
        assert client.response(early)["error"]["code"] == -32002, "not initialized yet"
        init = client.request("initialize", {"processId": None, "rootUri": "file://" + root,
                                             "capabilities": {}})
        caps = client.response(init)["result"]["capabilities"]
        assert caps["textDocumentSync"]["change"] == 1
        client.notify("initialized", {})
        check_token_in_unsaved_buffer(client, root, token)
        check_obo004_related(client, root)
        check_malformed_input(client, root)
        check_huge_document(client, root, token)
        done = client.request("shutdown")
        assert client.response(done)["result"] is None
        client.notify("exit")
        status = client.close()
        assert status == 0, "exit after shutdown is status 0, got %s" % status
        assert token.encode() not in client.raw, "the server wrote the token whole"
        stderr = client.proc.stderr.read()
        assert token.encode() not in stderr, "the server logged the token whole"
    print("ok: shutdown and exit; the token never left the server whole")


if __name__ == "__main__":
    main()
