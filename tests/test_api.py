"""The check-in API (issue 4's contract): every status and outcome, replays, bad requests, rights."""

from datetime import date, timedelta

import pytest

from kymppi.domain.card_status import cancel_card, refund_card, suspend_card
from kymppi.domain.checkin import check_in
from kymppi.domain.clock import utcnow
from kymppi.domain.replacement import replace_card
from kymppi.domain.staff import create_api_token
from kymppi.extensions import db
from kymppi.models import ApiToken, Card, CardType, CheckIn, Language, RefusedScan, Role, User
from tests.conftest import csrf_token
from tests.factories import SESSION_DAY, TERM_END, TERM_START, on

URL = "/api/v1/checkins"
# Scans may not be dated in the future, so an expired card is one that ended before SESSION_DAY.
EXPIRED_ON = date(2026, 10, 31)


@pytest.fixture
def token(world):
    """The office's token: most tests scan on fixed past dates, which only the office may backdate."""
    return create_api_token(world.office)


@pytest.fixture
def instructor_token(world):
    return create_api_token(world.instructor)


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


def scan(client, token, card_or_code, course_id, *, day=SESSION_DAY, **extra):
    code = card_or_code if isinstance(card_or_code, str) else card_or_code.number
    body = {"code": code, "course_id": course_id} | ({"scanned_at": on(day).isoformat()} if day else {}) | extra
    return client.post(URL, json=body, headers=bearer(token))


@pytest.fixture
def card_valid_today(make_card, todays_card_type):
    """Scans without scanned_at, and undo, work on the current time: their cards must be valid today."""
    return make_card(card_type=todays_card_type)


def test_new_visit_is_created(client, world, make_card, token):
    card = make_card(name="Maija Meikäläinen")
    response = scan(client, token, card, world.course("gym").id, source="camera")
    assert response.status_code == 201
    body = response.get_json()
    assert (body["status"], body["tone"], body["replayed"]) == ("ok", "ok", False)
    assert body["card"] == {
        "number": f"{card.number[:4]}-{card.number[4:]}",
        "holder": "Maija M.",
        "visits_left": 9,
        "visits_total": 10,
        "valid_from": TERM_START.isoformat(),
        "valid_until": TERM_END.isoformat(),
    }
    assert body["message"] == "9 käyntiä jäljellä."
    row = db.session.get(CheckIn, body["checkin_id"])
    assert (row.card_id, row.checked_in_by_id, row.source.value) == (card.id, world.office.id, "camera")


def test_instructor_scans_now_without_a_time(client, world, card_valid_today, instructor_token):
    response = scan(client, instructor_token, card_valid_today, world.course("gym").id, day=None)
    assert response.status_code == 201
    assert db.session.get(CheckIn, response.get_json()["checkin_id"]).checked_in_by_id == world.instructor.id


def test_second_scan_of_the_session_is_200_already_checked_in(client, world, make_card, token):
    card = make_card()
    first = scan(client, token, card, world.course("gym").id)
    second = scan(client, token, card, world.course("gym").id)
    assert (first.status_code, second.status_code) == (201, 200)
    body = second.get_json()
    assert (body["status"], body["tone"], body["checkin_id"]) == (
        "already_checked_in",
        "warn",
        first.get_json()["checkin_id"],
    )
    assert body["message"] == "Leimattu jo tänään klo 12:00. Käyntiä ei vähennetty uudelleen."
    assert body["card"]["visits_left"] == 9


def _visit(world, card, day=SESSION_DAY, course="gym"):
    assert check_in(card.number, world.course(course).id, by=world.office, at=on(day)).ok


