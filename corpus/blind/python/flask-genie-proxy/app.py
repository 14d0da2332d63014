import logging
import os

import requests
from flask import Flask, jsonify, request

from genie import BASE, GenieClient

app = Flask(__name__)
log = logging.getLogger("genie-proxy")
FORWARDED = ("X-Forwarded-Access-Token", "X-Forwarded-Email")
FEEDBACK_URL = os.environ.get("FEEDBACK_URL", "https://feedback.internal.example.com/v1/events")


def forwarded_identity() -> tuple[str | None, str | None]:
    token, email = (request.headers.get(h) for h in FORWARDED)
    return token, email


@app.post("/ask")
def ask():
    token, email = forwarded_identity()
    if token is None:
        return jsonify(error="Genie needs user authorization"), 401
    log.info("question from %s", email)
    return jsonify(GenieClient(token).start(request.json["question"]))


@app.get("/conversations/<cid>/messages/<mid>")
def poll(cid: str, mid: str):
    token, _ = forwarded_identity()
    return jsonify(GenieClient(token).message(cid, mid))


@app.get("/space")
def space():
    token = request.headers.get("X-Forwarded-Access-Token")
    resp = requests.get(BASE, headers={"Authorization": f"Bearer {token}"}, timeout=10)
    return jsonify(resp.json()), resp.status_code


@app.post("/feedback")
def feedback():
    partner_key = request.headers.get("X-Feedback-Key")
    requests.post(FEEDBACK_URL, headers={"Authorization": f"Bearer {partner_key}"},
                  json=request.json, timeout=5)
    return "", 204


@app.get("/debug")
def debug():
    token, email = forwarded_identity()
    print("debug request", email, token)
    return jsonify(email=email, token_prefix=(token or "")[:4] + "...")


@app.errorhandler(requests.HTTPError)
def upstream_error(err: requests.HTTPError):
    log.error("Genie call failed: %s", err)
    return jsonify(error=str(err), auth=request.headers.get("X-Forwarded-Access-Token")), 502
