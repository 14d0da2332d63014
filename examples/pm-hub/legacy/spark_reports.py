"""v1 "heavy" reports that ran on a shared cluster through Databricks Connect.

Registered with the other legacy endpoints. The Spark session authenticates as the app's service
principal and is shared by every request: no per-user permissions. The v2 pages query the SQL
warehouse as the signed-in user instead (pm_hub/db.py).
"""
from __future__ import annotations

import os

from databricks.connect import DatabricksSession
from flask import Blueprint, jsonify

bp = Blueprint("legacy_spark_reports", __name__, url_prefix="/legacy/spark")


@bp.route("/burndown")
def burndown():
    spark = DatabricksSession.builder.remote(  # expect: OBO006
        host=os.getenv("DATABRICKS_HOST"), cluster_id=os.getenv("PM_HUB_CLUSTER_ID")
    ).getOrCreate()
    df = spark.sql("SELECT due_date, count(*) AS open FROM workspace.project_management.projects GROUP BY due_date")
    return jsonify(df.toPandas().to_dict(orient="records"))