def _refused_scan(outcome, world, make_card):
    """(code, course id, day) of a scan the API must refuse with `outcome`."""
    gym = world.course("gym").id
    if outcome == "no_visits_left":
        card = make_card(visits=1)
        _visit(world, card, SESSION_DAY - timedelta(days=7))
        return card.number, gym, SESSION_DAY
    if outcome == "expired":
        short = CardType(name="Lyhyt", price_cents=1000, valid_from=TERM_START, valid_until=EXPIRED_ON)
        short.categories = world.card_type.categories
        db.session.add(short)
        db.session.commit()
        return make_card(card_type=short).number, gym, SESSION_DAY
    if outcome == "not_yet_valid":
        return make_card().number, gym, TERM_START - timedelta(days=1)
    if outcome == "course_not_eligible":
        return make_card().number, world.course("language").id, SESSION_DAY
    if outcome == "course_full":
        for _ in range(2):
            _visit(world, make_card(), course="capped")
        return make_card().number, world.course("capped").id, SESSION_DAY
    card = make_card()
    change = {
        "cancelled": lambda: cancel_card(card.id, by=world.office, reason="peruttu"),
        "refunded": lambda: refund_card(card.id, by=world.office, reason="hyvitys", amount_cents=5000),
        "suspended": lambda: suspend_card(card.id, by=world.office, reason="sairaus", at=on(SESSION_DAY)),
        "replaced": lambda: replace_card(card.id, by=world.office, reason="kadonnut"),
    }[outcome]
    assert change().ok
    return card.number, gym, SESSION_DAY


REFUSALS = {
    "no_visits_left": "Kortilla ei ole käyntejä jäljellä.",
    "expired": "Kortti vanheni 31.10.2026.",
    "not_yet_valid": "Kortti on voimassa vasta 24.8.2026 alkaen.",
    "cancelled": "Kortti on peruttu.",
    "refunded": "Kortti on hyvitetty, eikä se ole enää käytössä.",
    "suspended": "Kortin käyttö on keskeytetty. Ostaja voi kysyä toimistosta.",
    "replaced": "Kortti on korvattu uudella kortilla. Käytä uutta korttia.",
    "course_not_eligible": "Kortti ei käy tällä kurssilla.",
    "course_full": "Kurssi on täynnä: tämän kerran korttipaikat on käytetty.",
}


@pytest.mark.parametrize(("outcome", "message"), REFUSALS.items(), ids=list(REFUSALS))
def test_refusal_is_409_with_its_reason_and_is_logged(client, world, make_card, token, outcome, message):
    code, course_id, day = _refused_scan(outcome, world, make_card)
    used_before = db.session.query(CheckIn).filter(CheckIn.undone_at.is_(None)).count()
    response = scan(client, token, code, course_id, day=day, source="scanner")
    assert response.status_code == 409
    body = response.get_json()
    assert (body["status"], body["tone"], body["message"]) == (outcome, "refused", message)
    assert body["checkin_id"] is None
    assert db.session.query(CheckIn).filter(CheckIn.undone_at.is_(None)).count() == used_before
    logged = db.session.query(RefusedScan).one()
    assert (logged.outcome, logged.course_id, logged.source.value) == (outcome, course_id, "scanner")
    assert logged.card.number == code


def test_unknown_card_is_404_and_logged_without_the_code(client, world, token):
    response = scan(client, token, "https://kymppi.test/k/" + "Q" * 32, world.course("gym").id)
    assert response.status_code == 404
    assert response.get_json()["status"] == "unknown_card"
    assert response.get_json()["card"] is None
    logged = db.session.query(RefusedScan).one()
    assert (logged.outcome, logged.card_id) == ("unknown_card", None)


@pytest.mark.parametrize(
    ("language", "message"),
    [(Language.SV, "Kortet har inga besök kvar."), (Language.EN, "The card has no visits left.")],
)
def test_message_is_in_the_users_language(client, world, make_card, make_user, language, message):
    card = make_card(visits=1)
    _visit(world, card, SESSION_DAY - timedelta(days=7))
    speaker = create_api_token(make_user(Role.OFFICE, language=language))
    response = scan(client, speaker, card, world.course("gym").id)
    assert (response.status_code, response.get_json()["message"]) == (409, message)


def test_replayed_client_id_returns_the_original_visit(client, world, make_card, token):
    card = make_card()
    client_id = "6f1c2a4e-9b1d-4c3e-8f7a-0d2b5c6e7f80"
    first = scan(client, token, card, world.course("gym").id, client_id=client_id)
    again = scan(client, token, card, world.course("gym").id, client_id=client_id)
    assert (first.status_code, again.status_code) == (201, 200)
    assert (again.get_json()["status"], again.get_json()["replayed"]) == ("ok", True)
    assert again.get_json()["checkin_id"] == first.get_json()["checkin_id"]
    assert again.get_json()["card"]["visits_left"] == 9
    db.session.expire_all()
    assert db.session.get(Card, card.id).visits_used == 1


