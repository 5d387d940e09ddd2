"""The buyer's own card page: visits left at a glance, history, where the card is valid, its QR, three languages."""

from datetime import timedelta

import pytest

from kymppi.domain.card_status import cancel_card, refund_card, suspend_card
from kymppi.domain.checkin import check_in, undo_check_in
from kymppi.domain.outcomes import UndoOutcome
from kymppi.extensions import db
from kymppi.models import Buyer, Language, Organization
from tests.conftest import csrf_token
from tests.factories import SESSION_DAY, TERM_END, TERM_START, on


def today_is(monkeypatch, day):
    monkeypatch.setattr("kymppi.card.views.utcnow", lambda: on(day))


def page(client, card) -> str:
    response = client.get(f"/k/{card.secret}")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def visit(world, card, day, course="gym"):
    return check_in(card.number, world.course(course).id, by=world.instructor, at=on(day))


@pytest.fixture
def card(world, make_card):
    return make_card(name="Maija Meikäläinen")


def test_visits_left_and_the_ten_boxes(client, world, card, monkeypatch):
    today_is(monkeypatch, SESSION_DAY)
    for week in range(3):
        visit(world, card, SESSION_DAY - timedelta(weeks=week + 1))
    html = page(client, card)
    assert "<strong>7 / 10</strong> käyntiä jäljellä" in html
    assert html.count('<li class="used">') == 3 and html.count('<li class="free">') == 7
    assert 'aria-label="Käytetyt käynnit: 3 / 10"' in html
    assert "Voimassa 13.12.2026 asti" in html


def test_history_lists_the_visits_taken_not_the_undone_ones(client, world, card, monkeypatch):
    today_is(monkeypatch, SESSION_DAY)
    visit(world, card, SESSION_DAY - timedelta(days=7))
    undone = visit(world, card, SESSION_DAY - timedelta(days=5), course="dance")
    assert undo_check_in(undone.check_in_id, by=world.office, reason="väärä kortti").outcome is UndoOutcome.OK
    html = page(client, card)
    assert "<td>16.11.2026</td><td>Gym</td>" in html
    assert "18.11.2026" not in html
    assert world.instructor.name in html


def test_courses_where_the_card_is_valid_by_weekday_with_today_marked(client, world, card, monkeypatch):
    today_is(monkeypatch, SESSION_DAY)  # a Monday
    html = page(client, card)
    assert '<div class="weekday today">' in html and "Maanantai" in html and "(tänään)" in html
    assert "18.00–19.00 Gym, Sali" in html and "Keskiviikko" in html and "Dance" in html
    # Not card courses, or not in the card's categories:
    for other in ("Reduced_Gym", "Language", "Choir"):
        assert other not in html


@pytest.mark.parametrize(
    ("used", "day", "warning"),
    [
        (8, SESSION_DAY, "Käyntejä on jäljellä vain 2."),
        (10, SESSION_DAY, "Kortin käynnit on käytetty."),
        (0, TERM_END - timedelta(days=10), "Kortti vanhenee 13.12.2026."),
        (0, TERM_END + timedelta(days=1), "Kortti vanheni 13.12.2026."),
    ],
)
def test_warnings_come_in_time(client, world, card, monkeypatch, used, day, warning):
    for week in range(used):
        visit(world, card, SESSION_DAY - timedelta(weeks=week))
    today_is(monkeypatch, day)
    assert warning in page(client, card)


def test_no_warning_for_a_card_with_time_and_visits(client, world, card, monkeypatch):
    today_is(monkeypatch, SESSION_DAY)
    assert "card-alert" not in page(client, card)


@pytest.mark.parametrize(
    ("change", "text", "shows_qr"),
    [
        (lambda w, c: cancel_card(c.id, by=w.office, reason="peruttu"), "Kortti on peruttu.", False),
        (
            lambda w, c: refund_card(c.id, by=w.office, reason="hyvitys", amount_cents=5000),
            "Kortti on hyvitetty.",
            False,
        ),
        (lambda w, c: suspend_card(c.id, by=w.office, reason="sairaus", at=on(SESSION_DAY)), "keskeytetty", True),
    ],
    ids=["cancelled", "refunded", "suspended"],
)
def test_a_card_not_in_use_says_so_with_the_offices_contacts(client, world, card, change, text, shows_qr):
    db.session.query(Organization).one().phone = "019 123 4567"
    db.session.commit()
    assert change(world, card).ok
    html = page(client, card)
    assert "Kortti ei ole käytössä." in html and text in html
    assert "019 123 4567" in html
    assert ("<svg" in html) is shows_qr


def test_the_qr_and_number_are_on_the_page_and_no_contact_details_are(client, card):
    html = page(client, card)
    assert 'shape-rendering="crispEdges"' in html and "Kortin numero <strong>" in html
    assert f"{card.number[:4]}-{card.number[4:]}" in html
    assert "Maija M." in html
    assert "Meikäläinen" not in html and "maija@example.org" not in html


@pytest.mark.parametrize(
    ("language", "words"),
    [
        (Language.SV, ["Tiokort", "besök kvar", 'lang="sv"']),
        (Language.EN, ["Ten-visit card", "visits left", 'lang="en"']),
    ],
)
def test_the_page_speaks_the_buyers_language(client, world, make_card, language, words):
    html = page(client, make_card(language=language))
    assert all(word in html for word in words)


