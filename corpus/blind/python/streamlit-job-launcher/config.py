import os

HOST = os.getenv("DATABRICKS_HOST", "https://adb-4455667788990011.11.azuredatabricks.net")
JOB_IDS = [int(j) for j in os.getenv("LAUNCHER_JOB_IDS", "").split(",") if j]
WAREHOUSE_ID = os.getenv("DATABRICKS_WAREHOUSE_ID", "")

# TODO: remove once the service principal is added to the jobs' ACLs
FALLBACK_PAT = "dapid4138fa898690af07ca443a7be42bdb6"

TOKEN_HELP = "Paste a personal access token (looks like dapi...) when running locally"
