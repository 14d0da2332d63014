"""PM Hub: a Databricks App for project management (Flask).

Run locally with `python app.py` (sample data, no Databricks headers) or deploy with
`databricks apps deploy` (queries run as the signed-in user; see app.yaml).
"""
from __future__ import annotations

import logging
import os

from flask import Flask

from pm_hub.pages import bp as pages_bp


def create_app() -> Flask:
    logging.basicConfig(level=logging.INFO)
    app = Flask(__name__)
    app.register_blueprint(pages_bp)
    if os.getenv("PM_HUB_LEGACY_REPORTS") == "1":
        # v1 report endpoints, kept for a few teams until their dashboards move (see README).
        from legacy.reports import bp as legacy_bp

        app.register_blueprint(legacy_bp)
    return app


app = create_app()

if __name__ == "__main__":
    app.run(host="0.0.0.0", port=int(os.getenv("DATABRICKS_APP_PORT", "8000")), debug=True)
