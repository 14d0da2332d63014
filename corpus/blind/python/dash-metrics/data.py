import logging
import os

import pandas as pd
from databricks import sql
from databricks.sdk.core import Config

log = logging.getLogger(__name__)
cfg = Config()
HTTP_PATH = f"/sql/1.0/warehouses/{os.getenv('DATABRICKS_WAREHOUSE_ID')}"

SAMPLE = pd.DataFrame({"metric": ["dau", "wau", "mau"], "value": [120, 640, 2100]})


def load_kpis(token: str | None) -> pd.DataFrame:
    if token is None:
        log.info("no user token, serving sample KPIs")
        return SAMPLE.copy()
    with sql.connect(server_hostname=cfg.host, http_path=HTTP_PATH, access_token=token) as conn:
        with conn.cursor() as cur:
            cur.execute("SELECT metric, value FROM analytics.kpi.latest")
            return cur.fetchall_arrow().to_pandas()


def load_trend(token: str, metric: str) -> pd.DataFrame:
    with sql.connect(server_hostname=cfg.host, http_path=HTTP_PATH, access_token=token) as conn:
        with conn.cursor() as cur:
            cur.execute("SELECT day, value FROM analytics.kpi.daily WHERE metric = :m ORDER BY day",
                        {"m": metric})
            return cur.fetchall_arrow().to_pandas()
