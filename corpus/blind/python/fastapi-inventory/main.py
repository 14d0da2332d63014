import logging

from databricks import sql
from fastapi import APIRouter, Depends, FastAPI, Header, Request

from config import settings
from deps import Connection, UserToken, require_user_token

log = logging.getLogger("inventory")
app = FastAPI(title="Inventory")

secured = APIRouter(prefix="/api", dependencies=[Depends(require_user_token)])
legacy = APIRouter(prefix="/legacy")


@secured.get("/stock")
def stock(conn: Connection) -> list[dict]:
    with conn.cursor() as cur:
        cur.execute(f"SELECT sku, qty FROM {settings.catalog}.core.stock")
        return [{"sku": sku, "qty": qty} for sku, qty in cur.fetchall()]


@secured.get("/stock/{sku}")
def stock_item(sku: str, token: UserToken = None) -> dict:
    # The router dependency already rejected requests without the header.
    with sql.connect(server_hostname=settings.host, http_path=settings.http_path,
                     access_token=token) as conn:
        with conn.cursor() as cur:
            cur.execute(f"SELECT qty FROM {settings.catalog}.core.stock WHERE sku = :sku",
                        {"sku": sku})
            row = cur.fetchone()
    return {"sku": sku, "qty": row[0] if row else 0}


@legacy.get("/warehouses")
def warehouses(x_forwarded_access_token: str | None = Header(default=None)) -> list[str]:
    with sql.connect(
        server_hostname=settings.host,
        http_path=settings.http_path,
        access_token=x_forwarded_access_token,
    ) as conn:
        with conn.cursor() as cur:
            cur.execute(f"SHOW SCHEMAS IN {settings.catalog}")
            return [r[0] for r in cur.fetchall()]


@legacy.get("/audit")
def audit(x_forwarded_access_token: str = Header(...)) -> list[dict]:
    # Required header: FastAPI answers 422 when it is absent.
    with sql.connect(
        server_hostname=settings.host,
        http_path=settings.http_path,
        access_token=x_forwarded_access_token,
    ) as conn:
        with conn.cursor() as cur:
            cur.execute(f"SELECT * FROM {settings.catalog}.core.audit ORDER BY ts DESC LIMIT 50")
            return [dict(zip([d[0] for d in cur.description], r)) for r in cur.fetchall()]


@app.get("/debug/headers")
def debug_headers(request: Request) -> dict:
    log.info("debug headers requested")
    return dict(request.headers)


app.include_router(secured)
app.include_router(legacy)
