"""The JSON API: check-ins and undo by bearer token or session, and its answers to bad requests."""

from datetime import date, timedelta

import pytest

from kymppi.domain.clock import utcnow
from kymppi.domain.staff import create_api_token
from kymppi.extensions import db
from kymppi.models import ApiToken, Card, CheckIn, Role, User
from tests.conftest import csrf_token
from tests.factories import SESSION_DAY, on

URL = "/api/v1/check-ins"


@pytest.fixture
def token(world):
    return create_api_token(world.instructor)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def scan(client, token, card_or_code, course_id, *, day=SESSION_DAY, **extra):
    code = card_or_code if isinstance(card_or_code, str) else card_or_code.number
    body = {"code": code, "course_id": course_id} | ({"at": on(day).isoformat()} if day else {}) | extra
    return client.post(URL, json=body, headers=bearer(token))


@pytest.fixture
def card_valid_today(make_card, todays_card_type):
    """Undo works on the current time, so its cards must be valid today."""
    return make_card(card_type=todays_card_type)


def test_new_visit_is_created(client, world, make_card, token):
    card = make_card(name="Maija Meikäläinen")
    response = scan(client, token, card, world.course("gym").id, source="camera")
    assert response.status_code == 201
    body = response.get_json()
    assert body["outcome"] == "ok" and body["ok"] is True and body["replayed"] is False
    assert (body["visits_left"], body["visits_total"], body["holder"]) == (9, 10, "Maija M.")
    row = db.session.get(CheckIn, body["check_in_id"])
    assert (row.card_id, row.checked_in_by_id, row.source.value) == (card.id, world.instructor.id, "camera")


@pytest.mark.parametrize("refusal", ["already_checked_in", "course_not_eligible", "unknown_card"])
def test_refusal_is_an_answer_not_an_error(client, world, make_card, token, refusal):
    card = make_card()
    course, code = world.course("gym").id, card.number
    if refusal == "already_checked_in":
        assert scan(client, token, card, course).status_code == 201
    elif refusal == "course_not_eligible":
        course = world.course("language").id
    else:
        code = "XXXX-0000"
    response = scan(client, token, code, course)
    assert response.status_code == 200
    assert response.get_json()["outcome"] == refusal
    assert response.get_json()["ok"] is False
    db.session.expire_all()
    assert db.session.get(Card, card.id).visits_used == (1 if refusal == "already_checked_in" else 0)


def test_replayed_client_id_returns_the_original_visit(client, world, make_card, token):
    card = make_card()
    first = scan(client, token, card, world.course("gym").id, client_id="tablet-7-000042")
    again = scan(client, token, card, world.course("gym").id, client_id="tablet-7-000042")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json()["replayed"] is True
    assert again.get_json()["check_in_id"] == first.get_json()["check_in_id"]
    assert again.get_json()["visits_left"] == 9


def test_client_id_reused_for_another_card_is_a_conflict(client, world, make_card, token):
    first, second = make_card(), make_card()
    assert scan(client, token, first, world.course("gym").id, client_id="tablet-7-000042").status_code == 201
    response = scan(client, token, second, world.course("gym").id, client_id="tablet-7-000042")
    assert response.status_code == 409
    assert "client_id" in response.get_json()["fields"]


@pytest.mark.parametrize("at", ["2026-11-24T00:30:00+02:00", "2026-11-23T22:30:00+00:00", "2026-11-23T22:30:00Z"])
def test_at_decides_the_local_session_date(client, world, make_card, token, at):
    card = make_card()
    response = scan(client, token, card, world.course("gym").id, day=None, at=at)
    assert response.status_code == 201
    assert db.session.get(CheckIn, response.get_json()["check_in_id"]).session_date == date(2026, 11, 24)


