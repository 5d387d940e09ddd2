"""Headers on every response, a fresh session at login, proxy trust for throttling, and nothing personal in logs."""

import sys

import pytest
from sqlalchemy.exc import IntegrityError

from kymppi.domain.clock import utcnow
from kymppi.extensions import db
from kymppi.models import Role, User
from kymppi.security import redact
from tests.conftest import csrf_token
from tests.factories import PASSWORD


@pytest.mark.parametrize("path", ["/login", "/no-such-page", "/api/v1/checkins", "/k/" + "x" * 32])
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert "'unsafe-inline'" not in csp
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == (
        "no-referrer" if path.startswith("/k/") else "same-origin"
    )  # a secret path leaks nowhere
    assert headers["Permissions-Policy"].startswith("camera=(self)")


def failed_logins(client, forwarded_for: str, count: int = 5) -> list[int]:
    codes = []
    for n in range(count):
        response = client.post(
            "/login",
            data={"email": f"nobody{n}@kymppi.test", "password": "wrong", "csrf_token": csrf_token(client)},
            headers={"X-Forwarded-For": forwarded_for},
        )
        codes.append(response.status_code)
    return codes


@pytest.mark.parametrize(("app_config", "separate"), [({"TRUSTED_PROXIES": 1}, True), ({}, False)])
def test_throttling_uses_the_forwarded_address_only_behind_a_trusted_proxy(client, app_config, separate):
    assert failed_logins(client, "203.0.113.1") == [401] * 5
    assert failed_logins(client, "203.0.113.1", 1) == [429]
    assert failed_logins(client, "203.0.113.2", 1) == ([401] if separate else [429])


def test_card_secrets_are_redacted_from_error_logs(app, caplog):
    secret = "S3cr3tS3cr3tS3cr3tS3cr3tS3cr3tXY"
    assert redact(f"/k/{secret}") == "/k/…"
    with app.test_request_context(f"/k/{secret}"):
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            app.log_exception(sys.exc_info())
    assert "boom" in caplog.text
    assert secret not in caplog.text


def test_database_errors_are_logged_without_personal_data(app, make_user, caplog):
    user = make_user(Role.OFFICE, email="maija.meikalainen@example.org")
    db.session.add(User(email=user.email, name="x", role=Role.OFFICE, password_hash="x", created_at=utcnow()))
    with pytest.raises(IntegrityError) as error:
        db.session.flush()
    db.session.rollback()
    with app.test_request_context("/office/"):
        app.log_exception((IntegrityError, error.value, error.tb))
    assert "Database error on /office/ [GET]" in caplog.text
    assert "INSERT INTO" in caplog.text
    assert "maija.meikalainen" not in caplog.text


def test_hsts_only_over_https(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers
    secure = client.get("/login", base_url="https://kymppi.test")
    assert secure.headers["Strict-Transport-Security"] == "max-age=31536000"


def session_of(client) -> dict:
    with client.session_transaction() as session:
        return dict(session)


def test_login_starts_a_fresh_session_and_nothing_planted_before_carries_over(app, client, make_user):
    """Session fixation: whoever handed a browser its cookie before the login gains nothing by it.

    The session is a signed cookie, so "rotation" means the login clears it: the
    CSRF secret and anything else set before are gone, the cookie changes, and the
    old cookie, replayed, is as logged out as it was.
    """
    user = make_user(Role.OFFICE)
    token = csrf_token(client)
    with client.session_transaction() as session:
        session["planted"] = "by whoever handed over the cookie"
    before, cookie_before = session_of(client), client.get_cookie("session").value
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302
    after = session_of(client)
    assert "planted" not in after and after.get("csrf_token") != before["csrf_token"]
    assert client.get_cookie("session").value != cookie_before
    assert client.get("/office/").status_code == 200
    replayed = app.test_client()
    replayed.set_cookie("session", cookie_before)
    assert replayed.get("/office/").location.startswith("/login")