def test_replayed_refusal_answers_the_same_and_is_logged_once(client, world, make_card, token):
    card = make_card()
    assert cancel_card(card.id, by=world.office, reason="peruttu").ok
    client_id = "tablet-7-000043"
    first = scan(client, token, card, world.course("gym").id, client_id=client_id)
    again = scan(client, token, card, world.course("gym").id, client_id=client_id)
    assert (first.status_code, again.status_code) == (409, 409)
    assert (again.get_json()["status"], again.get_json()["replayed"]) == ("cancelled", True)
    assert db.session.query(RefusedScan).count() == 1


def test_client_id_reused_for_another_card_is_a_conflict(client, world, make_card, token):
    first, second = make_card(), make_card()
    assert scan(client, token, first, world.course("gym").id, client_id="tablet-7-000042").status_code == 201
    response = scan(client, token, second, world.course("gym").id, client_id="tablet-7-000042")
    assert response.status_code == 409
    assert response.get_json()["status"] == "client_id_reused"
    assert "client_id" in response.get_json()["errors"]


@pytest.mark.parametrize(
    "scanned_at", ["2026-11-24T00:30:00+02:00", "2026-11-23T22:30:00+00:00", "2026-11-23T22:30:00Z"]
)
def test_scanned_at_decides_the_local_session_date(client, world, make_card, token, scanned_at):
    card = make_card()
    response = scan(client, token, card, world.course("gym").id, day=None, scanned_at=scanned_at)
    assert response.status_code == 201
    assert db.session.get(CheckIn, response.get_json()["checkin_id"]).session_date == date(2026, 11, 24)


def test_different_days_are_different_sessions(client, world, make_card, token):
    card = make_card()
    assert scan(client, token, card, world.course("gym").id).status_code == 201
    next_week = scan(client, token, card, world.course("gym").id, day=SESSION_DAY + timedelta(days=7))
    assert next_week.status_code == 201
    assert next_week.get_json()["card"]["visits_left"] == 8


def test_scan_more_than_five_minutes_ahead_is_refused(client, world, card_valid_today, instructor_token):
    ahead = (utcnow() + timedelta(minutes=6)).isoformat()
    response = scan(client, instructor_token, card_valid_today, world.course("gym").id, day=None, scanned_at=ahead)
    assert response.status_code == 400
    assert response.get_json()["status"] == "invalid_request"
    assert set(response.get_json()["errors"]) == {"scanned_at"}
    slightly = (utcnow() + timedelta(minutes=4)).isoformat()
    assert (
        scan(
            client, instructor_token, card_valid_today, world.course("gym").id, day=None, scanned_at=slightly
        ).status_code
        == 201
    )


def test_only_the_office_backdates_more_than_fourteen_days(client, world, card_valid_today, instructor_token, token):
    old = (utcnow() - timedelta(days=15)).isoformat()
    refused = scan(client, instructor_token, card_valid_today, world.course("gym").id, day=None, scanned_at=old)
    assert refused.status_code == 403
    assert refused.get_json()["status"] == "not_permitted"
    assert set(refused.get_json()["errors"]) == {"scanned_at"}
    assert db.session.query(CheckIn).count() == 0
    recent = (utcnow() - timedelta(days=13)).isoformat()
    assert (
        scan(
            client, instructor_token, card_valid_today, world.course("gym").id, day=None, scanned_at=recent
        ).status_code
        == 201
    )
    assert scan(client, token, card_valid_today, world.course("gym").id, day=None, scanned_at=old).status_code == 201


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
        ({"scanned_at": "9999-12-31T23:59:59-12:00"}, {"scanned_at"}),
        ({"scanned_at": "0001-01-01T00:00:00+14:00"}, {"scanned_at"}),
        ({"client_id": "short"}, {"client_id"}),
        ({"client_id": "x" * 65}, {"client_id"}),
        ({"client_id": 12345678}, {"client_id"}),
        ({"scanned_at": "2026-11-23T12:00:00"}, {"scanned_at"}),
        ({"scanned_at": "2026-11-23"}, {"scanned_at"}),
        ({"scanned_at": "yesterday"}, {"scanned_at"}),
        ({"scanned_at": 1795000000}, {"scanned_at"}),
        (
            {"code": "", "course_id": "x", "source": "x", "client_id": "x", "scanned_at": "x"},
            {"code", "course_id", "source", "client_id", "scanned_at"},
        ),
    ],
)
def test_bad_fields_are_named(client, world, make_card, token, change, fields):
    body = {"code": make_card().number, "course_id": world.course("gym").id} | change
    body = {key: value for key, value in body.items() if value is not None}
    response = client.post(URL, json=body, headers=bearer(token))
    assert response.status_code == 400
    assert response.get_json()["status"] == "invalid_request"
    assert set(response.get_json()["errors"]) == fields
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
    assert response.get_json() == {"status": "invalid_request", "errors": {"body": "Odotettiin JSON-objektia."}}


