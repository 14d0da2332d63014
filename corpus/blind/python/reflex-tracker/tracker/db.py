import logging
import os
from typing import Any

from databricks import sql
from databricks.sdk.core import Config, oauth_service_principal

log = logging.getLogger(__name__)

HOST = os.getenv("DATABRICKS_HOST", "")
HTTP_PATH = f"/sql/1.0/warehouses/{os.getenv('DATABRICKS_WAREHOUSE_ID', '')}"

_CONN: Any = None


def _app_config() -> Config:
    return Config(host=HOST, client_id=os.getenv("DATABRICKS_CLIENT_ID"),
                  client_secret=os.getenv("DATABRICKS_CLIENT_SECRET"))


def shared_connection(token: str) -> Any:
    global _CONN
    if _CONN is None:
        log.info("opening shared warehouse connection")
        _CONN = sql.connect(
            server_hostname=HOST,
            http_path=HTTP_PATH,
            access_token=token,
        )
    return _CONN


def connection_for(token: str | None) -> Any:
    if token:
        return sql.connect(server_hostname=HOST, http_path=HTTP_PATH, access_token=token)
    log.warning("no user token in session, falling back to the app principal")
    return sql.connect(server_hostname=HOST, http_path=HTTP_PATH,
                       credentials_provider=lambda: oauth_service_principal(_app_config()))
