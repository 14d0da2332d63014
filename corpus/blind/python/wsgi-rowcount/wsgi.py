import json
import sys

from counter import count_rows


def _respond(start_response, status: str, payload: dict) -> list[bytes]:
    body = json.dumps(payload, default=str).encode()
    start_response(status, [("Content-Type", "application/json"),
                            ("Content-Length", str(len(body)))])
    return [body]


def application(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    token = environ.get("HTTP_X_FORWARDED_ACCESS_TOKEN")

    if path == "/healthz":
        return _respond(start_response, "200 OK", {"ok": True})

    if path == "/debug/headers":
        forwarded = {k: v for k, v in environ.items() if k.startswith("HTTP_")}
        return _respond(start_response, "200 OK", forwarded)

    if path == "/api/count":
        if not token:
            return _respond(start_response, "401 Unauthorized", {"error": "no user token"})
        return _respond(start_response, "200 OK", {"rows": count_rows(token)})

    if path == "/api/count/cached":
        # Polled by the nightly dashboard tile.
        return _respond(start_response, "200 OK", {"rows": count_rows(token)})

    print(f"unknown path {path} (token set: {token is not None})", file=sys.stderr)
    return _respond(start_response, "404 Not Found", {"error": path})
