"""Sample data served when there is no user token (local development, OBO not enabled).

PM Hub never falls back to the app's service principal: without the signed-in user's token it
shows these rows instead, and the page says so.
"""
from __future__ import annotations

import pandas as pd

PROJECTS = [
    {"project_id": 1, "name": "Warehouse migration", "owner_email": "ana@example.com", "status": "active", "due_date": "2026-12-18"},
    {"project_id": 2, "name": "Q1 planning", "owner_email": "ben@example.com", "status": "planning", "due_date": "2027-01-15"},
    {"project_id": 3, "name": "Customer portal v2", "owner_email": "chloe@example.com", "status": "at_risk", "due_date": "2026-12-05"},
]

TASKS = [
    {"task_id": 11, "project_id": 1, "title": "Inventory legacy tables", "assignee_email": "ana@example.com", "status": "done"},
    {"task_id": 12, "project_id": 1, "title": "Grant Unity Catalog permissions", "assignee_email": "dev@example.com", "status": "in_progress"},
    {"task_id": 21, "project_id": 2, "title": "Collect team capacity", "assignee_email": "ben@example.com", "status": "todo"},
    {"task_id": 31, "project_id": 3, "title": "Fix login redirect", "assignee_email": "chloe@example.com", "status": "blocked"},
    {"task_id": 32, "project_id": 3, "title": "Load test", "assignee_email": "dev@example.com", "status": "todo"},
]

_TABLES = {"projects": PROJECTS, "tasks": TASKS}


def frame(name: str, params: dict | None = None) -> pd.DataFrame:
    """The sample table `name`, filtered by the same named parameters the SQL query uses."""
    rows = _TABLES[name]
    for key, value in (params or {}).items():
        rows = [row for row in rows if row.get(key) == value]
    return pd.DataFrame(rows)
