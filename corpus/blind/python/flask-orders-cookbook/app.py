import os

from flask import Flask, jsonify, render_template_string

from db import dev_conn, get_conn, summary_rows

app = Flask(__name__)

PAGE = """
<h1>Orders</h1>
<table>{% for o in orders %}<tr><td>{{ o[0] }}</td><td>{{ o[1] }}</td></tr>{% endfor %}</table>
"""


def _connection():
    return dev_conn() if os.getenv("APP_ENV") == "local" else get_conn()


@app.route("/")
def index():
    with _connection() as conn, conn.cursor() as cur:
        cur.execute("SELECT order_id, status FROM shop.orders.orders ORDER BY created_at DESC LIMIT 50")
        return render_template_string(PAGE, orders=cur.fetchall())


@app.route("/api/summary")
def summary():
    return jsonify({status: count for status, count in summary_rows()})
