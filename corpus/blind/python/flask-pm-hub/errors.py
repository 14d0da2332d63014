class MissingToken(Exception):
    """Raised when the Databricks Apps proxy did not forward a user token."""


def require_token(token: str | None) -> str:
    if not token:
        raise MissingToken("X-Forwarded-Access-Token header is missing")
    return token
