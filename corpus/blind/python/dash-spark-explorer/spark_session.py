import os

from databricks.connect import DatabricksSession
from databricks.connect import DatabricksSession as DS
from databricks.sdk.core import Config

CLUSTER_ID = os.getenv("DATABRICKS_CLUSTER_ID")

spark = DatabricksSession.builder.serverless(True).getOrCreate()


def session_for_user(token: str):
    """Builds a Spark Connect session that carries the caller's identity."""
    cfg = Config(host=os.environ["DATABRICKS_HOST"], token=token, cluster_id=CLUSTER_ID,
                 auth_type="pat")
    return (
        DS.builder
        .sdkConfig(cfg)
        .getOrCreate()
    )
