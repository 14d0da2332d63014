import logging

from flask import Flask, jsonify, request

from clients import WAREHOUSE_ID, Identity, app_connection, quick_client, warehouse_connection, workspace

app = Flask(__name__)
log = logging.getLogger("features")


@app.get("/api/features")
def features():
    w = workspace()
    resp = w.statement_execution.execute_statement(
        warehouse_id=WAREHOUSE_ID,
        statement="SELECT name, owner, updated_at FROM ml.features.catalog ORDER BY updated_at DESC",
    )
    return jsonify(resp.result.data_array if resp.result else [])


@app.get("/api/models")
def models():
    return jsonify([m.name for m in quick_client().registered_models.list(max_results=50)])


@app.get("/api/features/<name>/stats")
def feature_stats(name: str):
    with warehouse_connection() as conn, conn.cursor() as cur:
        cur.execute("SELECT * FROM ml.features.stats WHERE feature = :n", {"n": name})
        return jsonify([list(r) for r in cur.fetchall()])


@app.get("/api/freshness")
def freshness():
    log.info("freshness check by %s", request.headers.get(Identity.EMAIL))
    with app_connection() as conn, conn.cursor() as cur:
        cur.execute("SELECT table_name, max(updated_at) FROM ml.features.catalog GROUP BY 1")
        return jsonify([list(r) for r in cur.fetchall()])
