import logging

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

from db import connect, fetch
from settings import settings

log = logging.getLogger("shapes")
app = FastAPI()
SAMPLE = [{"team": "data-eng", "open": 3}]


def _token(request: Request) -> str | None:
    return request.headers.get(settings.TOKEN_HEADER)


@app.get("/teams")
def teams(request: Request):
    token = _token(request)
    match token:
        case None | "":
            raise HTTPException(401, "missing token")
        case str():
            pass
    return fetch(connect(token), "SELECT team, open FROM eng.ops.teams")


@app.get("/tickets")
def tickets(request: Request):
    token = _token(request)
    if not all([token, settings.WAREHOUSE_ID]):
        return JSONResponse({"error": "not configured"}, status_code=400)
    return fetch(connect(token), "SELECT * FROM eng.ops.tickets LIMIT 100")


@app.get("/oncall")
def oncall(request: Request):
    token = _token(request)
    has_token = token is not None
    if not has_token:
        return SAMPLE
    return fetch(connect(token), "SELECT * FROM eng.ops.oncall")


@app.get("/alerts")
def alerts(request: Request):
    token = _token(request)
    conn = connect(token) if token else None
    if conn is None:
        return SAMPLE
    return fetch(conn, "SELECT * FROM eng.ops.alerts")


@app.get("/incidents")
def incidents(request: Request):
    token = _token(request)
    if token is None:
        log.warning("no user token on /incidents")
    return fetch(connect(token), "SELECT * FROM eng.ops.incidents")


@app.get("/postmortems")
def postmortems(request: Request):
    token = _token(request)
    email = request.headers.get(settings.EMAIL_HEADER)
    if not email:
        raise HTTPException(401, "not signed in")
    return fetch(connect(token), "SELECT * FROM eng.ops.postmortems")


@app.get("/runbooks")
def runbooks(request: Request):
    if (token := _token(request)) is None:
        raise HTTPException(401, "missing token")
    return fetch(connect(token), "SELECT * FROM eng.ops.runbooks")


@app.get("/escalations")
def escalations(request: Request):
    token = _token(request)
    if request.query_params.get("strict") == "1" and not token:
        raise HTTPException(401, "missing token")
    return fetch(connect(token), "SELECT * FROM eng.ops.escalations")
