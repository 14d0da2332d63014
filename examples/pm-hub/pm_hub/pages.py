"""PM Hub pages and JSON API (Flask blueprint)."""
from __future__ import annotations

import logging

from flask import Blueprint, abort, jsonify, render_template_string, request

from pm_hub import db
from pm_hub.auth import get_user_email, get_user_info

logger = logging.getLogger(__name__)

bp = Blueprint("pages", __name__)

_PAGE = """<!doctype html>
<html>
<head><title>PM Hub - {{ title }}</title></head>
<body>
  <header>
    <a href="/">PM Hub</a> &middot; signed in as {{ email or "local developer" }}
    {% if sample %}<strong>(sample data: no user token, OBO not enabled or local run)</strong>{% endif %}
  </header>
  <h1>{{ title }}</h1>
  {% if error %}<p class="error">{{ error }}</p>{% endif %}
  {{ table | safe }}
</body>
</html>"""


def _render(title: str, table_html: str = "", error: str | None = None):
    return render_template_string(
        _PAGE,
        title=title,
        table=table_html,
        error=error,
        email=get_user_email(),
        sample=db.using_sample_data(),
    )


@bp.before_app_request
def log_request():
    # Identity headers are always present in Databricks Apps and are not credentials.
    logger.info("%s %s by %s", request.method, request.path, request.headers.get("X-Forwarded-Email"))  # ok


@bp.route("/")
def index():
    try:
        projects = db.list_projects()
    except db.QueryError as e:
        return _render("Projects", error=str(e)), 502
    return _render("Projects", projects.to_html(index=False))


@bp.route("/projects/<int:project_id>")
def project(project_id: int):
    try:
        projects = db.get_project(project_id)
        tasks = db.list_tasks(project_id)
    except db.QueryError as e:
        return _render("Project", error=str(e)), 502
    if projects.empty:
        abort(404)
    name = projects.iloc[0]["name"]
    return _render(f"Project: {name}", tasks.to_html(index=False))


@bp.route("/api/projects")
def api_projects():
    try:
        return jsonify(db.list_projects().to_dict(orient="records"))
    except db.QueryError as e:
        return jsonify(error=str(e)), 502


@bp.route("/api/me")
def api_me():
    return jsonify({**get_user_info(), "sample_data": db.using_sample_data()})


@bp.route("/healthz")
def healthz():
    return "ok"