def test_unknown_course_is_not_found(client, world, make_card, token):
    response = scan(client, token, make_card(), 999_999)
    assert response.status_code == 404
    assert response.get_json()["status"] == "unknown_course"


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
        db.session.get(User, world.office.id).active = False
    db.session.commit()
    response = scan(client, token, card, world.course("dance").id)
    assert response.status_code == 401
    assert response.is_json


def test_session_write_needs_the_csrf_header(client, world, make_card, todays_card_type, login):
    login(Role.INSTRUCTOR)
    body = {"code": make_card(card_type=todays_card_type).number, "course_id": world.course("gym").id}
    refused = client.post(URL, json=body)
    assert refused.status_code == 400
    assert "CSRF" in refused.get_json()["error"]
    assert db.session.query(CheckIn).count() == 0
    accepted = client.post(URL, json=body, headers={"X-CSRFToken": csrf_token(client, "/checkin/")})
    assert accepted.status_code == 201
    assert accepted.get_json()["status"] == "ok"


@pytest.mark.parametrize("path", ["/office/", "/checkin/", "/reports/"])
def test_bearer_token_is_ignored_on_pages(client, world, path):
    office_token = create_api_token(world.office)
    response = client.get(path, headers=bearer(office_token))
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def undo(client, token, check_in_id, body=None):
    return client.delete(f"{URL}/{check_in_id}", json=body, headers=bearer(token))


@pytest.fixture
def todays_visit(client, world, card_valid_today, instructor_token):
    response = scan(client, instructor_token, card_valid_today, world.course("gym").id, day=None)
    assert response.status_code == 201
    return response.get_json()["checkin_id"]


def test_instructor_undoes_own_visit_today(client, instructor_token, todays_visit, card_valid_today):
    response = client.delete(f"{URL}/{todays_visit}", headers=bearer(instructor_token))
    assert response.status_code == 200
    assert response.get_json() == {
        "status": "undone",
        "message": "Käynti peruttu ja palautettu kortille.",
        "card": {
            "number": f"{card_valid_today.number[:4]}-{card_valid_today.number[4:]}",
            "holder": "Maija M.",
            "visits_left": 10,
            "visits_total": 10,
        },
    }
    again = undo(client, instructor_token, todays_visit)
    assert again.status_code == 409
    assert again.get_json()["status"] == "already_undone"


def test_instructor_cannot_undo_another_instructors_visit(client, make_user, todays_visit):
    other = create_api_token(make_user(Role.INSTRUCTOR))
    response = undo(client, other, todays_visit, {"reason": "väärä kortti"})
    assert response.status_code == 403
    assert response.get_json()["status"] == "not_permitted"


def test_instructor_cannot_undo_own_visit_of_another_day(client, world, card_valid_today, instructor_token):
    yesterday = (utcnow() - timedelta(days=1)).isoformat()
    visit = scan(client, instructor_token, card_valid_today, world.course("gym").id, day=None, scanned_at=yesterday)
    assert visit.status_code == 201
    assert undo(client, instructor_token, visit.get_json()["checkin_id"]).status_code == 403


@pytest.mark.parametrize("body", [None, {}, {"reason": ""}, {"reason": "   "}])
def test_office_must_give_a_reason(client, world, todays_visit, body):
    office = create_api_token(world.office)
    response = undo(client, office, todays_visit, body)
    assert response.status_code == 422
    assert response.get_json()["status"] == "reason_required"
    done = undo(client, office, todays_visit, {"reason": "leimattu väärälle kurssille"})
    assert done.status_code == 200
    assert (done.get_json()["status"], done.get_json()["card"]["visits_left"]) == ("undone", 10)


