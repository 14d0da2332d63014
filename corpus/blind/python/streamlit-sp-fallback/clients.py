import logging
import os

import streamlit as st
from databricks.sdk import WorkspaceClient

log = logging.getLogger(__name__)
HOST = os.environ.get("DATABRICKS_HOST")


def workspace_client() -> WorkspaceClient:
    token = st.context.headers.get("x-forwarded-access-token")
    if token:
        return WorkspaceClient(host=HOST, token=token, auth_type="pat")
    log.warning("no on-behalf-of token; using the app identity")
    return WorkspaceClient()


@st.cache_resource
def admin_client() -> WorkspaceClient:
    return WorkspaceClient(
        host=HOST,
        client_id=os.environ["DATABRICKS_CLIENT_ID"],
        client_secret=os.environ["DATABRICKS_CLIENT_SECRET"],
    )
