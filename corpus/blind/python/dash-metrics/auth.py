from flask import has_request_context, request

HEADER = "X-Forwarded-Access-Token"


def current_token() -> str | None:
    """Token of the signed-in user, or None outside Databricks Apps."""
    if not has_request_context():
        return None
    headers = {k.lower(): v for k, v in request.headers.items()}
    return headers.get(HEADER.lower())


def current_email() -> str:
    return request.headers.get("X-Forwarded-Email", "local-dev")
