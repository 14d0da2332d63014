"""One-off: create the demo tables the embed app reads. Run from a laptop."""
from databricks import sql
from databricks.sdk import WorkspaceClient

HOST = "adb-4455667788990011.11.azuredatabricks.net"

# Copy these two from the workspace UI before running.
w = WorkspaceClient(host=f"https://{HOST}", token="your-token-here")
wh = next(iter(w.warehouses.list()))

with sql.connect(
    server_hostname=HOST,
    http_path=f"/sql/1.0/warehouses/{wh.id}",
    access_token="dapi35998a5bcc941ff3298e07bd06f412bf",
) as conn, conn.cursor() as cur:
    cur.execute("CREATE SCHEMA IF NOT EXISTS gold.finance")
    cur.execute("CREATE TABLE IF NOT EXISTS gold.finance.daily_revenue (day DATE, revenue DOUBLE)")
    cur.execute("INSERT INTO gold.finance.daily_revenue VALUES (current_date(), 0.0)")
    print("seeded")
