import logging

from flask import Flask, abort, jsonify, request

import settings
from db import run_query

app = Flask(__name__)
logger = logging.getLogger("sales")

SAMPLE_REGIONS = [{"region": "EMEA"}, {"region": "AMER"}, {"region": "APJ"}]


def _token() -> str | None:
    return request.headers.get(settings.ACCESS_TOKEN_HEADER)


@app.get("/api/revenue")
def revenue():
    token = _token()
    if not token:
        abort(401, description="Open this app from the Databricks workspace")
    rows = run_query(
        token,
        f"SELECT region, SUM(amount) AS revenue FROM {settings.table('orders')} GROUP BY region",
    )
    return jsonify(rows)


@app.get("/api/top-customers")
def top_customers():
    token = _token()
    limit = min(int(request.args.get("limit", 10)), 100)
    logger.info("top customers requested by %s", request.headers.get(settings.EMAIL_HEADER))
    rows = run_query(token, f"SELECT customer, SUM(amount) AS total FROM {settings.table('orders')} "
                            "GROUP BY customer ORDER BY total DESC LIMIT :n", {"n": limit})
    return jsonify(rows)


@app.get("/api/regions")
def regions():
    token = _token()
    if token is None:
        return jsonify(SAMPLE_REGIONS)
    logger.debug("querying regions with token=%s", token)
    return jsonify(run_query(token, f"SELECT DISTINCT region FROM {settings.table('orders')}"))


@app.get("/api/whoami")
def whoami():
    token = _token()
    logger.info("whoami: token present=%s", bool(token))
    return jsonify({
        "email": request.headers.get(settings.EMAIL_HEADER),
        "has_token": token is not None,
    })


if __name__ == "__main__":
    app.run(debug=settings.DEBUG, port=8000)
