import os
from typing import Any

from databricks import sql

HOST = os.environ["DATABRICKS_HOST"]
HTTP_PATH = f"/sql/1.0/warehouses/{os.environ['DATABRICKS_WAREHOUSE_ID']}"


class ReportService:
    def __init__(self, token: str) -> None:
        self.token = token

    def _connection(self) -> Any:
        return sql.connect(server_hostname=HOST, http_path=HTTP_PATH,
                           access_token=self.token)

    def monthly(self, year: int) -> list[dict]:
        with self._connection() as conn, conn.cursor() as cur:
            cur.execute("SELECT month, revenue FROM finance.reports.monthly WHERE year = :y",
                        {"y": year})
            return [{"month": m, "revenue": float(r)} for m, r in cur.fetchall()]
