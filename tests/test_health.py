"""GET /healthz answers 200 while the database answers, 503 when it doesn't, and never needs a login."""

import pytest

from kymppi import create_app


def test_healthy_with_the_database_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}
    assert response.headers["Cache-Control"] == "no-store"


def test_unavailable_when_the_database_does_not_answer(tmp_path, caplog):
    missing = tmp_path / "no-such-folder" / "kymppi.sqlite3"
    app = create_app({"TESTING": True, "SECRET_KEY": "x", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{missing}"})
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "unreachable"}
    assert "health check: the database did not answer (OperationalError)" in caplog.text
    assert str(missing) not in caplog.text


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_only_get(client, method):
    assert getattr(client, method)("/healthz").status_code == 405
