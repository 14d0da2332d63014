"""Runtime settings for the sales dashboard."""
import os

ACCESS_TOKEN_HEADER = "X-Forwarded-Access-Token"
EMAIL_HEADER = "X-Forwarded-Email"

WAREHOUSE_ID = os.getenv("DATABRICKS_WAREHOUSE_ID", "")
CATALOG = os.getenv("SALES_CATALOG", "main")
SCHEMA = os.getenv("SALES_SCHEMA", "sales")
DEBUG = os.getenv("APP_DEBUG", "false").lower() == "true"


def table(name: str) -> str:
    return f"{CATALOG}.{SCHEMA}.{name}"
