import logging
from contextlib import contextmanager
from typing import Any, Iterator

from databricks import sql
from databricks.sdk.core import Config

import settings

log = logging.getLogger(__name__)

# Only used to resolve the workspace host from the environment.
_cfg = Config()


@contextmanager
def user_connection(token: str) -> Iterator[Any]:
    conn = sql.connect(
        server_hostname=_cfg.host,
        http_path=f"/sql/1.0/warehouses/{settings.WAREHOUSE_ID}",
        access_token=token,
    )
    try:
        yield conn
    finally:
        conn.close()


def run_query(token: str, query: str, params: dict | None = None) -> list[dict]:
    with user_connection(token) as conn:
        with conn.cursor() as cur:
            cur.execute(query, parameters=params or {})
            cols = [d[0] for d in cur.description]
            return [dict(zip(cols, row)) for row in cur.fetchall()]