@pytest.mark.parametrize(
    ("body", "field"), [([], "body"), ("reason", "body"), ({"reason": 5}, "reason"), ({"reason": "x" * 501}, "reason")]
)
def test_bad_undo_body_is_named(client, world, todays_visit, body, field):
    response = undo(client, create_api_token(world.office), todays_visit, body)
    assert response.status_code == 400
    assert set(response.get_json()["errors"]) == {field}


def test_undo_of_unknown_check_in_is_not_found(client, world, token):
    response = undo(client, token, 999_999)
    assert response.status_code == 404
    assert response.get_json()["status"] == "not_found"


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


@pytest.mark.parametrize("reason", ["väärä\nkortti", "tab\there", "nul\x00"])
def test_undo_reason_with_control_characters_is_a_field_error(client, world, todays_visit, reason):
    response = undo(client, create_api_token(world.office), todays_visit, {"reason": reason})
    assert response.status_code == 400
    assert response.get_json()["status"] == "invalid_request"
    assert set(response.get_json()["errors"]) == {"reason"}


def test_a_refusal_replayed_from_the_offline_queue_becomes_a_conflict(client, world, make_card, token):
    """The first try was refused but timed out on the tablet, which then let the holder in offline."""
    card = make_card()
    assert cancel_card(card.id, by=world.office, reason="peruttu").ok
    first = scan(client, token, card, world.course("gym").id, client_id="tablet-7-000044", source="camera")
    replay = scan(client, token, card, world.course("gym").id, client_id="tablet-7-000044", source="offline")
    assert (first.status_code, replay.status_code, replay.get_json()["replayed"]) == (409, 409, True)
    db.session.expire_all()
    assert db.session.query(RefusedScan).one().source.value == "offline"


REPORTS = "/api/v1/refused-scans"


def report(client, token, code, course_id, **extra):
    body = {
        "code": code,
        "course_id": course_id,
        "client_id": "tablet-7-000099",
        "scanned_at": on(SESSION_DAY).isoformat(),
        "source": "camera",
        "outcome": "cancelled",
    } | extra
    return client.post(
        REPORTS, json={key: value for key, value in body.items() if value is not None}, headers=bearer(token)
    )


def test_a_refusal_reported_from_offline_is_kept_once_and_takes_nothing(client, world, make_card, token):
    card = make_card()
    first = report(client, token, card.number, world.course("gym").id)
    again = report(client, token, card.number, world.course("gym").id)
    assert (first.status_code, first.get_json()) == (201, {"status": "logged", "replayed": False})
    assert (again.status_code, again.get_json()) == (200, {"status": "logged", "replayed": True})
    logged = db.session.query(RefusedScan).one()
    assert (logged.card_id, logged.outcome, logged.source.value, logged.session_date) == (
        card.id,
        "cancelled",
        "camera",
        SESSION_DAY,
    )
    db.session.expire_all()
    assert db.session.get(Card, card.id).visits_used == 0
    assert db.session.query(CheckIn).count() == 0


def test_an_unreadable_code_reported_from_offline_has_no_card(client, world, token):
    response = report(client, token, "not a card", world.course("gym").id, outcome="unknown_card")
    assert response.status_code == 201
    assert db.session.query(RefusedScan).one().card_id is None


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"outcome": "ok"}, {"outcome"}),
        ({"outcome": "already_checked_in"}, {"outcome"}),
        ({"outcome": None}, {"outcome"}),
        ({"client_id": None}, {"client_id"}),
        ({"scanned_at": None}, {"scanned_at"}),
        ({"source": "offline"}, {"source"}),
        ({"outcome": 3, "client_id": None, "scanned_at": None}, {"outcome", "client_id", "scanned_at"}),
    ],
)
def test_a_bad_refusal_report_is_named_and_keeps_nothing(client, world, make_card, token, change, fields):
    response = report(client, token, make_card().number, world.course("gym").id, **change)
    assert response.status_code == 400
    assert set(response.get_json()["errors"]) == fields
    assert db.session.query(RefusedScan).count() == 0


def test_a_refusal_report_for_an_unknown_course_is_404(client, world, make_card, token):
    response = report(client, token, make_card().number, 999_999)
    assert (response.status_code, response.get_json()["status"]) == (404, "unknown_course")
