"""Data access layer: every query runs as the signed-in user (on-behalf-of-user auth).

This is the approved pattern of the PM Hub connection guide:
  * the user's OAuth token comes from the X-Forwarded-Access-Token header (pm_hub.auth),
  * it is checked for presence before any connection is made,
  * it is passed to databricks.sql.connect(access_token=...), so Unity Catalog row and column
    security apply and the audit log names the user,
  * without a token (local development, OBO not enabled) PM Hub serves sample data; it never
    connects as the app's service principal instead.
"""
from __future__ import annotations

import functools
import logging
import os

import pandas as pd
from databricks import sql
from databricks.sdk.core import Config
from databricks.sql.exc import DatabaseError, RequestError, ServerOperationError

from pm_hub import sample_data
from pm_hub.auth import get_user_token

logger = logging.getLogger(__name__)

CATALOG = os.getenv("PM_HUB_CATALOG", "workspace")
SCHEMA = os.getenv("PM_HUB_SCHEMA", "project_management")
PROJECTS_TABLE = f"{CATALOG}.{SCHEMA}.projects"
TASKS_TABLE = f"{CATALOG}.{SCHEMA}.tasks"


class QueryError(Exception):
    """A query failed; the message is safe to show to the user."""


@functools.lru_cache(maxsize=1)
def _config() -> Config:
    # Only the workspace host is read from here (DATABRICKS_HOST); the credentials of every
    # query are the user's token. Created lazily so that local runs without a workspace work.
    return Config()


def get_connection(user_token: str):
    """A SQL connection authenticated with the user's OAuth token."""
    warehouse_id = os.getenv("DATABRICKS_SQL_WAREHOUSE_ID")
    return sql.connect(
        server_hostname=_config().host,
        http_path=f"/sql/1.0/warehouses/{warehouse_id}",
        access_token=user_token,
    )


def execute_query(user_token: str, query: str, params: dict | None = None) -> pd.DataFrame:
    """Run a parameterized query as the user; Arrow results converted to pandas."""
    with get_connection(user_token) as conn:
        with conn.cursor() as cursor:
            cursor.execute(query, parameters=params)
            return cursor.fetchall_arrow().to_pandas()


def query_df(query: str, params: dict | None = None, *, sample: str) -> pd.DataFrame:
    """Run `query` as the signed-in user, or return the `sample` table when there is no user token."""
    user_token = get_user_token()
    if not user_token:
        logger.info("no user token (local development or OBO not enabled): serving sample %s", sample)
        return sample_data.frame(sample, params)
    try:
        return execute_query(user_token, query, params)
    except ServerOperationError as e:
        # Syntax error, missing table, or the user lacks a Unity Catalog privilege.
        logger.error("SQL error: %s", e)
        raise QueryError("The query failed; you may not have access to this data.") from e
    except RequestError as e:
        logger.error("Connection error: %s", e)
        raise QueryError("The SQL warehouse could not be reached.") from e
    except DatabaseError as e:
        logger.error("Database error: %s", e)
        raise QueryError("The query failed.") from e


def using_sample_data() -> bool:
    return get_user_token() is None


def list_projects() -> pd.DataFrame:
    return query_df(
        f"SELECT project_id, name, owner_email, status, due_date FROM {PROJECTS_TABLE} ORDER BY due_date",
        sample="projects",
    )


def get_project(project_id: int) -> pd.DataFrame:
    return query_df(
        f"SELECT project_id, name, owner_email, status, due_date FROM {PROJECTS_TABLE} WHERE project_id = :project_id",
        {"project_id": project_id},
        sample="projects",
    )


def list_tasks(project_id: int) -> pd.DataFrame:
    return query_df(
        f"SELECT task_id, project_id, title, assignee_email, status FROM {TASKS_TABLE} WHERE project_id = :project_id ORDER BY task_id",
        {"project_id": project_id},
        sample="tasks",
    )
