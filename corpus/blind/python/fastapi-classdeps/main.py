from typing import Annotated

from databricks.sdk import WorkspaceClient
from fastapi import Depends, FastAPI, Header

from models import ForwardedHeaders, TableInfo
from services import HOST, CheckedWarehouseService, WarehouseService

app = FastAPI()

Headers = Annotated[ForwardedHeaders, Header()]


@app.get("/tables", response_model=list[TableInfo])
def tables(svc: Annotated[WarehouseService, Depends()]):
    return [TableInfo(name=r[1]) for r in svc.query("SHOW TABLES IN main.default")]


@app.get("/tables/owned", response_model=list[TableInfo])
def owned_tables(svc: Annotated[CheckedWarehouseService, Depends()]):
    with svc.connect() as conn, conn.cursor() as cur:
        cur.execute("SELECT table_name, table_owner FROM system.information_schema.tables "
                    "WHERE table_owner = current_user()")
        return [TableInfo(name=n, owner=o) for n, o in cur.fetchall()]


@app.get("/profile")
def profile(headers: Headers) -> dict:
    client = WorkspaceClient(host=HOST, token=headers.x_forwarded_access_token, auth_type="pat")
    me = client.current_user.me()
    return {"user": me.user_name, "groups": [g.display for g in me.groups or []]}


@app.get("/me")
def me(headers: Headers) -> dict:
    return {"email": headers.x_forwarded_email, "name": headers.x_forwarded_preferred_username}
