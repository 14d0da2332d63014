import pandas as pd
from dash import Dash, Input, Output, dash_table, dcc, html
from databricks.sdk import WorkspaceClient
from flask import request

from db import connect_as_user, connect_for
from settings import HOST, ForwardedHeader

app = Dash(__name__)
server = app.server

app.layout = html.Div([
    dcc.Interval(id="tick", interval=60_000),
    dash_table.DataTable(id="capacity"),
    dash_table.DataTable(id="forecast"),
    html.Ul(id="warehouses"),
])


@app.callback(Output("capacity", "data"), Input("tick", "n_intervals"))
def capacity(_n):
    token = request.headers.get(ForwardedHeader.ACCESS_TOKEN)
    with connect_for(token) as conn, conn.cursor() as cur:
        cur.execute("SELECT cluster, used_pct FROM infra.capacity.current")
        return cur.fetchall_arrow().to_pandas().to_dict("records")


@app.callback(Output("forecast", "data"), Input("tick", "n_intervals"))
def forecast(_n):
    token = request.headers.get(ForwardedHeader.ACCESS_TOKEN.value)
    if token is None:
        return pd.DataFrame({"week": [], "forecast": []}).to_dict("records")
    with connect_as_user(token) as conn, conn.cursor() as cur:
        cur.execute("SELECT week, forecast FROM infra.capacity.forecast")
        return cur.fetchall_arrow().to_pandas().to_dict("records")


@app.callback(Output("warehouses", "children"), Input("tick", "n_intervals"))
def warehouses(_n):
    token = request.headers.get(ForwardedHeader.ACCESS_TOKEN.value)
    w = WorkspaceClient(host=HOST, token=token, auth_type="pat")
    return [html.Li(f"{wh.name}: {wh.state}") for wh in w.warehouses.list()]


if __name__ == "__main__":
    app.run(debug=True)
