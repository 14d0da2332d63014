import os

import gradio as gr
from databricks import sql
from databricks.sdk.core import Config

_cfg = Config()
HTTP_PATH = f"/sql/1.0/warehouses/{os.getenv('DATABRICKS_WAREHOUSE_ID')}"


def user_connection(request: gr.Request):
    token = request.headers.get("x-forwarded-access-token")
    if token is None:
        raise gr.Error("Missing user token - enable user authorization for this app.")
    return sql.connect(server_hostname=_cfg.host, http_path=HTTP_PATH, access_token=token)


def rows_as_markdown(cursor) -> str:
    cols = [d[0] for d in cursor.description]
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    for row in cursor.fetchmany(50):
        lines.append("| " + " | ".join(str(v) for v in row) + " |")
    return "\n".join(lines)
