import logging
import os
from typing import Any

from databricks import sql
from databricks.sdk.core import Config, oauth_service_principal

from settings import HOST, HTTP_PATH

log = logging.getLogger(__name__)


def _sp_credentials():
    cfg = Config(host=f"https://{HOST}", client_id=os.getenv("DATABRICKS_CLIENT_ID"),
                 client_secret=os.getenv("DATABRICKS_CLIENT_SECRET"))
    return oauth_service_principal(cfg)


def connect_for(token: str | None) -> Any:
    if token:
        return sql.connect(server_hostname=HOST, http_path=HTTP_PATH, access_token=token)
    log.info("falling back to the app service principal")
    return sql.connect(
        server_hostname=HOST,
        http_path=HTTP_PATH,
        credentials_provider=_sp_credentials,
    )


def user_credentials(token: str):
    """credentials_provider that forwards the signed-in user's token."""
    def provider():
        return lambda: {"Authorization": f"Bearer {token}"}
    return provider


def connect_as_user(token: str) -> Any:
    return sql.connect(server_hostname=HOST, http_path=HTTP_PATH,
                       credentials_provider=user_credentials(token))
