"""The instructor's pages without a browser: today's courses, the scan form without JavaScript,
the paper roster, undo, and the files that make the check-in page an offline app."""

import re
from datetime import time, timedelta

import pytest

from kymppi.domain.card_status import cancel_card
from kymppi.domain.checkin import check_in
from kymppi.domain.sessions import todays_courses
from kymppi.extensions import db
from kymppi.models import CheckIn, Course, Role
from tests.conftest import csrf_token
from tests.factories import SESSION_DAY, TERM_END, on


@pytest.fixture
def on_session_day(monkeypatch):
    """The pages read the clock: make it noon of SESSION_DAY (a Monday of the autumn term)."""
    monkeypatch.setattr("kymppi.checkin.views.utcnow", lambda: on(SESSION_DAY))


def page(client, path, **kwargs):
    response = client.get(path, **kwargs)
    return response, response.get_data(as_text=True)


def test_todays_courses_put_the_instructors_own_first(world, make_user):
    colleague = make_user(Role.INSTRUCTOR)
    early = Course(
        code="C-early",
        name="Aamujooga",
        category=world.categories["sport"],
        term=world.term,
        accepts_cards=True,
        weekday=0,
        starts_at=time(7),
        ends_at=time(8),
        instructors=[colleague],
    )
    db.session.add(early)
    db.session.commit()

    mine = todays_courses(world.instructor, SESSION_DAY)
    theirs = todays_courses(colleague, SESSION_DAY)

    assert [c.code for c in mine.own] == ["C-capped", "C-choir", "C-gym"]  # by start time, then name
    assert [c.code for c in mine.others] == ["C-early"]
    assert [c.code for c in theirs.own] == ["C-early"]
    assert "C-early" not in {c.code for c in mine.own}
    # Not today (dance is on Wednesdays), not taking cards, or after the term: not listed.
    listed = {c.code for c in mine.own + mine.others}
    assert listed.isdisjoint({"C-dance", "C-reduced_gym", "C-language"})
    # A session moved to today: the term's other card-accepting courses are at hand too.
    assert [c.code for c in mine.other_days] == ["C-dance"]
    assert todays_courses(world.instructor, TERM_END + timedelta(days=1)).own == []


def test_today_page_lists_the_courses_with_links(client, world, login, on_session_day):
    login(Role.INSTRUCTOR)
    world.course("gym").instructors.clear()
    db.session.commit()
    response, html = page(client, "/checkin/")
    assert response.status_code == 200
    assert "Päivän kurssit 23.11.2026" in html
    assert "Kurssit tänään" in html
    assert f'href="/checkin/courses/{world.course("gym").id}"' in html
    assert "Muut kurssit, jos kerta on siirretty" in html and "ke klo 18.00–19.00" in html


def test_instructor_lands_on_the_check_in_page(client, login):
    login(Role.INSTRUCTOR)
    assert client.get("/").headers["Location"] == "/checkin/"


def test_scan_page_shows_the_session_and_undo_for_own_visits(client, world, make_card, login, on_session_day):
    instructor = login(Role.INSTRUCTOR)
    mine, theirs = make_card(name="Maija Meikäläinen"), make_card(name="Ville Virtanen")
    gym = world.course("gym").id
    own = check_in(mine.number, gym, by=instructor, at=on(SESSION_DAY)).check_in_id
    other = check_in(theirs.number, gym, by=world.instructor, at=on(SESSION_DAY)).check_in_id

    response, html = page(client, f"/checkin/courses/{gym}")

    assert response.status_code == 200
    assert "Tämän kerran leimaukset: <span data-session-count>2</span>" in html
    assert "Maija M." in html and "Ville V." in html
    assert f"/checkin/checkins/{own}/undo" in html
    assert f"/checkin/checkins/{other}/undo" not in html
    assert 'aria-live="assertive"' in html


def test_scan_without_javascript_checks_in_and_answers(client, world, make_card, login, monkeypatch):
    login(Role.INSTRUCTOR)
    card = make_card()
    monkeypatch.setattr("kymppi.domain.checkin.utcnow", lambda: on(SESSION_DAY))
    gym = world.course("gym").id
    token = csrf_token(client, f"/checkin/courses/{gym}")

    response = client.post(f"/checkin/courses/{gym}", data={"code": card.number, "csrf_token": token})

    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "answer-box answer-ok" in html and "9 käyntiä jäljellä." in html and "Maija M." in html
    assert db.session.query(CheckIn).one().source.value == "manual"

    again = client.post(f"/checkin/courses/{gym}", data={"code": card.number, "csrf_token": token})
    assert "answer-box answer-warn" in again.get_data(as_text=True)


@pytest.mark.parametrize(
    ("code", "message"),
    [("", "Lue kortin QR-koodi tai kirjoita kortin numero."), ("x" * 501, "Enintään 500 merkkiä")],
)
def test_scan_form_errors_are_shown_by_the_field(client, world, login, code, message):
    login(Role.INSTRUCTOR)
    gym = world.course("gym").id
    token = csrf_token(client, f"/checkin/courses/{gym}")
    response = client.post(f"/checkin/courses/{gym}", data={"code": code, "csrf_token": token})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="code-error"' in html and message in html
    assert f'value="{code}"' in html  # what was typed is shown back
    assert db.session.query(CheckIn).count() == 0


