import logging
import os
from typing import Annotated

from databricks.sdk import WorkspaceClient
from fastapi import FastAPI, Header, Request

from services import HOST, WAREHOUSE_ID, LakeviewService, sql_conn

log = logging.getLogger("embed")
app = FastAPI()
TILES = {"revenue": "SELECT day, revenue FROM gold.finance.daily_revenue ORDER BY day"}


def _rows(resp) -> list[list]:
    return resp.result.data_array if resp.result and resp.result.data_array else []


@app.get("/dashboards")
def dashboards() -> list[dict]:
    return LakeviewService.instance().dashboards()


@app.get("/tiles/{tile}")
def tile(tile: str, x_forwarded_access_token: Annotated[str | None, Header()] = None):
    if x_forwarded_access_token:
        w = WorkspaceClient(host=HOST, token=x_forwarded_access_token, auth_type="pat")
        return _rows(w.statement_execution.execute_statement(
            warehouse_id=WAREHOUSE_ID, statement=TILES[tile], wait_timeout="30s"))
    return _rows(LakeviewService.instance().tile_data(TILES[tile]))


@app.get("/tiles/{tile}/sql")
def tile_sql(tile: str, request: Request):
    headers = dict(request.headers)
    with sql_conn(headers.get("x-forwarded-access-token")) as conn, conn.cursor() as cur:
        cur.execute(TILES[tile])
        return [list(r) for r in cur.fetchall()]


@app.get("/tiles/{tile}/pat")
def tile_pat(tile: str, request: Request):
    token = request.headers.get("x-forwarded-access-token")
    if token:
        client = WorkspaceClient(host=HOST, token=token, auth_type="pat")
    else:
        client = WorkspaceClient(host=HOST, token=os.getenv("DATABRICKS_TOKEN"), auth_type="pat")
    return [i.name for i in client.warehouses.list()]
