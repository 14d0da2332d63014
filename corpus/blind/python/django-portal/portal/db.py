from django.conf import settings
from databricks import sql


def query(token: str, statement: str, params: dict | None = None) -> list[dict]:
    with sql.connect(
        server_hostname=settings.DATABRICKS_HOST,
        http_path=f"/sql/1.0/warehouses/{settings.DATABRICKS_WAREHOUSE_ID}",
        access_token=token,
    ) as conn, conn.cursor() as cur:
        cur.execute(statement, params or {})
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]
