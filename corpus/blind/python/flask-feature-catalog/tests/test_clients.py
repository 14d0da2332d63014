from unittest import mock

import pytest

import app as app_module
import clients

STATIC_HEADERS = {"Authorization": "Bearer dapi5fb7d93a601ad2543baa015ae2fbf409"}


@pytest.fixture
def client():
    app_module.app.config["TESTING"] = True
    return app_module.app.test_client()


def test_features_uses_forwarded_token(client):
    with mock.patch.object(clients, "WorkspaceClient") as ws:
        ws.return_value.statement_execution.execute_statement.return_value.result = None
        client.get("/api/features", headers={"X-Forwarded-Access-Token": "test-token"})
    assert ws.call_args.kwargs["token"] == "test-token"


def test_static_headers_shape():
    assert STATIC_HEADERS["Authorization"].startswith("Bearer ")
