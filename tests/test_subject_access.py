"""A buyer's data for an access request (GDPR art. 15): all of theirs and nothing of anyone else's,
as JSON and as a PDF, never a key that opens their card, audited, and for the office only."""

import json
from dataclasses import dataclass
from datetime import date

import pytest
from sqlalchemy import select

from kymppi.domain.anonymisation import purge_buyers
from kymppi.domain.card_status import refund_card
from kymppi.domain.checkin import check_in, undo_check_in
from kymppi.domain.codes import format_card_number
from kymppi.domain.feedback import start_round
from kymppi.domain.feedback_answers import Answer, save_answer
from kymppi.domain.periods import Period
from kymppi.domain.sales import Sale, sell_card
from kymppi.extensions import db
from kymppi.models import BuyAgain, Card, CheckIn, FeedbackInvitation, Language, PaymentMethod, Receipt, Role
from tests import pdfs
from tests.factories import TERM_END, TERM_START, on
from tests.feedback_helpers import invite
from tests.rows import audit_events

FIRST_VISIT, UNDONE_VISIT = date(2026, 9, 7), date(2026, 9, 14)


@dataclass
class History:
    card: Card  # two visits, one of them undone, and a refused scan
    refunded: Card  # the buyer's second card, paid with ePassi and refunded
    other: Card  # another buyer's, with a visit of its own


@pytest.fixture
def history(world, make_card) -> History:
    card = make_card(name="Maija Meikäläinen", email="maija@example.org", phone="040 123 4567", feedback_consent=True)
    gym = world.course("gym").id
    assert check_in(card.number, gym, by=world.instructor, at=on(FIRST_VISIT)).ok
    undone = check_in(card.number, gym, by=world.instructor, at=on(UNDONE_VISIT))
    undo_check_in(undone.check_in_id, by=world.office, reason="Leimattu väärälle kortille", at=on(UNDONE_VISIT))
    assert check_in(card.number, world.course("language").id, by=world.instructor, at=on(FIRST_VISIT)).refused
    sale = Sale(
        card_type_id=world.card_type.id,
        payment_method=PaymentMethod.EPASSI,
        buyer_id=card.buyer_id,
        payment_reference="EP-778899",
    )
    refunded = sell_card(sale, by=world.office, at=on(TERM_START)).card
    refund_card(refunded.id, by=world.office, reason="Muutti pois", at=on(FIRST_VISIT))
    other = make_card(name="Olli Toinen", email="olli@example.org", feedback_consent=True)
    assert check_in(other.number, gym, by=world.instructor, at=on(FIRST_VISIT)).ok
    round_id = start_round(Period.of_term(world.term), by=world.office, at=on(TERM_END)).round_id
    answer = Answer(
        rating=4, good="Joustavuus", improve="Enemmän iltavuoroja", buy_again=BuyAgain.YES, comment="Kiitos"
    )
    save_answer(invite(round_id, card), answer, at=on(TERM_END))
    save_answer(invite(round_id, other), Answer(rating=2, comment="Ollin oma kommentti"), at=on(TERM_END))
    return History(card, refunded, other)


@pytest.fixture
def office(login):
    return login(Role.OFFICE)


def export(client, card: Card, extension: str):
    response = client.get(f"/office/buyers/{card.buyer_id}/data.{extension}")
    assert response.status_code == 200, response.status_code
    return response


def test_the_json_holds_every_card_payment_and_visit_of_the_buyer(client, office, history):
    data = json.loads(export(client, history.card, "json").get_data())

    assert data["buyer"] | {"created_at": None} == {
        "id": history.card.buyer_id,
        "name": "Maija Meikäläinen",
        "email": "maija@example.org",
        "phone": "040 123 4567",
        "language": "fi",
        "municipality": None,
        "new_customer": True,
        "feedback_consent": True,
        "reminders": True,
        "created_at": None,
        "anonymized_at": None,
    }
    cards = {card["number"]: card for card in data["cards"]}
    assert cards.keys() == {history.card.number, history.refunded.number}
    for number, card in cards.items():
        receipt = db.session.scalars(select(Receipt).join(Card).where(Card.number == number)).one()
        assert card["receipt"]["number"] == receipt.label
        stored = db.session.scalars(select(CheckIn.id).where(CheckIn.card.has(number=number))).all()
        assert sorted(check["id"] for check in card["check_ins"]) == sorted(stored)
    kept = cards[history.card.number]
    assert [(c["session_date"], c["course"], c["undo_reason"]) for c in kept["check_ins"]] == [
        ("2026-09-07", "Gym", None),
        ("2026-09-14", "Gym", "Leimattu väärälle kortille"),
    ]
    assert [(s["course"], s["outcome"]) for s in kept["refused_scans"]] == [("Language", "course_not_eligible")]
    assert (kept["price_cents"], kept["payment_method"], kept["status"]) == (5000, "cash", "active")
    refunded = cards[history.refunded.number]
    assert (refunded["status"], refunded["refunded_cents"], refunded["status_reason"]) == (
        "refunded",
        5000,
        "Muutti pois",
    )
    assert (refunded["payment_method"], refunded["payment_reference"]) == ("epassi", "EP-778899")
    (feedback,) = data["feedback"]
    assert (feedback["rating"], feedback["improve"], feedback["buy_again"]) == (4, "Enemmän iltavuoroja", "yes")


