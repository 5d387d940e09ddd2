"""The office card page: what the card holds, its documents, and every change with its reason."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from kymppi.domain.checkin import check_in
from kymppi.extensions import db
from kymppi.formatting import date_text
from kymppi.models import Card, CardStatus, CheckIn, PaymentMethod
from tests import pdfs
from tests.conftest import csrf_token
from tests.factories import SESSION_DAY, on
from tests.mailbox import free_port
from tests.rows import audit_events, reload


@pytest.fixture
def office(world, login):
    return login()


@pytest.fixture
def card(make_card, todays_card_type):
    """Valid today: resume, transfer and undo run on the real clock."""
    return make_card(name="Åsa Öhman", email="asa@example.org", card_type=todays_card_type)


def page_of(client, card) -> str:
    return client.get(f"/office/cards/{card.number}").get_data(as_text=True)


def post(client, card, action: str, **fields):
    token = csrf_token(client, f"/office/cards/{card.number}")
    data = {"csrf_token": token} | {f"{action}-{k}": v for k, v in fields.items()}
    return client.post(f"/office/cards/{card.number}/{action}", data=data)


def test_the_page_shows_holder_visits_validity_and_history(client, world, office, card):
    check_in(card.number, world.course("gym").id, by=world.instructor, at=on(SESSION_DAY))

    page = page_of(client, card)
    assert "Åsa Öhman" in page and "<strong>9</strong> / 10" in page
    assert f"{date_text(card.valid_from)}–{date_text(card.valid_until)}" in page
    assert "23.11.2026" in page and "Gym" in page and world.instructor.name in page
    assert "Myyty" in page and "50,00\u00a0€, Käteinen, kuitti 2026-00001" in page


def test_a_card_number_is_found_with_a_dash_and_in_lower_case(client, world, office, card):
    number = f"{card.number[:4]}-{card.number[4:]}".lower()
    assert client.get(f"/office/cards/{number}").status_code == 200


@pytest.mark.parametrize("number", ["NOPE2345", "x", "A" * 300])
def test_an_unknown_card_is_404(client, world, office, number):
    assert client.get(f"/office/cards/{number}").status_code == 404


def test_the_card_pdf_scans_to_the_card_url_and_printing_is_logged(client, world, office, card):
    response = client.get(f"/office/cards/{card.number}/card.pdf")

    assert response.mimetype == "application/pdf"
    assert f"kymppikortti-{card.number}.pdf" in response.headers["Content-Disposition"]
    [[(url, _)]] = pdfs.qr_codes(response.data)
    assert url == f"http://kymppi.test/k/{card.secret}"
    assert [e.card_id for e in audit_events("card_printed")] == [card.id]


def test_the_receipt_pdf_has_the_receipt_number_and_payment(client, world, office, make_card):
    card = make_card(payment_method=PaymentMethod.SMARTUM)
    text = pdfs.text(client.get(f"/office/cards/{card.number}/receipt.pdf").data)
    # The PDF's text layer gives the sum's no-break space back as a plain one, as test_documents reads it.
    assert "2026-00001" in text and "Smartum" in text and "50,00 €" in text


def test_email_sends_the_card_and_is_logged_without_the_address(inbox, client, world, office, card):
    response = post(client, card, "email")

    assert response.status_code == 302
    [message] = inbox.messages
    assert message["To"] == "Åsa Öhman <asa@example.org>"
    [event] = audit_events("card_emailed")
    assert "asa@example.org" not in str(event.details)
    assert "Kortti lähetetty ostajan sähköpostiin." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_a_failed_email_is_shown_and_the_sale_stays(app_config, client, world, office, card):
    app_config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port())
    page = client.get(post(client, card, "email").headers["Location"]).get_data(as_text=True)

    assert "Sähköpostin lähetys epäonnistui" in page and "Kortti on myyty ja tallessa" in page
    assert reload(card).status is CardStatus.ACTIVE and audit_events("card_emailed") == []


def test_a_buyer_without_email_is_told_to_print(client, world, office, make_card):
    card = make_card(email=None, phone="040 1")
    assert "Ostajalla ei ole sähköpostiosoitetta" in page_of(client, card)


@pytest.mark.parametrize(
    ("action", "status", "event"),
    [
        ("cancel", CardStatus.CANCELLED, "card_cancelled"),
        ("suspend", CardStatus.SUSPENDED, "card_suspended"),
        ("refund", CardStatus.REFUNDED, "card_refunded"),
    ],
)
def test_status_changes_need_a_reason_and_show_in_the_log(client, world, office, card, action, status, event):
    refused = post(client, card, action, reason="  ")
    assert refused.status_code == 422 and "Kirjoita syy" in refused.get_data(as_text=True)
    assert reload(card).status is CardStatus.ACTIVE

    done = post(client, card, action, reason="Ostaja muutti pois")
    assert done.status_code == 302 and reload(card).status is status
    assert [e.details["reason"] for e in audit_events(event)] == ["Ostaja muutti pois"]
    assert "”Ostaja muutti pois”" in page_of(client, card)


def test_a_partial_refund_and_one_above_the_price(client, world, office, card):
    too_much = post(client, card, "refund", amount="60,00", reason="Virhe")
    assert too_much.status_code == 422 and "Tarkista määrä." in too_much.get_data(as_text=True)
    assert 'value="60,00"' in too_much.get_data(as_text=True)

    post(client, card, "refund", amount="20", reason="Puolet tunneista peruttu")
    assert reload(card).refunded_cents == 2000


def test_a_change_the_card_no_longer_allows_says_so_on_the_current_page(client, world, office, card):
    post(client, card, "cancel", reason="Ensimmäinen")
    again = post(client, card, "suspend", reason="Toinen syy")

    assert again.status_code == 302 and reload(card).status is CardStatus.CANCELLED
    assert "Kortin tila ei salli tätä muutosta" in client.get(again.headers["Location"]).get_data(as_text=True)


def test_resume_extends_validity_by_the_paused_days(client, world, office, card):
    post(client, card, "suspend", reason="Sairausloma")
    suspended = reload(card)
    suspended.suspended_on = suspended.suspended_on - timedelta(days=10)
    db.session.commit()
    before = suspended.valid_until

    assert post(client, card, "resume").status_code == 302
    resumed = reload(card)
    assert resumed.status is CardStatus.ACTIVE and resumed.valid_until >= before + timedelta(days=10)


def test_replacing_a_lost_card_opens_the_new_card_with_the_visits_left(client, world, office, card):
    check_in(card.number, world.course("gym").id, by=world.instructor, at=on(SESSION_DAY))
    response = post(client, card, "replace", reason="Kadonnut")

    new = db.session.scalars(select(Card).where(Card.id != card.id)).one()
    assert response.headers["Location"] == f"/office/cards/{new.number}"
    assert (new.visits_left, new.secret != card.secret) == (9, True)
    assert reload(card).status is CardStatus.REPLACED
    new_page = page_of(client, new)
    assert "Korvaa kortin" in new_page and "Lataa kuitti" in new_page
    old_page = page_of(client, card)
    assert "Tämä kortti on korvattu" in old_page and "Tulosta kortti" not in old_page
    assert pdfs.text(client.get(f"/office/cards/{new.number}/receipt.pdf").data).count("2026-00001") >= 1


def test_extending_validity_moves_the_last_day_and_logs_the_note(client, world, office, card):
    before = card.valid_until
    assert post(client, card, "extend", days="14", note="Tunnit peruttu").status_code == 302
    assert reload(card).valid_until == before + timedelta(days=14)
    [event] = audit_events("validity_extended")
    assert (event.details["days"], event.details["note"]) == (14, "Tunnit peruttu")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"days": "0", "note": "x"}, "Anna 1–365 päivää."),
        ({"days": "1000", "note": "x"}, "Anna 1–365 päivää."),
        ({"days": "viikko", "note": "x"}, "Ei ole kelvollinen kokonaisluku"),
        ({"days": "", "note": "x"}, "Anna päivien määrä."),
        ({"days": "7", "note": ""}, "Kirjoita syy"),
        ({"days": "7", "note": "n" * 501}, "Enintään 500 merkkiä."),
    ],
)
def test_bad_extensions_are_refused_beside_the_field(client, world, office, card, fields, message):
    response = post(client, card, "extend", **fields)
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert reload(card).valid_until == card.valid_until


def test_visits_move_to_another_buyers_card(client, world, office, card, make_card, todays_card_type):
    other = make_card(name="Pekka Virtanen", card_type=todays_card_type)
    dashed = f"{other.number[:4]}-{other.number[4:]}"
    response = post(client, card, "transfer", to_card=dashed, visits="3", note="Lahja")
    assert response.status_code == 302
    assert (reload(card).visits_left, reload(other).visits_left) == (7, 13)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"to_card": "ZZZZ2222", "visits": "1", "note": "x"}, "Korttia ei löytynyt tällä numerolla."),
        ({"to_card": "", "visits": "1", "note": "x"}, "Anna vastaanottavan kortin numero."),
        ({"to_card": "OWN", "visits": "1", "note": "x"}, "samalle kortille"),
        ({"to_card": "OTHER", "visits": "11", "note": "x"}, "Kortilla ei ole näin montaa"),
        ({"to_card": "OTHER", "visits": "-1", "note": "x"}, "Anna 1–100."),
        ({"to_card": "OTHER", "visits": "1", "note": ""}, "Kirjoita syy"),
    ],
)
def test_bad_transfers_are_refused(client, world, office, card, make_card, fields, message, todays_card_type):
    other = make_card(name="Pekka Virtanen", card_type=todays_card_type)
    to_card = {"OWN": card.number, "OTHER": other.number}.get(fields["to_card"], fields["to_card"])
    response = post(client, card, "transfer", **(fields | {"to_card": to_card}))
    assert response.status_code == 422 and message in response.get_data(as_text=True)
    assert (reload(card).visits_left, reload(other).visits_left) == (10, 10)


def test_a_sport_benefit_card_keeps_its_visits(client, world, office, make_card, todays_card_type):
    card = make_card(payment_method=PaymentMethod.EPASSI, card_type=todays_card_type)
    other = make_card(name="Pekka Virtanen", card_type=todays_card_type)
    assert "on henkilökohtainen" in page_of(client, card)
    response = post(client, card, "transfer", to_card=other.number, visits="1", note="x")
    assert response.status_code == 422 and "käyntejä ei voi siirtää" in response.get_data(as_text=True)


def test_undo_gives_the_visit_back_with_a_reason(client, world, office, card):
    result = check_in(card.number, world.course("gym").id, by=world.instructor, at=on(SESSION_DAY))

    refused = post(client, card, "undo", check_in_id=str(result.check_in_id), reason="")
    assert refused.status_code == 422 and "Kirjoita syy" in refused.get_data(as_text=True)
    assert post(client, card, "undo", check_in_id=str(result.check_in_id), reason="Väärä kortti").status_code == 302
    assert reload(card).visits_left == 10
    assert db.session.get(CheckIn, result.check_in_id).undo_reason == "Väärä kortti"
    assert "Peruttu" in page_of(client, card) and "”Väärä kortti”" in page_of(client, card)
    twice = post(client, card, "undo", check_in_id=str(result.check_in_id), reason="Uudelleen")
    assert "Käynti on jo peruttu." in client.get(twice.headers["Location"]).get_data(as_text=True)
    assert reload(card).visits_left == 10


def test_undo_of_another_cards_visit_is_404(client, world, office, card, make_card, todays_card_type):
    other = make_card(name="Pekka Virtanen", card_type=todays_card_type)
    result = check_in(other.number, world.course("gym").id, by=world.instructor, at=on(SESSION_DAY))
    response = post(client, card, "undo", check_in_id=str(result.check_in_id), reason="x")
    assert response.status_code == 404 and reload(other).visits_left == 9


@pytest.mark.parametrize(
    ("action", "fields"),
    [
        ("cancel", {"reason": "a\x00b"}),
        ("replace", {"reason": "a\x00b"}),
        ("refund", {"reason": "a\x00b"}),
        ("extend", {"days": "3", "note": "a\x00b"}),
        ("transfer", {"to_card": "OTHER", "visits": "1", "note": "a\x00b"}),
    ],
)
def test_control_characters_in_a_reason_are_refused_beside_the_field(
    client, world, office, card, make_card, todays_card_type, action, fields
):
    other = make_card(name="Pekka Virtanen", card_type=todays_card_type)
    response = post(client, card, action, **{k: other.number if v == "OTHER" else v for k, v in fields.items()})
    assert response.status_code == 422
    assert "Poista kentästä rivinvaihdot ja muut erikoismerkit." in response.get_data(as_text=True)
    assert reload(card).status is CardStatus.ACTIVE and reload(card).visits_left == 10


def test_an_undo_reason_with_control_characters_is_refused(client, world, office, card):
    result = check_in(card.number, world.course("gym").id, by=world.instructor, at=on(SESSION_DAY))
    response = post(client, card, "undo", check_in_id=str(result.check_in_id), reason="x\x00")
    assert response.status_code == 422 and reload(card).visits_left == 9


def test_visits_go_only_to_a_card_in_use_and_only_from_one_still_valid(
    client, world, office, card, make_card, todays_card_type
):
    cancelled = make_card(name="Pekka Virtanen", card_type=todays_card_type)
    post(client, cancelled, "cancel", reason="Muutti pois")
    to_cancelled = post(client, card, "transfer", to_card=cancelled.number, visits="1", note="x")
    assert to_cancelled.status_code == 422
    assert "Vastaanottava kortti ei ole käytössä" in to_cancelled.get_data(as_text=True)

    expired = make_card(name="Vanha Kortti", card_type=todays_card_type)
    expired.valid_from, expired.valid_until = date(2020, 1, 1), date(2020, 5, 31)
    db.session.commit()
    from_expired = post(client, expired, "transfer", to_card=card.number, visits="1", note="x")
    assert "Kortin voimassaolo on päättynyt" in from_expired.get_data(as_text=True)
    assert (reload(card).visits_left, reload(expired).visits_left) == (10, 10)


def test_a_card_not_in_use_is_not_printed_or_emailed(inbox, client, world, office, card):
    post(client, card, "cancel", reason="Peruttu")
    assert client.get(f"/office/cards/{card.number}/card.pdf").status_code == 409
    page = client.get(post(client, card, "email").headers["Location"]).get_data(as_text=True)
    assert "Korttia ei lähetetty: se ei ole käytössä." in page
    assert inbox.messages == [] and audit_events("card_printed") == []


def test_office_pages_and_documents_are_not_cached(client, world, office, card):
    for path in (
        f"/office/cards/{card.number}",
        f"/office/cards/{card.number}/card.pdf",
        "/office/buyers/search?q=Åsa",
    ):
        assert client.get(path).headers["Cache-Control"] == "no-store", path
