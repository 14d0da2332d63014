import logging
import os

from databricks.sdk import WorkspaceClient
from flask import Flask, g, jsonify, request

import state

app = Flask(__name__)
log = logging.getLogger("sync")


@app.before_request
def capture_identity():
    g.token = request.headers.get("X-Forwarded-Access-Token")
    g.email = request.headers.get("X-Forwarded-Email")
    state.CURRENT_TOKEN = g.token


@app.get("/api/notebooks")
def notebooks():
    if not g.token:
        return jsonify(error="missing token"), 401
    w = state.client_for(g.token)
    path = request.args.get("path", f"/Users/{g.email}")
    return jsonify([o.path for o in w.workspace.list(path)])


@app.get("/api/repos")
def repos():
    token = g.token
    if token is None:
        return jsonify(error="missing token"), 401
    state.Workspace.bind(token)
    return jsonify([r.path for r in state.Workspace.client().repos.list()])


@app.post("/api/sync")
def sync():
    token = request.headers.get("X-Forwarded-Access-Token")
    if not token:
        return jsonify(error="missing token"), 401
    os.environ["DATABRICKS_TOKEN"] = token
    w = WorkspaceClient(host=state.HOST)
    log.info("sync started by %s", g.email)
    return jsonify([c.cluster_name for c in w.clusters.list()])


@app.get("/api/health")
def health():
    return jsonify(ok=True, workspace=state.app_client().config.host)
