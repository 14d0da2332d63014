"""A headless Neovim session with `obolint server` (tests/lsp/nvim_session.lua).

Usage: nvim_session_test.py OBOLINT_BINARY. Exits 77 (CTest: skipped) when nvim is not
installed (tools/setup.sh --with-test-tools installs Debian's neovim).
"""
import os
import secrets
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_session_test import OBO004_APP  # noqa: E402


def main():
    nvim = shutil.which("nvim")
    if nvim is None:
        print("SKIPPED: nvim is not installed (apt-get install neovim, or "
              "tools/setup.sh --with-test-tools)")
        return 77
    token = "dapi" + secrets.token_hex(16)
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "nvim_session.lua")
    with tempfile.TemporaryDirectory() as root:
        root = os.path.realpath(root)
        with open(os.path.join(root, "app.py"), "w") as f:
            f.write(OBO004_APP)
        out = os.path.join(root, "received.txt")
        env = dict(os.environ, OBOLINT_BINARY=sys.argv[1], OBOLINT_NVIM_ROOT=root,
                   OBOLINT_NVIM_TOKEN=token, OBOLINT_NVIM_OUT=out,
                   XDG_CONFIG_HOME=root, XDG_DATA_HOME=root, XDG_STATE_HOME=root)
        run = subprocess.run([nvim, "--headless", "-n", "-i", "NONE", "--noplugin", "-u", script],
                             cwd=root, env=env, timeout=120, stdin=subprocess.DEVNULL,
                             capture_output=True)
        with open(out) as f:
            received = f.read()
        with open(os.path.join(root, "app.py")) as f:
            assert token not in f.read(), "the buffer was never saved"
    print(received)
    lines = received.splitlines()
    assert not any(l.startswith("timeout") for l in lines), received + run.stderr.decode()
    assert "OBO004 line=9 severity=2 related=1 related_line=8" in lines, received
    obo003 = [l for l in lines if l.startswith("OBO003 line=")]
    assert obo003 and obo003[0].startswith("OBO003 line=11 col=9"), received
    assert token not in received, "the diagnostic showed the token whole"
    assert "modified=true" in lines, "the token was typed into an unsaved buffer"
    assert "OBO003 cleared" in lines and lines[-1] == "done", received
    print("ok: Neovim showed OBO004 with its related location, OBO003 on an unsaved buffer, "
          "and cleared it after the fix")
    return 0


if __name__ == "__main__":
    sys.exit(main())
