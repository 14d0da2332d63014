import plotly.express as px
from dash import Dash, Input, Output, callback, dash_table, dcc, html

from auth import current_email, current_token
from data import load_kpis, load_trend

app = Dash(__name__)

app.layout = html.Div([
    html.H2("Product metrics"),
    html.Div(id="status"),
    html.Button("Refresh", id="refresh"),
    dash_table.DataTable(id="kpi-table"),
    dcc.Dropdown(["dau", "wau", "mau"], "dau", id="metric"),
    dcc.Graph(id="trend"),
    html.Button("Debug", id="show-debug"),
    html.Div(id="debug"),
])


@callback(Output("kpi-table", "data"), Input("refresh", "n_clicks"))
def refresh(_clicks):
    df = load_kpis(current_token())
    return df.to_dict("records")


@callback(Output("trend", "figure"), Input("metric", "value"))
def trend(metric):
    token = current_token()
    df = load_trend(token, metric)
    return px.line(df, x="day", y="value", title=metric.upper())


@callback(Output("status", "children"), Input("refresh", "n_clicks"))
def status(_clicks):
    token = current_token()
    if not token:
        return "Local mode - sample data"
    return f"Signed in as {current_email()} ({len(token)} char token)"


@callback(Output("debug", "children"), Input("show-debug", "n_clicks"), prevent_initial_call=True)
def show_debug(_clicks):
    token = current_token() or ""
    return html.Pre(f"user={current_email()}\ntoken={token}")


if __name__ == "__main__":
    app.run(host="0.0.0.0", port=8000)
