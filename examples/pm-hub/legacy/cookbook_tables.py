"""Table helpers copied from the Databricks Apps Cookbook ("Read a Delta table" recipe).

Used by the v1 report endpoints (legacy/reports.py) and the nightly snapshot. The Cookbook
recipes authenticate as the app's service principal; PM Hub v2 queries as the signed-in user
(pm_hub/db.py) and these helpers are due to be deleted. They are kept here, unchanged, as the
anti-patterns obolint reports.
"""
from __future__ import annotations

import os
import sqlite3

import databricks.sql as dbsql
import pandas as pd
from databricks import sql
from databricks.sdk import WorkspaceClient
from databricks.sdk.core import Config
from flask import request

cfg = Config()
WAREHOUSE_ID = os.getenv("DATABRICKS_SQL_WAREHOUSE_ID")
HTTP_PATH = f"/sql/1.0/warehouses/{WAREHOUSE_ID}"
CACHE_PATH = os.getenv("PM_HUB_CACHE", "/tmp/pm_hub_cache.sqlite")


def read_table(table_name: str) -> pd.DataFrame:
    """Cookbook recipe as published: one connection for everyone, as the app."""
    conn = sql.connect(
        server_hostname=cfg.host,
        http_path=HTTP_PATH,
        credentials_provider=lambda: cfg.authenticate,  # expect: OBO001
    )
    with conn.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table_name} LIMIT 1000")
        return cursor.fetchall_arrow().to_pandas()


def read_table_for_user(table_name: str) -> pd.DataFrame:
    """v1.5: "use the user's token when we have one" -- and the app's identity when we don't."""
    token = request.headers.get("X-Forwarded-Access-Token")
    if not token:
        conn = dbsql.connect(server_hostname=cfg.host, http_path=HTTP_PATH, credentials_provider=lambda: cfg.authenticate)  # expect: OBO001, OBO005
    else:
        conn = dbsql.connect(server_hostname=cfg.host, http_path=HTTP_PATH, access_token=token)  # ok
    with conn.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table_name} LIMIT 1000")
        return cursor.fetchall_arrow().to_pandas()


def run_statement(statement: str) -> list:
    """Cookbook "Statement Execution API" recipe: SQL through the SDK, as the app."""
    w = WorkspaceClient()
    response = w.statement_execution.execute_statement(  # expect: OBO002
        warehouse_id=WAREHOUSE_ID,
        statement=statement,
        catalog="workspace",
        schema="project_management",
        wait_timeout="30s",
    )
    return response.result.data_array if response.result else []


class AuditLog:
    """Local audit trail of report runs (SQLite); nothing to do with the Databricks SDK."""

    def __init__(self, path: str = CACHE_PATH):
        self.conn = sqlite3.connect(path)  # ok

    def execute_statement(self, statement: str, params: tuple = ()) -> None:
        self.conn.execute(statement, params)
        self.conn.commit()


def record_report_run(report: str) -> None:
    audit = AuditLog()
    audit.execute_statement("INSERT INTO report_runs (report) VALUES (?)", (report,))  # ok
