import logging
from typing import Annotated

from databricks import sql
from databricks.sdk.core import Config
from fastapi import Depends, FastAPI, Header, HTTPException
from pydantic import BaseModel

from clients import HOST, WAREHOUSE_ID, pat_client, sp_client, user_client

log = logging.getLogger("warehouse-api")
app = FastAPI()


def user_token(x_forwarded_access_token: Annotated[str | None, Header()] = None) -> str:
    if x_forwarded_access_token is None:
        raise HTTPException(status_code=401, detail="user token missing")
    return x_forwarded_access_token


Token = Annotated[str, Depends(user_token)]


class QueryIn(BaseModel):
    statement: str


def _rows(resp) -> list[list]:
    return resp.result.data_array if resp.result and resp.result.data_array else []


@app.post("/api/query")
def run_query(body: QueryIn, token: Token) -> list[list]:
    w = user_client(token)
    resp = w.statement_execution.execute_statement(
        warehouse_id=WAREHOUSE_ID, statement=body.statement, wait_timeout="50s")
    return _rows(resp)


@app.get("/api/admin/warehouse-load")
def warehouse_load() -> list[list]:
    resp = sp_client.statement_execution.execute_statement(
        warehouse_id=WAREHOUSE_ID,
        statement="SELECT * FROM system.compute.warehouse_events ORDER BY event_time DESC LIMIT 100",
    )
    return _rows(resp)


@app.get("/api/admin/usage")
def usage() -> list[list]:
    resp = pat_client.statement_execution.execute_statement(
        warehouse_id=WAREHOUSE_ID,
        statement="SELECT sku_name, SUM(usage_quantity) FROM system.billing.usage GROUP BY 1",
    )
    return _rows(resp)


@app.get("/api/export")
def export(token: Token) -> list[dict]:
    log.info("export requested")
    conn_kwargs = {
        "server_hostname": HOST,
        "http_path": f"/sql/1.0/warehouses/{WAREHOUSE_ID}",
        "credentials_provider": lambda: Config().authenticate,
    }
    with sql.connect(**conn_kwargs) as conn, conn.cursor() as cur:
        cur.execute("SELECT * FROM finance.exports.daily")
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]


@app.get("/api/export/mine")
def export_mine(token: Token) -> list[dict]:
    conn_kwargs = {
        "server_hostname": HOST,
        "http_path": f"/sql/1.0/warehouses/{WAREHOUSE_ID}",
        "access_token": token,
    }
    with sql.connect(**conn_kwargs) as conn, conn.cursor() as cur:
        cur.execute("SELECT * FROM finance.exports.daily WHERE owner = current_user()")
        cols = [c[0] for c in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]
