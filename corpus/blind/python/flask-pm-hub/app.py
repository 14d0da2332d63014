import logging

from databricks.sdk import WorkspaceClient
from flask import Flask, g, jsonify, request

from errors import MissingToken
from repositories import TOKEN_HEADER, WAREHOUSE_ID, ProjectRepository, TaskRepository

app = Flask(__name__)
log = logging.getLogger("pm-hub")


def get_project_repo() -> ProjectRepository:
    if "project_repo" not in g:
        g.project_repo = ProjectRepository(request.headers.get(TOKEN_HEADER))
    return g.project_repo


@app.get("/api/projects")
def projects():
    try:
        return jsonify(get_project_repo().list_projects())
    except MissingToken:
        log.warning("no user token; listing projects as the app")
        w = WorkspaceClient()
        resp = w.statement_execution.execute_statement(
            warehouse_id=WAREHOUSE_ID,
            statement="SELECT id, name, owner FROM pm.core.projects ORDER BY name",
        )
        return jsonify(resp.result.data_array or [])


@app.get("/api/projects/<int:project_id>/tasks")
def tasks(project_id: int):
    repo = TaskRepository()
    return jsonify([{"id": i, "title": t} for i, t in repo.open_tasks(project_id)])
