"""Process-wide helpers shared by the blueprints."""
import os
from functools import lru_cache

from databricks.sdk import WorkspaceClient

HOST = os.environ.get("DATABRICKS_HOST", "")

CURRENT_TOKEN: str | None = None


@lru_cache(maxsize=64)
def client_for(token: str) -> WorkspaceClient:
    return WorkspaceClient(host=HOST, token=token, auth_type="pat")


@lru_cache(maxsize=1)
def app_client() -> WorkspaceClient:
    return WorkspaceClient()


class Workspace:
    token: str | None = None

    @classmethod
    def bind(cls, token: str) -> None:
        cls.token = token

    @classmethod
    def client(cls) -> WorkspaceClient:
        return WorkspaceClient(host=HOST, token=cls.token, auth_type="pat")
