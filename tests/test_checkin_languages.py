"""The check-in pages and the API in Swedish and English: the staff user's own language,
whether the page asks, the form without JavaScript, the tablet's script or a token's script."""

import json
import re
from datetime import timedelta

import pytest

from kymppi.domain.card_status import cancel_card
from kymppi.domain.checkin import check_in
from kymppi.domain.staff import create_api_token
from kymppi.extensions import db
from kymppi.models import Language, Role
from tests.conftest import csrf_token
from tests.factories import SESSION_DAY, TERM_START, on


@pytest.fixture
def on_session_day(monkeypatch):
    """The pages and the check-in read the clock: make it noon of SESSION_DAY, a Monday."""
    for module in ("kymppi.checkin.views", "kymppi.domain.checkin"):
        monkeypatch.setattr(f"{module}.utcnow", lambda: on(SESSION_DAY))


def html_of(response) -> str:
    assert response.status_code in (200, 422), response.status_code
    return response.get_data(as_text=True)


def script_texts(html: str) -> dict:
    """The texts the scan page hands its script, from the data-texts attribute."""
    attribute = re.search(r"data-texts='([^']*)'", html)
    assert attribute, "no data-texts on the scan page"
    return json.loads(attribute.group(1).replace("&#34;", '"').replace("&amp;", "&"))


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {create_api_token(user)}"}


def test_the_scan_page_speaks_swedish_to_a_swedish_instructor(client, world, make_card, login, on_session_day):
    instructor = login(Role.INSTRUCTOR, language=Language.SV)
    gym = world.course("gym")
    check_in(make_card(name="Maija Meikäläinen").number, gym.id, by=instructor, at=on(SESSION_DAY))

    html = html_of(client.get(f"/checkin/courses/{gym.id}"))

    assert '<html lang="sv">' in html and 'data-language="sv"' in html
    assert "23.11.2026 kl. 18.00–19.00" in html
    assert "Registreringar vid det här tillfället: <span data-session-count>1</span>" in html
    assert "Kortnummer eller QR-kod" in html and ">Registrera</button>" in html
    assert 'Ångra<span class="visually-hidden"> besöket: Maija M.</span>' in html
    assert "Ska besöket ångras?" in html and "Leimaa" not in html
    texts = script_texts(html)
    assert (texts["error"], texts["undo"], texts["no_check_ins"]) == ("Fel", "Ångra", "Inga registreringar ännu.")
    assert texts["queue_waiting"] == {
        "one": "{count} offlineregistrering väntar på att skickas.",
        "other": "{count} offlineregistreringar väntar på att skickas.",
    }


def test_the_scan_page_links_its_manifest_in_its_own_language(client, world, login):
    login(Role.INSTRUCTOR, language=Language.EN)
    html = html_of(client.get(f"/checkin/courses/{world.course('gym').id}"))
    assert 'href="/checkin/manifest.webmanifest?lang=en"' in html


@pytest.mark.parametrize(
    ("language", "name", "short_name"),
    [
        ("fi", "Kymppi – leimaus", "Leimaus"),
        ("sv", "Kymppi – registrering", "Registrering"),
        ("en", "Kymppi – check-in", "Check-in"),
    ],
)
def test_the_web_app_is_named_in_the_language_asked(client, language, name, short_name):
    """Browsers fetch a manifest without cookies: ?lang= says the language."""
    manifest = client.get(f"/checkin/manifest.webmanifest?lang={language}").get_json()
    assert (manifest["name"], manifest["short_name"], manifest["lang"]) == (name, short_name, language)


def test_todays_courses_in_english(client, world, login, on_session_day):
    login(Role.INSTRUCTOR, language=Language.EN)
    world.course("gym").instructors.clear()
    db.session.commit()

    html = html_of(client.get("/checkin/"))

    assert '<html lang="en">' in html
    assert "Today's courses 23 Nov 2026" in html and "Courses today" in html
    assert "Other courses, if a session was moved to today" in html and "Wed 18:00–19:00" in html
    assert "Päivän kurssit" not in html


def test_a_scan_without_javascript_answers_in_english(client, world, make_card, login, on_session_day):
    login(Role.INSTRUCTOR, language=Language.EN)
    gym = world.course("gym").id
    token = csrf_token(client, f"/checkin/courses/{gym}")
    card = make_card()

    first = html_of(client.post(f"/checkin/courses/{gym}", data={"code": card.number, "csrf_token": token}))
    again = html_of(client.post(f"/checkin/courses/{gym}", data={"code": card.number, "csrf_token": token}))

    assert '<p class="answer-headline">OK</p>' in first and "9 visits left." in first
    assert "Already checked in" in again and "Already checked in today at 12:00. No second visit was taken." in again


def test_one_visit_left_is_said_in_the_singular(client, world, make_card, login, on_session_day):
    login(Role.INSTRUCTOR)
    gym = world.course("gym").id
    token = csrf_token(client, f"/checkin/courses/{gym}")
    html = html_of(
        client.post(f"/checkin/courses/{gym}", data={"code": make_card(visits=2).number, "csrf_token": token})
    )
    assert "1 käynti jäljellä." in html


