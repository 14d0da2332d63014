from typing import Any

from databricks import sql

from settings import settings


def connect(token: str) -> Any:
    return sql.connect(
        server_hostname=settings.HOST,
        http_path=f"/sql/1.0/warehouses/{settings.WAREHOUSE_ID}",
        access_token=token,
    )


def fetch(conn: Any, statement: str) -> list[dict]:
    with conn, conn.cursor() as cur:
        cur.execute(statement)
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]
