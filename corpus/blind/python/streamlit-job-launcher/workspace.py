import logging

import streamlit as st
from databricks.sdk import WorkspaceClient

from config import FALLBACK_PAT, HOST

log = logging.getLogger(__name__)


def forwarded_token() -> str | None:
    return st.context.headers.get("X-Forwarded-Access-Token")


def launcher_client() -> WorkspaceClient:
    token = forwarded_token()
    match token:
        case None:
            log.info("no forwarded token, launching as the app")
            return WorkspaceClient()
        case _:
            return WorkspaceClient(host=HOST, token=token, auth_type="pat")


def history_client() -> WorkspaceClient:
    token = forwarded_token()
    return WorkspaceClient(host=HOST, token=token or FALLBACK_PAT, auth_type="pat")


def local_client(pasted: str) -> WorkspaceClient:
    return WorkspaceClient(host=HOST, token=pasted, auth_type="pat")
