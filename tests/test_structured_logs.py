"""Log lines as JSON or text, each with its request's id, and one access line per request (issue 8).

Each request's lines are read from the error stream the app was given for that
request, which is where the app's log handler writes them while it runs.
"""

import io
import json
import logging
import re
from datetime import datetime, timedelta

import pytest

from kymppi import create_app
from kymppi.extensions import db
from kymppi.logs import REQUEST_ID_HEADER, TEXT, JsonLines, handler

JSON = {"LOG_FORMAT": "json"}


def logged(client, path: str, **headers) -> tuple:
    """The response to GET `path` and the lines the app logged while answering it."""
    stream = io.StringIO()
    response = client.get(path, headers=headers, environ_overrides={"wsgi.errors": stream})
    return response, stream.getvalue().splitlines()


def access_entry(lines: list[str]) -> dict:
    [entry] = [entry for entry in map(json.loads, lines) if entry["logger"] == "kymppi.access"]
    return entry


@pytest.mark.parametrize("app_config", [JSON])
def test_each_json_line_is_an_object_with_the_request_id_the_response_shows(client):
    response, lines = logged(client, "/healthz?probe=secret-query")
    assert response.status_code == 200 and lines
    entry = access_entry(lines)
    assert entry["request_id"] == response.headers[REQUEST_ID_HEADER]
    assert len(entry["request_id"]) == 32
    assert {k: entry[k] for k in ("level", "message", "method", "path", "status")} == {
        "level": "INFO",
        "message": f"GET /healthz 200 {entry['duration_ms']:.1f} ms",
        "method": "GET",
        "path": "/healthz",
        "status": 200,
    }
    assert entry["duration_ms"] >= 0
    assert datetime.fromisoformat(entry["time"]).utcoffset() == timedelta(0)  # UTC, whatever the server's zone
    assert "secret-query" not in "\n".join(lines)  # a query string is never logged


@pytest.mark.parametrize("app_config", [JSON])
def test_every_request_gets_an_id_of_its_own(client):
    first, _ = logged(client, "/healthz")
    second, _ = logged(client, "/healthz")
    assert first.headers[REQUEST_ID_HEADER] != second.headers[REQUEST_ID_HEADER]


@pytest.mark.parametrize("app_config", [JSON])
def test_an_incoming_request_id_is_kept(client):
    response, lines = logged(client, "/healthz", **{REQUEST_ID_HEADER: "0f3c-nginx_id.7"})
    assert response.headers[REQUEST_ID_HEADER] == "0f3c-nginx_id.7"
    assert access_entry(lines)["request_id"] == "0f3c-nginx_id.7"


@pytest.mark.parametrize("app_config", [JSON])
@pytest.mark.parametrize("hostile", ["abc\nforged line", "a" * 500, "", "id with spaces", "<script>"])
def test_a_hostile_request_id_is_replaced(client, hostile):
    # The test client refuses a header with a newline, as a server would not: set it in the environ.
    stream = io.StringIO()
    response = client.get("/healthz", environ_overrides={"wsgi.errors": stream, "HTTP_X_REQUEST_ID": hostile})
    replaced = response.headers[REQUEST_ID_HEADER]
    assert replaced != hostile and len(replaced) == 32
    assert access_entry(stream.getvalue().splitlines())["request_id"] == replaced
    assert "forged line" not in stream.getvalue()


@pytest.mark.parametrize("app_config", [JSON])
def test_a_card_page_is_logged_without_its_secret(client, make_card):
    card = make_card()
    response, lines = logged(client, f"/k/{card.secret}")
    assert response.status_code == 200
    assert access_entry(lines)["path"] == "/k/…"
    assert card.secret not in "\n".join(lines)


@pytest.mark.parametrize("app_config", [JSON])
def test_a_path_with_a_newline_stays_on_one_line(client):
    response, lines = logged(client, "/no-such-page%0Aforged")
    assert response.status_code == 404
    assert access_entry(lines)["path"] == "/no-such-page%0Aforged"


def test_a_crash_is_one_json_line_with_its_traceback_and_the_request_id(database, tmp_path):
    app = create_app(JSON | {"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": database.for_test(tmp_path)})

    @app.get("/crash")
    def crash():
        raise RuntimeError("boom")

    try:
        response, lines = logged(app.test_client(), "/crash")
    finally:
        with app.app_context():
            db.engine.dispose()  # its pooled connection, left to the garbage collector, warns in a later test
    assert response.status_code == 500
    entries = [json.loads(line) for line in lines]
    [error] = [entry for entry in entries if entry["level"] == "ERROR"]
    assert error["message"] == "Exception on /crash [GET]"
    assert "RuntimeError: boom" in error["exception"]
    assert error["request_id"] == access_entry(lines)["request_id"] == response.headers[REQUEST_ID_HEADER]
    assert access_entry(lines)["status"] == 500


def test_plain_text_is_one_readable_line_per_request(client):
    response, lines = logged(client, "/healthz")
    [line] = lines
    shape = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} INFO kymppi\.access \[(\w+)\] GET /healthz 200 \d+\.\d ms"
    assert re.fullmatch(shape, line)[1] == response.headers[REQUEST_ID_HEADER]


def test_a_record_made_outside_a_request_has_no_request_id():
    record = logging.LogRecord("kymppi.cli", logging.WARNING, __file__, 1, "purge: %d buyers", (3,), None)
    assert handler.filter(record)
    assert TEXT.format(record).endswith(" WARNING kymppi.cli [-] purge: 3 buyers")
    entry = json.loads(JsonLines().format(record))
    assert entry["request_id"] is None and entry["message"] == "purge: 3 buyers"


def test_an_unknown_log_format_stops_the_start(database, tmp_path):
    with pytest.raises(ValueError, match="LOG_FORMAT must be one of text, json, not 'jsno'"):
        create_app({"SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": database.for_test(tmp_path), "LOG_FORMAT": "jsno"})
