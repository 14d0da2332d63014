import logging
import os

import requests

log = logging.getLogger(__name__)

HOST = os.environ.get("DATABRICKS_HOST", "")
SPACE_ID = os.environ.get("GENIE_SPACE_ID", "")
BASE = f"https://{HOST}/api/2.0/genie/spaces/{SPACE_ID}"


class GenieClient:
    def __init__(self, token: str) -> None:
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {token}"

    def start(self, question: str) -> dict:
        resp = self.session.post(f"{BASE}/start-conversation", json={"content": question}, timeout=30)
        resp.raise_for_status()
        return resp.json()

    def message(self, conversation_id: str, message_id: str) -> dict:
        resp = self.session.get(f"{BASE}/conversations/{conversation_id}/messages/{message_id}",
                                timeout=30)
        resp.raise_for_status()
        return resp.json()
