"""Extending validity: one card, or every live card of a type at once, always with a note."""

from datetime import timedelta

import pytest

from kymppi.domain.card_status import cancel_card, suspend_card
from kymppi.domain.outcomes import CardChangeOutcome
from kymppi.domain.validity import Extension, extend_card, extend_card_type
from kymppi.extensions import db
from kymppi.models import CardType, Role
from tests.conftest import csrf_token
from tests.factories import TERM_END, TERM_START
from tests.rows import audit_events, reload


@pytest.fixture
def other_type(world):
    card_type = CardType(name="Tanssikortti", visits=5, price_cents=3000, valid_from=TERM_START, valid_until=TERM_END)
    db.session.add(card_type)
    db.session.commit()
    return card_type


def test_a_card_type_extension_moves_live_cards_only(world, make_card, other_type):
    active, suspended, cancelled = make_card(), make_card(), make_card()
    elsewhere = make_card(card_type=other_type)
    suspend_card(suspended.id, by=world.office, reason="Sairaus")
    cancel_card(cancelled.id, by=world.office, reason="Muutti")

    result = extend_card_type(world.card_type.id, Extension(14, "Tunnit peruttu"), by=world.office)

    assert (result.outcome, result.extended) == (CardChangeOutcome.OK, 2)
    later = TERM_END + timedelta(days=14)
    assert [reload(c).valid_until for c in (active, suspended, cancelled, elsewhere)] == [
        later,
        later,
        TERM_END,
        TERM_END,
    ]
    assert sorted(e.card_id for e in audit_events("validity_extended")) == sorted([active.id, suspended.id])
    assert {e.details["card_type_id"] for e in audit_events("validity_extended")} == {world.card_type.id}


@pytest.mark.parametrize(
    ("days", "note", "outcome"),
    [
        (0, "x", CardChangeOutcome.INVALID_AMOUNT),
        (366, "x", CardChangeOutcome.INVALID_AMOUNT),
        (7, " ", CardChangeOutcome.REASON_REQUIRED),
    ],
)
def test_bad_extensions_change_nothing(world, make_card, days, note, outcome):
    card = make_card()
    assert extend_card(card.id, Extension(days, note), by=world.office).outcome is outcome
    assert extend_card_type(world.card_type.id, Extension(days, note), by=world.office).outcome is outcome
    assert reload(card).valid_until == TERM_END and audit_events("validity_extended") == []


def test_instructors_may_not_extend(world, make_card):
    card = make_card()
    refused = CardChangeOutcome.NOT_PERMITTED
    assert extend_card(card.id, Extension(7, "x"), by=world.instructor).outcome is refused
    assert extend_card_type(world.card_type.id, Extension(7, "x"), by=world.instructor).outcome is refused


def test_an_unknown_card_type_is_not_found(world):
    assert extend_card_type(999_999, Extension(7, "x"), by=world.office).outcome is CardChangeOutcome.NOT_FOUND


def test_the_page_extends_a_card_type_and_says_how_many(client, world, make_card, login):
    login(Role.OFFICE)
    card = make_card()
    data = {"csrf_token": csrf_token(client, "/office/extend"), "card_type": world.card_type.id, "days": "7"}

    refused = client.post("/office/extend", data=data | {"note": ""})
    assert refused.status_code == 422 and "Kirjoita syy" in refused.get_data(as_text=True)

    done = client.post("/office/extend", data=data | {"note": "Sali remontissa"})
    assert "1 kortin voimassaoloa pidennetty 7 päivällä." in client.get(done.headers["Location"]).get_data(as_text=True)
    assert reload(card).valid_until == TERM_END + timedelta(days=7)


@pytest.mark.parametrize("card_type", ["999999", "abc", ""])
def test_the_page_refuses_unknown_card_types(client, world, login, card_type):
    login(Role.OFFICE)
    data = {"csrf_token": csrf_token(client, "/office/extend"), "card_type": card_type, "days": "7", "note": "x"}
    response = client.post("/office/extend", data=data)
    assert response.status_code == 422
