"""v1 report endpoints (/legacy/...), registered only when PM_HUB_LEGACY_REPORTS=1.

Written for PM Hub v1, which always ran inside Databricks Apps with user authorization on, so
the forwarded token was assumed to be there; the hotfixes below "handle" a missing token by
connecting with other credentials. Kept as the anti-patterns obolint reports; the v2 pages in
pm_hub/pages.py replace them.
"""
from __future__ import annotations

import logging
import os

from databricks.sdk import WorkspaceClient
from flask import Blueprint, jsonify, request

from pm_hub.db import execute_query, get_connection

bp = Blueprint("legacy_reports", __name__, url_prefix="/legacy")
logger = logging.getLogger(__name__)

PROJECTS_SQL = "SELECT * FROM workspace.project_management.projects"
OVERDUE_SQL = (
    "SELECT project_id, name, owner_email, due_date FROM workspace.project_management.projects "
    "WHERE due_date < current_date() AND status <> 'done'"
)


def _records(df):
    return jsonify(df.to_dict(orient="records"))


@bp.route("/projects")
def projects_report():
    token = request.headers.get("X-Forwarded-Access-Token")
    # Missing: what if the token is None? (local dev, user authorization not enabled)
    return _records(execute_query(token, PROJECTS_SQL))  # expect: OBO004


@bp.route("/overdue")
def overdue_report():
    token = request.headers.get("X-Forwarded-Access-Token")
    if not token:
        # Hotfix for local runs: use the developer's personal access token from the environment.
        return _records(execute_query(os.environ["DATABRICKS_TOKEN"], OVERDUE_SQL))  # expect: OBO005
    return _records(execute_query(token, OVERDUE_SQL))  # ok


@bp.route("/me")
def whoami():
    token = request.headers.get("X-Forwarded-Access-Token")
    if not token:
        # No OBO header: ask the workspace who we are instead.
        w = WorkspaceClient()  # expect: OBO005
        return jsonify(user=w.current_user.me().user_name)
    return jsonify(user=request.headers.get("X-Forwarded-Email"))  # ok


# v1 kept one connection for the whole process "to save the handshake" and logged the token to
# debug a 401: both are still here.
_report_connection = None


@bp.route("/status")
def status_report():
    global _report_connection
    token = request.headers.get("X-Forwarded-Access-Token")
    if not token:
        return jsonify(status="sample data"), 200
    logger.debug("status report with token %s", token)  # expect: OBO008
    if _report_connection is None:
        _report_connection = get_connection(token)  # expect: OBO007
    with _report_connection.cursor() as cursor:
        cursor.execute("SELECT status, count(*) FROM workspace.project_management.projects GROUP BY status")
        return jsonify(cursor.fetchall())
