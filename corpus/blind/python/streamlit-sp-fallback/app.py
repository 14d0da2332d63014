import os

import pandas as pd
import streamlit as st
from databricks.sdk.service.sql import StatementState

from clients import admin_client, workspace_client

WAREHOUSE_ID = os.environ["DATABRICKS_WAREHOUSE_ID"]


def to_frame(resp) -> pd.DataFrame:
    if resp.status.state != StatementState.SUCCEEDED:
        st.error(f"Query failed: {resp.status.error.message if resp.status.error else resp.status.state}")
        return pd.DataFrame()
    cols = [c.name for c in resp.manifest.schema.columns]
    return pd.DataFrame(resp.result.data_array or [], columns=cols)


st.title("Cost overview")
st.session_state["token"] = st.context.headers.get("X-Forwarded-Access-Token")

w = workspace_client()
resp = w.statement_execution.execute_statement(
    warehouse_id=WAREHOUSE_ID,
    statement="SELECT usage_date, SUM(usage_quantity) AS dbus FROM system.billing.usage "
              "GROUP BY usage_date ORDER BY usage_date DESC LIMIT 30",
    wait_timeout="30s",
)
st.line_chart(to_frame(resp), x="usage_date", y="dbus")

if st.toggle("Show workspace-wide top spenders"):
    top = admin_client().statement_execution.execute_statement(
        warehouse_id=WAREHOUSE_ID,
        statement="SELECT identity_metadata.run_as AS who, SUM(usage_quantity) AS dbus "
                  "FROM system.billing.usage GROUP BY 1 ORDER BY 2 DESC LIMIT 10",
        wait_timeout="30s",
    )
    st.dataframe(to_frame(top))
