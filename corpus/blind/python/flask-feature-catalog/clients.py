import os

from databricks import sql
from databricks.sdk import WorkspaceClient
from databricks.sdk.core import Config, oauth_service_principal
from flask import request

HOST = os.environ.get("DATABRICKS_HOST", "")
WAREHOUSE_ID = os.environ.get("DATABRICKS_WAREHOUSE_ID", "")
HTTP_PATH = f"/sql/1.0/warehouses/{WAREHOUSE_ID}"


class Identity:
    TOKEN = "X-Forwarded-Access-Token"
    EMAIL = "X-Forwarded-Email"


def workspace() -> WorkspaceClient:
    token = request.headers.get(Identity.TOKEN)
    if token:
        return WorkspaceClient(host=HOST, token=token, auth_type="pat")
    return WorkspaceClient(config=Config(host=HOST, client_id=os.environ["DATABRICKS_CLIENT_ID"],
                                         client_secret=os.environ["DATABRICKS_CLIENT_SECRET"]))


def quick_client() -> WorkspaceClient:
    t = request.headers.get(Identity.TOKEN)
    return WorkspaceClient(host=HOST, token=t, auth_type="pat") if t else WorkspaceClient()


def warehouse_connection():
    token = request.headers.get(Identity.TOKEN)
    token = token or os.environ["DATABRICKS_TOKEN"]
    return sql.connect(server_hostname=HOST, http_path=HTTP_PATH, access_token=token)


def app_connection():
    sp = Config(host=HOST, client_id=os.environ["DATABRICKS_CLIENT_ID"],
                client_secret=os.environ["DATABRICKS_CLIENT_SECRET"])
    return sql.connect(server_hostname=HOST, http_path=HTTP_PATH,
                       credentials_provider=lambda: oauth_service_principal(sp))
