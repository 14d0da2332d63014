import os

import pandas as pd
import streamlit as st
from databricks import sql
from databricks.sdk.core import Config

cfg = Config()
HTTP_PATH = f"/sql/1.0/warehouses/{os.environ['DATABRICKS_WAREHOUSE_ID']}"


@st.cache_resource(ttl=3600)
def get_connection(token: str):
    return sql.connect(server_hostname=cfg.host, http_path=HTTP_PATH, access_token=token)


@st.cache_data(ttl=300)
def list_tables(_conn, catalog: str, schema: str) -> pd.DataFrame:
    with _conn.cursor() as cur:
        cur.tables(catalog_name=catalog, schema_name=schema)
        return cur.fetchall_arrow().to_pandas()


def preview(conn, table: str, limit: int = 100) -> pd.DataFrame:
    with conn.cursor() as cur:
        cur.execute(f"SELECT * FROM {table} LIMIT {int(limit)}")
        return cur.fetchall_arrow().to_pandas()
