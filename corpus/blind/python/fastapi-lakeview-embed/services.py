import os

from databricks import sql
from databricks.sdk import WorkspaceClient
from databricks.sdk.core import Config, oauth_service_principal

HOST = os.environ.get("DATABRICKS_HOST", "")
WAREHOUSE_ID = os.environ.get("DATABRICKS_WAREHOUSE_ID", "")
HTTP_PATH = f"/sql/1.0/warehouses/{WAREHOUSE_ID}"


def sp_provider():
    return oauth_service_principal(Config(host=f"https://{HOST}",
                                          client_id=os.environ["DATABRICKS_CLIENT_ID"],
                                          client_secret=os.environ["DATABRICKS_CLIENT_SECRET"]))


class LakeviewService:
    _instance: "LakeviewService | None" = None

    def __init__(self) -> None:
        self._client: WorkspaceClient | None = None

    @classmethod
    def instance(cls) -> "LakeviewService":
        if cls._instance is None:
            cls._instance = cls()
        return cls._instance

    def _ensure_client(self) -> WorkspaceClient:
        if self._client is None:
            self._client = WorkspaceClient()
        return self._client

    def dashboards(self) -> list[dict]:
        return [{"id": d.dashboard_id, "name": d.display_name}
                for d in self._ensure_client().lakeview.list()]

    def tile_data(self, statement: str):
        return self._ensure_client().statement_execution.execute_statement(
            warehouse_id=WAREHOUSE_ID, statement=statement, wait_timeout="30s")


def sql_conn(token: str | None):
    if token is not None:
        return sql.connect(server_hostname=HOST, http_path=HTTP_PATH, access_token=token)
    return sql.connect(server_hostname=HOST, http_path=HTTP_PATH, credentials_provider=sp_provider)