def test_switching_the_language_is_remembered(client, card):
    token = csrf_token(client, f"/k/{card.secret}")
    response = client.post(f"/k/{card.secret}/language", data={"language": "sv", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == f"/k/{card.secret}"
    assert db.session.get(Buyer, card.buyer_id).language is Language.SV
    assert "Giltigt till 13.12.2026" in page(client, card)
    client.post(f"/k/{card.secret}/language", data={"language": "klingon", "csrf_token": token})
    assert db.session.get(Buyer, card.buyer_id).language is Language.SV


def test_switching_the_language_needs_the_pages_csrf_token(client, card):
    assert client.post(f"/k/{card.secret}/language", data={"language": "en"}).status_code == 400
    assert db.session.get(Buyer, card.buyer_id).language is Language.FI


def test_the_manifest_opens_the_card_itself(client, card):
    response = client.get(f"/k/{card.secret}/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json()
    assert manifest["start_url"] == manifest["scope"] == f"/k/{card.secret}"
    assert manifest["display"] == "standalone"
    assert f'href="/k/{card.secret}/manifest.webmanifest"' in page(client, card)


def test_the_footer_names_the_opisto_and_links_its_privacy_notice(client, card):
    organization = db.session.query(Organization).one()
    organization.email, organization.privacy_notice_url = "toimisto@opisto.example", "https://opisto.example/tietosuoja"
    db.session.commit()
    html = page(client, card)
    assert "<strong>Testiopisto</strong>" in html
    assert 'href="https://opisto.example/tietosuoja">Tietosuojaseloste</a>' in html
    assert "mailto:toimisto@opisto.example" in html


def test_the_pages_around_a_card_are_not_found_for_a_bad_secret(client, card):
    bad = "Q" * 32
    token = csrf_token(client, f"/k/{card.secret}")
    assert client.get(f"/k/{bad}/manifest.webmanifest").status_code == 404
    assert client.post(f"/k/{bad}/language", data={"language": "en", "csrf_token": token}).status_code == 404


def test_the_reminder_choice_speaks_the_page_language(client, world, make_card):
    card = make_card(language=Language.EN)
    assert "Stop the reminders" in page(client, card)
    token = csrf_token(client, f"/k/{card.secret}")
    client.post(f"/k/{card.secret}/reminders", data={"reminders": "off", "csrf_token": token})
    html = page(client, card)
    assert "Reminders are no longer sent to your email." in html and "Send me reminders" in html


def test_a_staff_member_opening_a_buyers_card_sees_it_in_the_buyers_language(client, login, make_card):
    login(language=Language.EN)
    html = page(client, make_card(language=Language.SV))
    assert '<html lang="sv">' in html
    assert (
        "Tiokort" in html and "besök kvar" in html and "Kurser där kortet gäller" in html and "Till innehållet" in html
    )
    assert 'lang="sv" class="secondary" aria-pressed="true"' in html


def test_the_english_page_writes_days_and_weekdays_the_english_way(client, world, make_card, monkeypatch):
    card = make_card(language=Language.EN)
    visit(world, card, SESSION_DAY)
    today_is(monkeypatch, SESSION_DAY)  # a Monday, the gym's day
    html = page(client, card)
    assert "Valid until 13 Dec 2026" in html and "<td>23 Nov 2026</td>" in html
    assert 'aria-label="Visits used: 1 of 10"' in html
    assert '<h3>Monday <span class="today-mark">(today)</span></h3>' in html and "<h3>Wednesday</h3>" in html


def test_a_card_not_yet_valid_says_from_when_in_swedish(client, make_card, monkeypatch):
    card = make_card(language=Language.SV)
    today_is(monkeypatch, TERM_START - timedelta(days=3))
    assert "Giltigt från 24.8.2026 till 13.12.2026" in page(client, card)


def test_a_cancelled_card_says_so_in_the_buyers_language(client, world, make_card):
    card = make_card(language=Language.SV)
    assert cancel_card(card.id, by=world.office, reason="peruttu").ok
    html = page(client, card)
    assert "Kortet används inte." in html and "Kortet är annullerat." in html and "<svg" not in html


def test_one_visit_left_is_warned_of_in_the_singular(client, world, make_card, monkeypatch):
    card = make_card(language=Language.EN)
    for day in range(9):
        visit(world, card, SESSION_DAY - timedelta(days=7 * day))
    today_is(monkeypatch, SESSION_DAY)
    assert "Only 1 visit left. The office sells you a new card." in page(client, card)


def test_the_manifest_names_the_card_in_the_buyers_language(client, make_card):
    card = make_card(language=Language.EN)
    manifest = client.get(f"/k/{card.secret}/manifest.webmanifest").get_json()
    number = f"{card.number[:4]}-{card.number[4:]}"
    assert manifest["name"] == f"Ten-visit card {number}" and manifest["short_name"] == "Ten-visit card"
    assert manifest["lang"] == "en"


def test_turning_reminders_off_is_confirmed_in_swedish(client, make_card):
    card = make_card(language=Language.SV)
    token = csrf_token(client, f"/k/{card.secret}")
    client.post(f"/k/{card.secret}/reminders", data={"reminders": "off", "csrf_token": token})
    html = page(client, card)
    assert "Påminnelser skickas inte längre till din e-post." in html and "Skicka påminnelser" in html
