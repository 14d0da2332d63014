import os

import streamlit as st

from config import JOB_IDS, TOKEN_HELP, WAREHOUSE_ID
from workspace import forwarded_token, history_client, launcher_client, local_client

st.title("Job launcher")

if forwarded_token() is None and os.getenv("LAUNCHER_LOCAL_MODE") == "1":
    pasted = st.text_input("Token", type="password", help=TOKEN_HELP, placeholder="dapi...")
    if not pasted:
        st.stop()
    w = local_client(pasted)
else:
    w = launcher_client()

job_id = st.selectbox("Job", JOB_IDS)
if st.button("Run now"):
    run = w.jobs.run_now(job_id=job_id)
    st.success(f"Started run {run.run_id}")

st.subheader("Recent runs")
hist = history_client()
resp = hist.statement_execution.execute_statement(
    warehouse_id=WAREHOUSE_ID,
    statement=f"SELECT run_id, result_state, period_start_time FROM system.lakeflow.job_run_timeline "
              f"WHERE job_id = '{job_id}' ORDER BY period_start_time DESC LIMIT 20",
    wait_timeout="30s",
)
st.table(resp.result.data_array if resp.result else [])
