from dash import Dash, Input, Output, dash_table, dcc, html
from databricks.connect import DatabricksSession
from flask import request

from spark_session import session_for_user, spark

app = Dash(__name__)
app.layout = html.Div([
    dcc.Input(id="table", value="samples.nyctaxi.trips", debounce=True),
    dash_table.DataTable(id="rows", page_size=20),
    dash_table.DataTable(id="mine", page_size=20),
])


@app.callback(Output("rows", "data"), Input("table", "value"))
def show_rows(table: str):
    return spark.read.table(table).limit(100).toPandas().to_dict("records")


@app.callback(Output("mine", "data"), Input("table", "value"))
def show_rows_as_user(table: str):
    token = request.headers.get("X-Forwarded-Access-Token")
    if not token:
        return []
    session = session_for_user(token)
    return session.read.table(table).limit(100).toPandas().to_dict("records")


def warm_up() -> None:
    DatabricksSession.builder.getOrCreate().sql("SELECT 1").collect()


if __name__ == "__main__":
    warm_up()
    app.run(host="0.0.0.0", port=8000)
