"""Identity helpers: the headers Databricks Apps adds to every request.

X-Forwarded-Email, X-Forwarded-Preferred-Username and X-Forwarded-User are always present in
Databricks Apps. X-Forwarded-Access-Token (the user's OAuth token) is present only when
user authorization (on-behalf-of-user) is enabled for the app, and never in local development,
so callers must check the token before using it: see pm_hub.db.query_df.
"""
from __future__ import annotations

from flask import request


def get_user_token() -> str | None:
    """The user's OAuth token, or None outside Databricks Apps / without OBO enabled."""
    try:
        return request.headers.get("X-Forwarded-Access-Token") or None
    except RuntimeError:
        # Outside of a request context (local scripts, tests).
        return None


def get_user_email() -> str | None:
    try:
        return request.headers.get("X-Forwarded-Email")
    except RuntimeError:
        return None


def get_user_info() -> dict:
    """Every identity header Databricks Apps forwards (None when absent)."""
    return {
        "email": request.headers.get("X-Forwarded-Email"),
        "username": request.headers.get("X-Forwarded-Preferred-Username"),
        "user": request.headers.get("X-Forwarded-User"),
        "ip": request.headers.get("X-Real-Ip"),
    }
