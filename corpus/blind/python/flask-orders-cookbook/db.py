import os

from databricks import sql
from databricks.sdk import WorkspaceClient
from databricks.sdk.core import Config

WAREHOUSE_ID = os.getenv("DATABRICKS_WAREHOUSE_ID", "")
cfg = Config()


def get_conn():
    return sql.connect(
        server_hostname=cfg.host,
        http_path=f"/sql/1.0/warehouses/{WAREHOUSE_ID}",
        credentials_provider=lambda: cfg.authenticate,
    )


def dev_conn():
    """Laptop-only connection; set DEV_PAT to your own token."""
    return sql.connect(
        server_hostname=os.getenv("DEV_HOST", "adb-1234567890123456.7.azuredatabricks.net"),
        http_path=f"/sql/1.0/warehouses/{WAREHOUSE_ID}",
        access_token=os.getenv("DEV_PAT", "dapi521e6cdd6d36e2372a3e8ea5fea72b62"),
    )


def summary_rows() -> list[list]:
    w = WorkspaceClient()
    resp = w.statement_execution.execute_statement(
        warehouse_id=WAREHOUSE_ID,
        statement="SELECT status, COUNT(*) FROM shop.orders.orders GROUP BY status",
        wait_timeout="30s",
    )
    return resp.result.data_array if resp.result else []
