"""Staff sessions end after the role's idle limit: 1 hour for the office and admin, 8 hours for instructors."""

from datetime import timedelta

import pytest

from kymppi.auth import idle
from kymppi.domain.clock import utcnow
from kymppi.models import Role


@pytest.fixture
def clock(monkeypatch):
    """The idle check's clock, moved forward by the test."""
    now = {"at": utcnow()}
    monkeypatch.setattr(idle, "utcnow", lambda: now["at"])

    def advance(**delta):
        now["at"] += timedelta(**delta)

    return advance


@pytest.mark.parametrize(
    ("role", "page", "kept", "ended"),
    [
        (Role.OFFICE, "/office/", {"minutes": 59}, {"minutes": 61}),
        (Role.ADMIN, "/admin/", {"minutes": 59}, {"minutes": 61}),
        (Role.INSTRUCTOR, "/checkin/", {"hours": 7, "minutes": 59}, {"hours": 8, "minutes": 1}),
    ],
)
def test_a_session_unused_past_its_roles_limit_ends(client, login, clock, role, page, kept, ended):
    login(role)
    clock(**kept)
    assert client.get(page).status_code == 200
    login(role)  # afresh: the request above counted as use
    clock(**ended)
    expired = client.get(page)
    assert expired.status_code == 302
    assert expired.headers["Location"] == f"/login?next={page}"
    assert "Istunto päättyi" in client.get("/login").get_data(as_text=True)
    assert client.get(page).status_code == 302  # logged out for good, not just once


def test_use_keeps_the_session_alive(client, login, clock):
    login(Role.OFFICE)
    for _ in range(5):
        clock(minutes=50)
        assert client.get("/office/").status_code == 200


def test_the_api_answers_401_to_an_expired_session(client, login, clock, world):
    login(Role.INSTRUCTOR)
    clock(hours=9)
    response = client.get(f"/api/v1/courses/{world.course('gym').id}/roster")
    assert response.status_code == 401
    assert response.get_json() == {"error": "session expired: log in again"}


def test_the_limits_are_settings(app, client, login, clock):
    app.config["OFFICE_IDLE_MINUTES"] = 5
    login(Role.OFFICE)
    clock(minutes=6)
    assert client.get("/office/").status_code == 302


def test_static_files_neither_end_nor_renew_a_session(client, login, clock):
    login(Role.OFFICE)
    clock(minutes=61)
    stylesheet = client.get("/static/kymppi.css")
    stylesheet.close()  # a file response: closed, or the test leaks the open file
    assert stylesheet.status_code == 200
    assert client.get("/office/").status_code == 302  # the stylesheet did not count as use