def test_different_at_days_are_different_sessions(client, world, make_card, token):
    card = make_card()
    assert scan(client, token, card, world.course("gym").id).status_code == 201
    next_week = scan(client, token, card, world.course("gym").id, day=SESSION_DAY + timedelta(days=7))
    assert next_week.status_code == 201
    assert next_week.get_json()["visits_left"] == 8


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"code": None}, {"code"}),
        ({"code": ""}, {"code"}),
        ({"code": "   "}, {"code"}),
        ({"code": 12345}, {"code"}),
        ({"code": "x" * 501}, {"code"}),
        ({"course_id": None}, {"course_id"}),
        ({"course_id": "1"}, {"course_id"}),
        ({"course_id": True}, {"course_id"}),
        ({"course_id": -1}, {"course_id"}),
        ({"course_id": 0}, {"course_id"}),
        ({"course_id": 1.5}, {"course_id"}),
        ({"course_id": 2**31}, {"course_id"}),
        ({"course_id": 2**64}, {"course_id"}),
        ({"source": "telepathy"}, {"source"}),
        ({"source": []}, {"source"}),
        ({"source": {}}, {"source"}),
        ({"at": "9999-12-31T23:59:59-12:00"}, {"at"}),
        ({"at": "0001-01-01T00:00:00+14:00"}, {"at"}),
        ({"client_id": "short"}, {"client_id"}),
        ({"client_id": "x" * 65}, {"client_id"}),
        ({"client_id": 12345678}, {"client_id"}),
        ({"at": "2026-11-23T12:00:00"}, {"at"}),
        ({"at": "2026-11-23"}, {"at"}),
        ({"at": "yesterday"}, {"at"}),
        ({"at": 1795000000}, {"at"}),
        (
            {"code": "", "course_id": "x", "source": "x", "client_id": "x", "at": "x"},
            {"code", "course_id", "source", "client_id", "at"},
        ),
    ],
)
def test_bad_fields_are_named(client, world, make_card, token, change, fields):
    body = {"code": make_card().number, "course_id": world.course("gym").id} | change
    body = {key: value for key, value in body.items() if value is not None}
    response = client.post(URL, json=body, headers=bearer(token))
    assert response.status_code == 400
    assert set(response.get_json()["fields"]) == fields
    assert db.session.query(CheckIn).count() == 0


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ("code=ABCD&course_id=1", "application/x-www-form-urlencoded"),
        ("not json", "text/plain"),
        ("{broken", "application/json"),
        ("[]", "application/json"),
        ('["ABCD-1234", 1]', "application/json"),
        ("null", "application/json"),
        ('"ABCD-1234"', "application/json"),
    ],
)
def test_body_that_is_not_a_json_object(client, world, token, data, content_type):
    response = client.post(URL, data=data, content_type=content_type, headers=bearer(token))
    assert response.status_code == 400
    assert response.get_json()["fields"] == {"body": "expected a JSON object"}


def test_unknown_course_is_not_found(client, world, make_card, token):
    response = scan(client, token, make_card(), 999_999)
    assert response.status_code == 404
    assert "course" in response.get_json()["error"]


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer not-a-real-token"}, {"Authorization": "Bearer "}, {"Authorization": "Token abc"}],
    ids=["none", "invalid", "empty", "other-scheme"],
)
def test_request_without_a_valid_token_is_unauthorized(client, world, make_card, headers):
    body = {"code": make_card().number, "course_id": world.course("gym").id}
    response = client.post(URL, json=body, headers=headers)
    assert response.status_code == 401
    assert response.get_json() == {"error": "authentication required"}
    assert db.session.query(CheckIn).count() == 0


@pytest.mark.parametrize("why", ["revoked", "inactive user"])
def test_dead_token_is_unauthorized(client, world, make_card, token, why):
    card = make_card()
    assert scan(client, token, card, world.course("gym").id).status_code == 201
    if why == "revoked":
        db.session.query(ApiToken).one().revoked_at = utcnow()
    else:
        db.session.get(User, world.instructor.id).active = False
    db.session.commit()
    response = scan(client, token, card, world.course("dance").id)
    assert response.status_code == 401
    assert response.is_json


