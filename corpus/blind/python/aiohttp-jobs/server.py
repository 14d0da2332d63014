import logging
import os

from aiohttp import web
from databricks.sdk import WorkspaceClient

from api import TOKEN_HEADER, auth_headers, get_json, post_json

log = logging.getLogger("jobs")
routes = web.RouteTableDef()


@routes.get("/jobs")
async def list_jobs(request: web.Request) -> web.Response:
    token = request.headers.get(TOKEN_HEADER)
    data = await get_json("/jobs/list", {"Authorization": f"Bearer {token}"}, limit=25)
    return web.json_response([j["settings"]["name"] for j in data.get("jobs", [])])


@routes.get("/jobs/{job_id}/runs")
async def list_runs(request: web.Request) -> web.Response:
    data = await get_json("/jobs/runs/list", auth_headers(request),
                          job_id=request.match_info["job_id"])
    return web.json_response(data.get("runs", []))


@routes.post("/jobs/{job_id}/run")
async def run_job(request: web.Request) -> web.Response:
    token = request.headers.get(TOKEN_HEADER)
    if not token:
        raise web.HTTPUnauthorized(text="user authorization required")
    headers = {"Authorization": f"Bearer {token}"}
    run = await post_json("/jobs/run-now", headers, {"job_id": int(request.match_info["job_id"])})
    return web.json_response(run)


@routes.get("/clusters")
async def clusters(request: web.Request) -> web.Response:
    token = request.headers.get(TOKEN_HEADER)
    if token:
        headers = {"Authorization": f"Bearer {token}"}
    else:
        headers = {"Authorization": f"Bearer {os.environ['DATABRICKS_TOKEN']}"}
    data = await get_json("/clusters/list", headers)
    return web.json_response([c["cluster_name"] for c in data.get("clusters", [])])


@routes.get("/me")
async def me(request: web.Request) -> web.Response:
    token = request.headers.get(TOKEN_HEADER)
    if not token:
        return web.json_response({"error": "no token"}, status=401)
    if "client" not in request.app:
        request.app["client"] = WorkspaceClient(host=os.environ["DATABRICKS_HOST"], token=token,
                                                auth_type="pat")
    user = request.app["client"].current_user.me()
    return web.json_response({"user": user.user_name})


def main() -> None:
    app = web.Application()
    app.add_routes(routes)
    web.run_app(app, port=int(os.environ.get("DATABRICKS_APP_PORT", "8000")))


if __name__ == "__main__":
    main()
