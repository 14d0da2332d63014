import os

import pandas as pd
import panel as pn
from databricks import sql
from databricks.sdk.core import Config

_cfg = Config()
HTTP_PATH = f"/sql/1.0/warehouses/{os.environ.get('DATABRICKS_WAREHOUSE_ID', '')}"
TOKEN_HEADER = "X-Forwarded-Access-Token"


def session_token() -> str | None:
    return pn.state.headers.get(TOKEN_HEADER)


def cached_connection():
    token = session_token()
    if "conn" not in pn.state.cache:
        pn.state.cache["conn"] = sql.connect(
            server_hostname=_cfg.host,
            http_path=HTTP_PATH,
            access_token=token,
        )
    return pn.state.cache["conn"]


def fresh_frame(statement: str) -> pd.DataFrame:
    token = session_token()
    if token is None:
        return pd.DataFrame({"note": ["Run this app inside Databricks to see live data"]})
    with sql.connect(server_hostname=_cfg.host, http_path=HTTP_PATH, access_token=token) as conn:
        with conn.cursor() as cur:
            cur.execute(statement)
            return cur.fetchall_arrow().to_pandas()


def fallback_frame(statement: str) -> pd.DataFrame:
    token = session_token()
    conn = (sql.connect(server_hostname=_cfg.host, http_path=HTTP_PATH, access_token=token)
            if token
            else sql.connect(server_hostname=_cfg.host, http_path=HTTP_PATH,
                             credentials_provider=lambda: _cfg.authenticate))
    with conn, conn.cursor() as cur:
        cur.execute(statement)
        return cur.fetchall_arrow().to_pandas()