def test_the_json_holds_nothing_of_another_buyer_and_no_key(client, office, history):
    text = export(client, history.card, "json").get_data(as_text=True)

    data = json.loads(text)
    for value in ("Olli", "olli@example.org", history.other.number, "Ollin oma kommentti"):
        assert value not in text
    other_visit = db.session.scalar(select(CheckIn.id).where(CheckIn.card_id == history.other.id))
    assert other_visit not in {check["id"] for card in data["cards"] for check in card["check_ins"]}
    assert history.other.id not in {event["card_id"] for event in data["audit_events"]}
    assert [invitation["rating"] for invitation in data["feedback"]] == [4]
    hashes = db.session.scalars(select(FeedbackInvitation.token_hash)).all()
    for key in (history.card.secret, history.refunded.secret, *filter(None, hashes)):
        assert key not in text


def test_audit_events_carry_ids_only(client, office, history):
    events = json.loads(export(client, history.card, "json").get_data())["audit_events"]

    actions = [event["action"] for event in events]
    assert actions.count("card_sold") == 2 and "check_in_undone" in actions and "card_refunded" in actions
    for event in events:
        assert set(event) == {"id", "at", "action", "card_id", "by_user_id", "ids"}
        assert all(key.endswith("_id") and isinstance(value, int) for key, value in event["ids"].items())
    assert "Muutti pois" not in json.dumps(events)


def test_the_pdf_shows_the_name_the_cards_and_the_visits(client, office, history):
    response = export(client, history.card, "pdf")

    assert response.mimetype == "application/pdf"
    text = " ".join(pdfs.text(response.get_data()).split())
    assert "Sinusta tallennetut tiedot" in text and "Maija Meikäläinen" in text and "maija@example.org" in text
    for card in (history.card, history.refunded):
        assert f"Kortti {format_card_number(card.number)}" in text
    assert (
        "7.9.2026" in text and "14.9.2026" in text and "Gym" in text and "14.9.2026: Leimattu väärälle kortille" in text
    )
    assert "EP-778899" in text and "Enemmän iltavuoroja" in text and "Olli" not in text
    assert all(width == pytest.approx(210, abs=1) for width, _ in pdfs.page_sizes_mm(response.get_data()))
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= {
        name.split("+")[-1] for name in pdfs.embedded_fonts(response.get_data())
    }


def test_the_pdf_is_written_in_the_buyers_language(client, office, make_card):
    card = make_card(name="John Smith", email="john@example.org", language=Language.EN)
    text = pdfs.text(export(client, card, "pdf").get_data())
    assert "The data stored about you" in text and "24 Aug 2026" in text


def test_an_anonymised_buyers_export_holds_no_name(client, office, history):
    purge_buyers(today=date(2029, 1, 1), months=24, at=on(date(2029, 1, 1)))

    data = json.loads(export(client, history.card, "json").get_data())
    assert (data["buyer"]["name"], data["buyer"]["email"], data["buyer"]["phone"]) == (None, None, None)
    assert data["buyer"]["anonymized_at"] is not None and len(data["cards"]) == 2
    pdf = pdfs.text(export(client, history.card, "pdf").get_data())
    json_text = json.dumps(data, ensure_ascii=False)
    for gone in ("Maija", "maija@example.org", "040 123 4567", "Enemmän iltavuoroja"):
        assert gone not in json_text and gone not in pdf


def test_the_export_is_audited_with_ids_and_named_by_the_buyer_id(client, office, history):
    response = export(client, history.card, "json")
    export(client, history.card, "pdf")

    buyer_id = history.card.buyer_id
    disposition = response.headers["Content-Disposition"]
    assert disposition == f"attachment; filename=ostaja-{buyer_id}-tiedot.json" and "Maija" not in disposition
    assert [(e.actor_id, e.card_id, e.details) for e in audit_events("buyer_data_exported")] == [
        (office.id, None, {"buyer_id": buyer_id, "format": "json"}),
        (office.id, None, {"buyer_id": buyer_id, "format": "pdf"}),
    ]
    assert response.headers["Cache-Control"] == "no-store"


def test_the_next_export_lists_the_earlier_one(client, office, history):
    export(client, history.card, "pdf")
    events = json.loads(export(client, history.card, "json").get_data())["audit_events"]
    assert events[-1]["action"] == "buyer_data_exported" and events[-1]["by_user_id"] == office.id


@pytest.mark.parametrize("extension", ["json", "pdf"])
def test_an_instructor_is_refused_and_nothing_is_audited(client, login, history, extension):
    login(Role.INSTRUCTOR)
    assert client.get(f"/office/buyers/{history.card.buyer_id}/data.{extension}").status_code == 403
    assert audit_events("buyer_data_exported") == []


def test_an_unknown_buyer_is_not_found(client, office, world):
    assert client.get("/office/buyers/999/data.json").status_code == 404
    assert audit_events("buyer_data_exported") == []


def test_the_buyer_page_offers_both_downloads(client, office, history):
    html = client.get(f"/office/buyers/{history.card.buyer_id}").get_data(as_text=True)
    for extension in ("pdf", "json"):
        assert f'href="/office/buyers/{history.card.buyer_id}/data.{extension}" download' in html


# The tables kymppi.domain.subject_access reads, each for what it holds about a buyer or their cards.
EXPORTED = {"card", "receipt", "check_in", "refused_scan", "visit_transfer", "feedback_invitation", "audit_event"}


def test_every_table_pointing_at_a_buyer_or_a_card_is_exported(app):
    """A new table about buyers or cards fails here until the export gathers it (or it is said here why not)."""
    pointing = {
        table.name
        for table in db.metadata.sorted_tables
        for key in table.foreign_keys
        if key.column.table.name in {"buyer", "card"}
    }
    assert pointing == EXPORTED
