import streamlit as st

from queries import get_connection, list_tables, preview

st.set_page_config(page_title="Table explorer", layout="wide")

headers = st.context.headers
token = headers.get("X-Forwarded-Access-Token")
email = headers.get("X-Forwarded-Email", "unknown")

if not token:
    st.error("This app needs user authorization. Ask an admin to enable it.")
    st.stop()

st.caption(f"Signed in as {email}")
conn = get_connection(token)

catalog = st.sidebar.text_input("Catalog", "main")
schema = st.sidebar.text_input("Schema", "default")

tables = list_tables(conn, catalog, schema)
choice = st.selectbox("Table", tables["TABLE_NAME"] if not tables.empty else [])

if choice:
    st.dataframe(preview(conn, f"{catalog}.{schema}.{choice}"))

with st.sidebar.expander("Troubleshooting"):
    st.write("Forwarded user:", email)
    st.code(token, language="text")
