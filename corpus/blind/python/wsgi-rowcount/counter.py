import os

from databricks import sql

HOST = os.environ.get("DATABRICKS_HOST", "")
HTTP_PATH = "/sql/1.0/warehouses/" + os.environ.get("DATABRICKS_WAREHOUSE_ID", "")
TABLE = os.environ.get("ROWCOUNT_TABLE", "main.default.events")


def count_rows(token: str) -> int:
    with sql.connect(server_hostname=HOST, http_path=HTTP_PATH, access_token=token) as conn:
        with conn.cursor() as cur:
            cur.execute(f"SELECT COUNT(*) FROM {TABLE}")
            return int(cur.fetchone()[0])