def test_scan_form_errors_are_in_the_users_language(client, world, login):
    login(Role.INSTRUCTOR, language=Language.SV)
    gym = world.course("gym").id
    token = csrf_token(client, f"/checkin/courses/{gym}")
    html = html_of(client.post(f"/checkin/courses/{gym}", data={"code": "", "csrf_token": token}))
    assert '<p class="error" id="code-error">Läs kortets QR-kod eller skriv kortnumret.</p>' in html


def test_the_paper_roster_in_swedish(client, world, make_card, login, on_session_day):
    login(Role.INSTRUCTOR, language=Language.SV)
    make_card()
    html = html_of(client.get(f"/checkin/courses/{world.course('gym').id}/roster"))
    assert '<html lang="sv">' in html
    assert "Kl. 18.00–19.00" in html and "Kortinnehavare" in html and "till 13.12.2026" in html
    assert "1 kort." in html and "Utskriven 23.11.2026 12:00." in html


def test_the_office_undoes_a_visit_in_english(client, world, make_card, login, on_session_day):
    office = login(Role.OFFICE, language=Language.EN)
    visit = check_in(make_card().number, world.course("gym").id, by=office, at=on(SESSION_DAY)).check_in_id
    path = f"/checkin/checkins/{visit}/undo"
    token = csrf_token(client, path)

    asked = html_of(client.get(path))
    without_reason = html_of(client.post(path, data={"reason": "", "csrf_token": token}))

    assert "Undo the visit?" in asked and "Maija M., card " in asked and "The visit is given back to the card." in asked
    assert '<p class="error" id="reason-error">Write why the visit is undone.</p>' in without_reason


def test_the_api_answers_a_scan_in_the_tokens_language(client, world, make_card, make_user):
    card = make_card()
    headers = bearer(make_user(Role.OFFICE, language=Language.EN))
    body = {"code": card.number, "course_id": world.course("gym").id, "scanned_at": on(SESSION_DAY).isoformat()}

    first = client.post("/api/v1/checkins", json=body, headers=headers).get_json()
    again = client.post("/api/v1/checkins", json=body, headers=headers).get_json()

    assert (first["headline"], first["message"]) == ("OK", "9 visits left.")
    assert (again["status"], again["headline"]) == ("already_checked_in", "Already checked in")


def test_a_refusal_with_a_date_is_written_the_english_way(client, world, make_card, make_user):
    body = {
        "code": make_card().number,
        "course_id": world.course("gym").id,
        "scanned_at": on(TERM_START - timedelta(days=1)).isoformat(),
    }
    response = client.post("/api/v1/checkins", json=body, headers=bearer(make_user(Role.OFFICE, language=Language.EN)))
    assert (response.status_code, response.get_json()["message"]) == (409, "The card is valid from 24 Aug 2026.")


def test_api_errors_for_people_are_in_the_users_language(client, world, make_user):
    swedish = bearer(make_user(Role.OFFICE, language=Language.SV))
    english = bearer(make_user(Role.OFFICE, language=Language.EN))

    not_an_object = client.post("/api/v1/checkins", json=[], headers=english)
    no_course = client.post("/api/v1/checkins", json={"code": "ABCD-2345", "course_id": 999_999}, headers=swedish)
    no_card = client.get("/api/v1/cards/ZZZZ-ZZZZ", headers=swedish)
    bad_sale = client.post(
        "/api/v1/cards", json={"buyer": {}, "card_type_id": 0, "payment_method": "x"}, headers=english
    )

    assert not_an_object.get_json() == {"status": "invalid_request", "errors": {"body": "expected a JSON object"}}
    assert no_course.get_json() == {"status": "unknown_course", "message": "Kursen hittades inte."}
    assert no_card.get_json() == {"error": "Det finns inget kort med det här numret."}
    assert bad_sale.get_json()["error"] == "invalid request"
    assert bad_sale.get_json()["fields"]["card_type_id"] == "a positive integer id is required"
    assert bad_sale.get_json()["fields"]["payment_method"].startswith("one of: cash, ")


def test_an_undo_answers_in_the_users_language(client, world, make_card, make_user):
    instructor = make_user(Role.INSTRUCTOR, language=Language.SV)
    visit = check_in(make_card().number, world.course("gym").id, by=world.office, at=on(SESSION_DAY)).check_in_id
    response = client.delete(f"/api/v1/checkins/{visit}", json={}, headers=bearer(instructor))
    assert (response.status_code, response.get_json()["message"]) == (
        403,
        "Du kan bara ångra dina egna registreringar från i dag. Kansliet kan ångra andra.",
    )


def test_the_offline_roster_carries_the_tablets_texts_in_the_users_language(client, world, make_card, make_user):
    cancel_card(make_card().id, by=world.office, reason="ostaja perui")
    roster = client.get(
        f"/api/v1/courses/{world.course('gym').id}/offline-roster",
        headers=bearer(make_user(Role.INSTRUCTOR, language=Language.EN)),
    ).get_json()
    texts = roster["texts"]
    assert texts["messages"]["ok"] == "{visits_left} visits left."
    assert texts["ok_one"] == "{visits_left} visit left."
    assert texts["messages"]["cancelled"] == "The card has been cancelled."
    assert texts["headlines"] == {"ok": "OK", "warn": "Already checked in", "refused": "Refused"}
    assert texts["saved"] == "Saved offline: sent to the server when the connection is back."