def test_session_write_needs_the_csrf_header(client, world, make_card, login):
    login(Role.INSTRUCTOR)
    body = {"code": make_card().number, "course_id": world.course("gym").id, "at": on(SESSION_DAY).isoformat()}
    refused = client.post(URL, json=body)
    assert refused.status_code == 400
    assert "CSRF" in refused.get_json()["error"]
    assert db.session.query(CheckIn).count() == 0
    accepted = client.post(URL, json=body, headers={"X-CSRFToken": csrf_token(client, "/checkin/")})
    assert accepted.status_code == 201
    assert accepted.get_json()["outcome"] == "ok"


@pytest.mark.parametrize("path", ["/office/", "/checkin/", "/reports/"])
def test_bearer_token_is_ignored_on_pages(client, world, path):
    office_token = create_api_token(world.office)
    response = client.get(path, headers=bearer(office_token))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def undo(client, token, check_in_id, body=None):
    return client.post(f"{URL}/{check_in_id}/undo", json=body, headers=bearer(token))


@pytest.fixture
def todays_visit(client, world, card_valid_today, token):
    response = scan(client, token, card_valid_today, world.course("gym").id, day=None)
    assert response.status_code == 201
    return response.get_json()["check_in_id"]


def test_instructor_undoes_own_visit_today(client, token, todays_visit):
    response = undo(client, token, todays_visit)
    assert response.status_code == 200
    assert response.get_json() == {"outcome": "ok", "visits_left": 10}
    again = undo(client, token, todays_visit)
    assert again.status_code == 409
    assert again.get_json()["outcome"] == "already_undone"


def test_instructor_cannot_undo_another_instructors_visit(client, make_user, todays_visit):
    other = create_api_token(make_user(Role.INSTRUCTOR))
    response = undo(client, other, todays_visit, {"reason": "väärä kortti"})
    assert response.status_code == 403
    assert response.get_json()["outcome"] == "not_permitted"


def test_instructor_cannot_undo_own_visit_of_another_day(client, world, card_valid_today, token):
    yesterday = (utcnow() - timedelta(days=1)).isoformat()
    visit = scan(client, token, card_valid_today, world.course("gym").id, day=None, at=yesterday)
    assert visit.status_code == 201
    assert undo(client, token, visit.get_json()["check_in_id"]).status_code == 403


@pytest.mark.parametrize("body", [None, {}, {"reason": ""}, {"reason": "   "}])
def test_office_must_give_a_reason(client, world, todays_visit, body):
    office = create_api_token(world.office)
    response = undo(client, office, todays_visit, body)
    assert response.status_code == 422
    assert response.get_json()["outcome"] == "reason_required"
    done = undo(client, office, todays_visit, {"reason": "leimattu väärälle kurssille"})
    assert done.status_code == 200
    assert done.get_json() == {"outcome": "ok", "visits_left": 10}


@pytest.mark.parametrize(
    ("body", "field"), [([], "body"), ("reason", "body"), ({"reason": 5}, "reason"), ({"reason": "x" * 501}, "reason")]
)
def test_bad_undo_body_is_named(client, world, todays_visit, body, field):
    response = undo(client, create_api_token(world.office), todays_visit, body)
    assert response.status_code == 400
    assert set(response.get_json()["fields"]) == {field}


def test_undo_of_unknown_check_in_is_not_found(client, world, token):
    response = undo(client, token, 999_999)
    assert response.status_code == 404
    assert response.get_json()["outcome"] == "not_found"


@pytest.mark.parametrize("check_in_id", [2**31, 10**20])
def test_undo_of_an_impossible_id_is_not_found(client, world, token, check_in_id):
    response = undo(client, token, check_in_id)
    assert response.status_code == 404
    assert response.is_json


@pytest.mark.parametrize("authenticated", [True, False])
def test_wrong_method_answers_json(client, token, authenticated):
    response = client.get(URL, headers=bearer(token) if authenticated else {})
    assert response.status_code == 405
    assert response.is_json and response.get_json()["error"]


def test_unknown_api_path_answers_json(client, token):
    response = client.get("/api/v1/nothing-here", headers=bearer(token))
    assert response.status_code == 404
    assert response.is_json
