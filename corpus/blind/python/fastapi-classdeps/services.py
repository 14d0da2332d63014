import logging
import os
from typing import Annotated, Any

from databricks import sql
from fastapi import Header, HTTPException, Request

from models import ForwardedHeaders

log = logging.getLogger(__name__)

HOST = os.environ.get("DATABRICKS_HOST", "")
HTTP_PATH = f"/sql/1.0/warehouses/{os.environ.get('DATABRICKS_WAREHOUSE_ID', '')}"


class WarehouseService:
    """Per-request service; FastAPI builds it through Depends()."""

    def __init__(self, request: Request) -> None:
        self.token = request.headers.get("x-forwarded-access-token")
        self.email = request.headers.get("x-forwarded-email")
        self._conn: Any = None

    def _ensure_conn(self) -> Any:
        if self._conn is None:
            log.info("opening warehouse connection for %s", self.email)
            self._conn = sql.connect(server_hostname=HOST, http_path=HTTP_PATH,
                                     access_token=self.token)
        return self._conn

    def query(self, statement: str) -> list[tuple]:
        with self._ensure_conn().cursor() as cur:
            cur.execute(statement)
            return cur.fetchall()


class CheckedWarehouseService:
    def __init__(self, headers: Annotated[ForwardedHeaders, Header()]) -> None:
        if not headers.x_forwarded_access_token:
            raise HTTPException(status_code=401, detail="missing user token")
        self._token = headers.x_forwarded_access_token
        self.user = headers.x_forwarded_preferred_username

    def connect(self) -> Any:
        return sql.connect(server_hostname=HOST, http_path=HTTP_PATH,
                           access_token=self._token)
