"""The session roster and the offline roster a tablet downloads: what they hold, and what they never do."""

import hashlib
import hmac

import pytest

from kymppi.domain.card_status import cancel_card
from kymppi.domain.checkin import check_in
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.sessions import offline_key
from kymppi.domain.staff import create_api_token
from kymppi.extensions import db
from kymppi.models import CardType, Language, Role
from tests.factories import SESSION_DAY, on


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {create_api_token(user)}"}


def test_session_roster_lists_todays_visits_and_who_may_undo(client, world, make_card, make_user):
    mine, theirs = make_card(name="Maija Meikäläinen"), make_card(name="Ville Virtanen")
    gym = world.course("gym").id
    colleague = make_user(Role.INSTRUCTOR)
    check_in(mine.number, gym, by=world.instructor, at=on(SESSION_DAY))
    check_in(theirs.number, gym, by=colleague, at=on(SESSION_DAY))

    response = client.get(f"/api/v1/courses/{gym}/roster?date={SESSION_DAY}", headers=bearer(world.instructor))

    assert response.status_code == 200
    body = response.get_json()
    assert body["date"] == SESSION_DAY.isoformat()
    holders = [(row["card"]["holder"], row["card"]["visits_left"], row["by"]) for row in body["checkins"]]
    assert sorted(holders) == [("Maija M.", 9, world.instructor.name), ("Ville V.", 9, colleague.name)]
    # Rule 6: an instructor undoes only their own visits of today, and SESSION_DAY is not today.
    assert all(row["undoable"] is False for row in body["checkins"])
    office = client.get(f"/api/v1/courses/{gym}/roster?date={SESSION_DAY}", headers=bearer(world.office)).get_json()
    assert all(row["undoable"] for row in office["checkins"])


def test_session_roster_defaults_to_today(client, world, make_card, todays_card_type):
    card = make_card(card_type=todays_card_type)
    check_in(card.number, world.course("gym").id, by=world.instructor)
    body = client.get(f"/api/v1/courses/{world.course('gym').id}/roster", headers=bearer(world.instructor)).get_json()
    assert body["date"] == local_date(utcnow()).isoformat()
    assert [row["undoable"] for row in body["checkins"]] == [True]


@pytest.mark.parametrize("day", ["eilen", "2026-13-01", "1999-12-31", "2026-1-1", "2026-11-23T00:00"])
def test_session_roster_date_must_be_a_date(client, world, day):
    response = client.get(f"/api/v1/courses/{world.course('gym').id}/roster?date={day}", headers=bearer(world.office))
    assert response.status_code == 400
    assert response.get_json() == {
        "status": "invalid_request",
        "errors": {"date": "Päivä muodossa VVVV-KK-PP vuosien 2000 ja 2099 väliltä."},
    }


def test_offline_roster_holds_hashes_not_secrets(app, client, world, make_card, todays_card_type):
    card = make_card(card_type=todays_card_type, name="Maija Meikäläinen")
    response = client.get(f"/api/v1/courses/{world.course('gym').id}/offline-roster", headers=bearer(world.instructor))

    assert response.status_code == 200
    assert card.secret not in response.get_data(as_text=True)
    body = response.get_json()
    key = offline_key(app.config["SECRET_KEY"], world.course("gym").id, local_date(utcnow()))
    assert body["key"] == key.hex()
    [entry] = body["cards"]
    assert entry["hash"] == hmac.new(key, card.secret.encode(), hashlib.sha256).hexdigest()
    assert (entry["holder"], entry["visits_left"], entry["status"], entry["checked_in_at"]) == (
        "Maija M.",
        10,
        "active",
        None,
    )


def test_offline_key_differs_by_course_and_day():
    keys = {offline_key("s", course, day) for course in (1, 2) for day in (SESSION_DAY, SESSION_DAY.replace(day=24))}
    assert len(keys) == 4


def test_offline_roster_keeps_refused_cards_and_drops_other_courses(
    client, world, make_card, todays_card_type, make_user
):
    cancelled = make_card(card_type=todays_card_type)
    assert cancel_card(cancelled.id, by=world.office, reason="peruttu").ok
    visited = make_card(card_type=todays_card_type)
    check_in(visited.number, world.course("gym").id, by=world.instructor)
    music_only = CardType(
        name="Musiikki",
        price_cents=1000,
        valid_from=todays_card_type.valid_from,
        valid_until=todays_card_type.valid_until,
        categories=[world.categories["music"]],
    )
    db.session.add(music_only)
    db.session.commit()
    other = make_card(card_type=music_only)
    speaker = make_user(Role.INSTRUCTOR, language=Language.SV)

    body = client.get(f"/api/v1/courses/{world.course('gym').id}/offline-roster", headers=bearer(speaker)).get_json()

    by_number = {entry["number"].replace("-", ""): entry for entry in body["cards"]}
    assert set(by_number) == {cancelled.number, visited.number}
    assert by_number[cancelled.number]["status"] == "cancelled"
    assert by_number[visited.number]["checked_in_at"] is not None
    assert body["session_count"] == 1
    assert other.number not in by_number
    assert body["texts"]["messages"]["no_visits_left"] == "Kortet har inga besök kvar."


def test_rosters_of_unknown_courses_are_404(client, world):
    for path in ("roster", "offline-roster"):
        response = client.get(f"/api/v1/courses/999999/{path}", headers=bearer(world.instructor))
        assert (response.status_code, response.get_json()["status"]) == (404, "unknown_course")
