import os
from typing import Any

from databricks import sql
from databricks.sdk import WorkspaceClient
from flask import request

from errors import require_token

HOST = os.environ.get("DATABRICKS_HOST", "")
WAREHOUSE_ID = os.environ.get("DATABRICKS_WAREHOUSE_ID", "")
TOKEN_HEADER = "X-Forwarded-Access-Token"


class ProjectRepository:
    def __init__(self, token: str | None) -> None:
        self._token = require_token(token)
        self._client: WorkspaceClient | None = None

    def _ensure_client(self) -> WorkspaceClient:
        if self._client is None:
            self._client = WorkspaceClient(host=HOST, token=self._token, auth_type="pat")
        return self._client

    def list_projects(self) -> list[list]:
        resp = self._ensure_client().statement_execution.execute_statement(
            warehouse_id=WAREHOUSE_ID,
            statement="SELECT id, name, owner FROM pm.core.projects ORDER BY name",
            wait_timeout="30s",
        )
        return resp.result.data_array or []


class TaskRepository:
    def __init__(self) -> None:
        self.token = request.headers.get(TOKEN_HEADER)
        self._conn: Any = None

    def _ensure_conn(self) -> Any:
        if self._conn is None:
            self._conn = sql.connect(server_hostname=HOST,
                                     http_path=f"/sql/1.0/warehouses/{WAREHOUSE_ID}",
                                     access_token=self.token)
        return self._conn

    def open_tasks(self, project_id: int) -> list[tuple]:
        with self._ensure_conn().cursor() as cur:
            cur.execute("SELECT id, title FROM pm.core.tasks WHERE project_id = :p AND done = false",
                        {"p": project_id})
            return cur.fetchall()
