import os

from databricks.sdk import WorkspaceClient
from databricks.sdk.core import Config

HOST = os.environ["DATABRICKS_HOST"]
WAREHOUSE_ID = os.environ["DATABRICKS_WAREHOUSE_ID"]

# App identity, used for housekeeping endpoints.
sp_client = WorkspaceClient()

# Legacy PAT kept for the usage report until the SP gets access to system tables.
pat_client = WorkspaceClient(host=HOST, token=os.environ["DATABRICKS_TOKEN"], auth_type="pat")


def user_client(token: str) -> WorkspaceClient:
    return WorkspaceClient(config=Config(host=HOST, token=token, auth_type="pat"))
