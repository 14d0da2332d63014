import logging
import os

from databricks.sdk import WorkspaceClient
from databricks.sdk.core import Config
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from reports import HOST, ReportService

log = logging.getLogger("reports")
TOKEN_HEADER = "x-forwarded-access-token"


class ForwardedIdentity(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        request.state.token = request.headers.get(TOKEN_HEADER)
        request.state.email = request.headers.get("x-forwarded-email")
        return await call_next(request)


def _client_for(request: Request) -> WorkspaceClient:
    token = request.state.token
    if token:
        return WorkspaceClient(config=Config(host=HOST, token=token, auth_type="pat"))
    log.info("no user token for %s, using app credentials", request.url.path)
    return WorkspaceClient(config=Config(host=HOST, client_id=os.environ["DATABRICKS_CLIENT_ID"],
                                         client_secret=os.environ["DATABRICKS_CLIENT_SECRET"]))


async def monthly(request: Request) -> JSONResponse:
    token = request.headers[TOKEN_HEADER]
    year = int(request.query_params.get("year", "2024"))
    return JSONResponse(ReportService(token).monthly(year))


async def dashboards(request: Request) -> JSONResponse:
    w = _client_for(request)
    return JSONResponse([{"id": d.dashboard_id, "name": d.display_name} for d in w.lakeview.list()])


async def health(_: Request) -> JSONResponse:
    return JSONResponse({"ok": True})


app = Starlette(
    routes=[Route("/reports/monthly", monthly), Route("/dashboards", dashboards),
            Route("/healthz", health)],
    middleware=[Middleware(ForwardedIdentity)],
)
