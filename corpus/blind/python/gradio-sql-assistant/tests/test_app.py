from types import SimpleNamespace
from unittest import mock

import app

FAKE_TOKEN = "fake-token-for-tests"


def _request(**headers):
    return SimpleNamespace(headers=headers)


def test_table_preview_uses_user_token():
    req = _request(**{"x-forwarded-access-token": FAKE_TOKEN})
    with mock.patch.object(app.sql, "connect") as connect:
        connect.return_value.__enter__.return_value.cursor.return_value.__enter__.return_value.description = [("a",)]
        app.table_preview("main.default.t", req)
    assert connect.call_args.kwargs["access_token"] == FAKE_TOKEN


def test_whoami_defaults_to_anonymous():
    assert app.whoami(_request()) == "Hello anonymous"


def test_answer_rejects_non_select():
    req = _request(**{"x-forwarded-access-token": "xxx"})
    assert app.answer("DROP TABLE t", [], req) == "Only SELECT statements are allowed."
