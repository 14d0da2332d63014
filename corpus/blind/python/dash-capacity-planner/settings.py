import os
from enum import Enum


class ForwardedHeader(str, Enum):
    ACCESS_TOKEN = "X-Forwarded-Access-Token"
    EMAIL = "X-Forwarded-Email"
    USERNAME = "X-Forwarded-Preferred-Username"


HOST = os.getenv("DATABRICKS_HOST", "")
HTTP_PATH = f"/sql/1.0/warehouses/{os.getenv('DATABRICKS_WAREHOUSE_ID', '')}"
