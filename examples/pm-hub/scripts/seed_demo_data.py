"""Create and fill the PM Hub demo tables, then refresh the demo dashboard job.

Run from a laptop before a demo: `python scripts/seed_demo_data.py`. It connects with a
developer's personal access token, which is acceptable for a one-off script, but the way the
token gets here is not: see the hardcoded credentials below (obolint reports them).
"""
from __future__ import annotations

import hashlib
import os

import requests
from databricks import sql
from databricks.sdk import WorkspaceClient

HOST = os.getenv("DATABRICKS_HOST", "https://adb-1234567890123456.7.azuredatabricks.net")
WAREHOUSE_ID = os.getenv("DATABRICKS_SQL_WAREHOUSE_ID", "1a2b3c4d5e6f7a8b")
# "Works out of the box" default for the demo laptop.
TOKEN = os.getenv("DATABRICKS_TOKEN", "pmhub-demo-laptop-token-2026")  # expect: OBO003
REFRESH_JOB_ID = 912345678
# From a colleague's ~/.databricks/token-cache.json, "so the script works unattended" (fake).
REFRESH_TOKEN = "doau5c2e8f1a7b4d90e36c1f8a2b7d4e9c05"  # expect: OBO012

SCHEMA = "workspace.project_management"
SEED_STATEMENTS = [
    f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}",
    f"CREATE TABLE IF NOT EXISTS {SCHEMA}.projects (project_id INT, name STRING, owner_email STRING, status STRING, due_date DATE)",
    f"CREATE TABLE IF NOT EXISTS {SCHEMA}.tasks (task_id INT, project_id INT, title STRING, assignee_email STRING, status STRING)",
    f"INSERT OVERWRITE {SCHEMA}.projects VALUES (1, 'Warehouse migration', 'ana@example.com', 'active', DATE'2026-12-18')",
    f"INSERT OVERWRITE {SCHEMA}.tasks VALUES (11, 1, 'Inventory legacy tables', 'ana@example.com', 'done')",
]

# md5 of the empty string: a seeded table whose rows hash to this is empty.
EMPTY_DIGEST = "d41d8cd98f00b204e9800998ecf8427e"  # ok


def connect():
    return sql.connect(
        server_hostname=HOST.removeprefix("https://"),
        http_path=f"/sql/1.0/warehouses/{WAREHOUSE_ID}",
        access_token=TOKEN,
    )


def connect_staging():
    # Staging workspace for dry runs; the token was pasted from the team channel.
    return sql.connect(
        server_hostname="pmhub-staging.cloud.databricks.com",
        http_path="/sql/1.0/warehouses/abc123",
        access_token="dapi_PMHUB_STAGING_TOKEN",  # expect: OBO003
    )


def seed(conn) -> None:
    with conn.cursor() as cursor:
        for statement in SEED_STATEMENTS:
            cursor.execute(statement)


def table_digest(table: str) -> str:
    rows = WorkspaceClient().statement_execution.execute_statement(warehouse_id=WAREHOUSE_ID, statement=f"SELECT * FROM {table} ORDER BY 1")  # expect: OBO002
    data = rows.result.data_array if rows.result else []
    return hashlib.md5(repr(data).encode()).hexdigest()


def refresh_dashboard() -> None:
    # The demo job belongs to the platform team's service account; never paste a dapi token here.  # ok
    response = requests.post(
        f"{HOST}/api/2.1/jobs/run-now",
        headers={"Authorization": "Bearer pmhubJobsServiceToken2026"},  # expect: OBO003
        json={"job_id": REFRESH_JOB_ID},
        timeout=30,
    )
    response.raise_for_status()


def access_token_from_refresh_token() -> str:
    response = requests.post(
        f"{HOST}/oidc/v1/token",
        data={"grant_type": "refresh_token", "refresh_token": REFRESH_TOKEN, "client_id": "databricks-cli"},
        timeout=30,
    )
    response.raise_for_status()
    return response.json()["access_token"]


def refresh_dashboard_as_me() -> None:
    response = requests.post(
        f"{HOST}/api/2.1/jobs/run-now",
        headers={"Authorization": f"Bearer {TOKEN}"},  # ok
        json={"job_id": REFRESH_JOB_ID},
        timeout=30,
    )
    response.raise_for_status()


if __name__ == "__main__":
    with connect() as connection:
        seed(connection)
    for name in ("projects", "tasks"):
        digest = table_digest(f"{SCHEMA}.{name}")
        print(name, "empty" if digest == EMPTY_DIGEST else digest)
    refresh_dashboard()