def test_unknown_card_without_javascript_is_a_red_answer(client, world, login):
    login(Role.INSTRUCTOR)
    gym = world.course("gym").id
    token = csrf_token(client, f"/checkin/courses/{gym}")
    response = client.post(f"/checkin/courses/{gym}", data={"code": "ZZZZ-ZZZZ", "csrf_token": token})
    assert "answer-box answer-refused" in response.get_data(as_text=True)
    assert "Tuntematon kortti" in response.get_data(as_text=True)


def test_unknown_course_is_404(client, world, login):
    login(Role.INSTRUCTOR)
    assert client.get("/checkin/courses/999999").status_code == 404
    assert client.get("/checkin/courses/999999/roster").status_code == 404


def test_paper_roster_lists_the_cards_that_may_come(client, world, make_card, login, on_session_day):
    login(Role.INSTRUCTOR)
    coming = make_card(name="Maija Meikäläinen")
    gone = make_card(name="Peruttu Kortti")
    assert cancel_card(gone.id, by=world.office, reason="peruttu").ok
    response, html = page(client, f"/checkin/courses/{world.course('gym').id}/roster")
    assert response.status_code == 200
    assert "Gym 23.11.2026" in html
    assert f"{coming.number[:4]}-{coming.number[4:]}" in html and "Maija M." in html
    assert gone.number[:4] + "-" not in html
    assert "maija@example.org" not in html  # no contact details at the door

    _, closed_html = page(client, f"/checkin/courses/{world.course('language').id}/roster")
    assert "ei tänään ole voimassa olevia kymppikortteja" in closed_html


def _own_visit(world, card, instructor, day=SESSION_DAY):
    return check_in(card.number, world.course("gym").id, by=instructor, at=on(day)).check_in_id


def test_undo_page_asks_then_gives_the_visit_back(client, world, make_card, login, todays_card_type):
    instructor = login(Role.INSTRUCTOR)
    card = make_card(card_type=todays_card_type)
    visit = check_in(card.number, world.course("gym").id, by=instructor).check_in_id

    response, html = page(client, f"/checkin/checkins/{visit}/undo")
    assert response.status_code == 200 and "Perutaanko käynti?" in html
    assert db.session.get(CheckIn, visit).undone_at is None

    done = client.post(f"/checkin/checkins/{visit}/undo", data={"csrf_token": csrf_token(client, "/checkin/")})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(CheckIn, visit).undone_at is not None
    assert "Käynti peruttu" in client.get(done.headers["Location"]).get_data(as_text=True)


def test_undo_page_refuses_another_instructors_visit(client, world, make_card, login, todays_card_type):
    login(Role.INSTRUCTOR)
    visit = check_in(make_card(card_type=todays_card_type).number, world.course("gym").id, by=world.instructor)
    done = client.post(f"/checkin/checkins/{visit.check_in_id}/undo", data={"csrf_token": csrf_token(client)})
    follow = client.get(done.headers["Location"]).get_data(as_text=True)
    assert "Voit perua vain omat tämän päivän leimauksesi" in follow
    db.session.expire_all()
    assert db.session.get(CheckIn, visit.check_in_id).undone_at is None


def test_office_undo_needs_a_reason_and_keeps_what_was_typed(client, world, make_card, login, todays_card_type):
    login(Role.OFFICE)
    visit = check_in(make_card(card_type=todays_card_type).number, world.course("gym").id, by=world.instructor)
    path = f"/checkin/checkins/{visit.check_in_id}/undo"
    token = csrf_token(client, path)
    refused = client.post(path, data={"reason": "  ", "csrf_token": token})
    assert refused.status_code == 422
    assert "Kirjoita syy" in refused.get_data(as_text=True)
    too_long = client.post(path, data={"reason": "x" * 501, "csrf_token": token})
    assert too_long.status_code == 422 and "x" * 501 in too_long.get_data(as_text=True)
    done = client.post(path, data={"reason": "väärä kurssi", "csrf_token": token})
    assert done.status_code == 302
    db.session.expire_all()
    assert db.session.get(CheckIn, visit.check_in_id).undo_reason == "väärä kurssi"


def test_undo_page_of_unknown_visit_is_404(client, world, login):
    login(Role.INSTRUCTOR)
    assert client.get("/checkin/checkins/999999/undo").status_code == 404


def served(client, path: str) -> bool:
    with client.get(path) as response:  # a static file's response holds the file open until closed
        return response.status_code == 200


def test_service_worker_is_served_without_login_and_names_its_files(client):
    response = client.get("/checkin/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    body = response.get_data(as_text=True)
    for asset in ("/static/checkin/checkin.js", "/static/vendor/jsqr/jsQR.js", "/static/checkin/decoder.js"):
        assert f'"{asset}"' in body
    for asset in re.findall(r'"(/static/[^"]+)"', body):
        assert served(client, asset), asset


def test_manifest_opens_todays_courses_full_screen(client):
    response = client.get("/checkin/manifest.webmanifest")
    assert response.status_code == 200
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json()
    assert (manifest["start_url"], manifest["scope"], manifest["display"]) == ("/checkin/", "/checkin/", "standalone")
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert served(client, icon["src"]), icon


def test_check_in_pages_are_not_left_in_the_browser_cache(client, world, login):
    login(Role.INSTRUCTOR)
    gym = world.course("gym").id
    for path in ("/checkin/", f"/checkin/courses/{gym}", f"/checkin/courses/{gym}/roster"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path
