"""Selling a card through `sell_card`: rules 1, 10 and 11, permissions, double submits and codes."""

import base64
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from kymppi.domain.codes import new_card_number, new_secret
from kymppi.domain.errors import InvalidInput, NotFound
from kymppi.domain.outcomes import SaleOutcome, SaleResult
from kymppi.domain.sales import BuyerDetails, Sale, sell_card
from kymppi.extensions import db
from kymppi.models import AuditEvent, Buyer, Card, CardStatus, CardType, Language, PaymentMethod, Receipt, Role
from tests.factories import TERM_END, TERM_START, on
from tests.rows import audit_events, count, reload

BUYER = BuyerDetails(name="Maija Meikäläinen", new_customer=True, email="maija@example.org")
AMBIGUOUS = set("0O1IL")


def sell(world, *, by=None, at=None, **sale) -> SaleResult:
    values = {"card_type_id": world.card_type.id, "payment_method": PaymentMethod.CASH, "new_buyer": BUYER} | sale
    return sell_card(Sale(**values), by=by or world.office, at=at or on(TERM_START))


def add_card_type(world, **values) -> CardType:
    values = {
        "name": "Lukuvuosikortti",
        "price_cents": 5000,
        "valid_from": TERM_START,
        "valid_until": TERM_END,
    } | values
    card_type = CardType(categories=world.card_type.categories, **values)
    db.session.add(card_type)
    db.session.commit()
    return card_type


def test_card_takes_visits_price_and_validity_from_its_type(world):
    card_type = add_card_type(world, visits=15, price_cents=7250, valid_until=date(2027, 5, 31))
    result = sell(world, card_type_id=card_type.id, payment_method=PaymentMethod.PAYMENT_CARD)
    assert result.outcome is SaleOutcome.OK
    card = reload(result.card)
    assert (card.visits_total, card.visits_used, card.price_cents) == (15, 0, 7250)
    assert (card.valid_from, card.valid_until) == (TERM_START, date(2027, 5, 31))
    assert (card.status, card.payment_method, card.sold_by_id) == (
        CardStatus.ACTIVE,
        PaymentMethod.PAYMENT_CARD,
        world.office.id,
    )
    assert card.receipt.amount_cents == 7250


def test_card_type_visits_default_to_ten(world):
    card_type = add_card_type(world)
    assert reload(sell(world, card_type_id=card_type.id).card).visits_total == 10


@pytest.mark.parametrize("price", [2500, 0])
def test_price_override_needs_a_reason_and_is_audited(world, price):
    result = sell(world, price_cents=price, price_reason="  opiskelija  ")
    card = reload(result.card)
    assert card.price_cents == price
    assert card.receipt.amount_cents == price
    [event] = audit_events("card_sold")
    assert (event.card_id, event.actor_id) == (card.id, world.office.id)
    assert event.details == {
        "price_cents": price,
        "payment_method": "cash",
        "receipt": "2026-00001",
        "list_price_cents": 5000,
        "price_reason": "opiskelija",
    }


def test_sale_at_list_price_is_audited_without_an_override(world):
    card = sell(world, payment_method=PaymentMethod.EPASSI).card
    [event] = audit_events("card_sold")
    assert event.card_id == card.id
    assert event.details == {"price_cents": 5000, "payment_method": "epassi", "receipt": "2026-00001"}


@pytest.mark.parametrize(
    ("sale", "field"),
    [
        ({"price_cents": -1, "price_reason": "virhe"}, "price"),
        ({"price_cents": 2500}, "price_reason"),
        ({"price_cents": 2500, "price_reason": "   "}, "price_reason"),
        ({"new_buyer": BuyerDetails(name="Maija M", new_customer=True)}, "phone"),
        ({"new_buyer": BuyerDetails(name="Maija M", new_customer=True, email="  ", phone=" ")}, "phone"),
        ({"new_buyer": BuyerDetails(name="  ", new_customer=True, email="m@example.org")}, "name"),
        ({"new_buyer": None}, "buyer"),
        ({"buyer_id": 1}, "buyer"),
    ],
    ids=[
        "negative-price",
        "no-price-reason",
        "blank-price-reason",
        "no-contact",
        "blank-contact",
        "no-name",
        "no-buyer",
        "two-buyers",
    ],
)
def test_invalid_input_names_the_field(world, sale, field):
    with pytest.raises(InvalidInput) as error:
        sell(world, **sale)
    assert error.value.field == field
    assert (count(Card), count(Buyer), count(Receipt)) == (0, 0, 0)


def test_unknown_card_type_is_not_found(world):
    with pytest.raises(NotFound):
        sell(world, card_type_id=999_999)


def test_instructor_may_not_sell(world):
    result = sell(world, by=world.instructor)
    assert (result.outcome, result.card) == (SaleOutcome.NOT_PERMITTED, None)
    assert (count(Card), count(Buyer), count(AuditEvent)) == (0, 0, 0)


@pytest.mark.parametrize("role", [Role.OFFICE, Role.ADMIN])
def test_office_and_admin_may_sell(world, make_user, role):
    assert sell(world, by=make_user(role)).outcome is SaleOutcome.OK


@pytest.mark.parametrize(
    ("on_sale", "day", "outcome"),
    [
        (False, TERM_START, SaleOutcome.NOT_ON_SALE),
        (True, TERM_END + timedelta(days=1), SaleOutcome.NOT_ON_SALE),
        (True, TERM_END, SaleOutcome.OK),
        (True, TERM_START - timedelta(days=30), SaleOutcome.OK),
    ],
    ids=["withdrawn", "validity-ended", "last-valid-day", "before-validity"],
)
def test_card_type_must_be_on_sale_and_still_valid(world, on_sale, day, outcome):
    world.card_type.on_sale = on_sale
    db.session.commit()
    result = sell(world, at=on(day))
    assert result.outcome is outcome
    assert count(Card) == (1 if outcome is SaleOutcome.OK else 0)


def test_receipts_are_numbered_per_year_and_restart_in_a_new_year(world):
    card_type = add_card_type(world, valid_until=date(2027, 7, 31))
    days = [date(2026, 9, 1), date(2026, 9, 2), date(2026, 10, 1), date(2027, 1, 10), date(2027, 1, 11)]
    days.append(date(2026, 12, 30))  # a late entry for the old year continues its sequence
    labels = [sell(world, card_type_id=card_type.id, at=on(day)).receipt.label for day in days]
    assert labels == ["2026-00001", "2026-00002", "2026-00003", "2027-00001", "2027-00002", "2026-00004"]
    rows = db.session.execute(select(Receipt.year, Receipt.number).order_by(Receipt.id)).all()
    assert [tuple(row) for row in rows] == [(2026, 1), (2026, 2), (2026, 3), (2027, 1), (2027, 2), (2026, 4)]


def test_receipt_year_is_the_helsinki_year(world):
    card_type = add_card_type(world, valid_until=date(2027, 7, 31))
    new_year_in_helsinki = datetime(2026, 12, 31, 22, 30, tzinfo=UTC)  # 00:30 on 1.1.2027 in Helsinki
    assert sell(world, card_type_id=card_type.id, at=new_year_in_helsinki).receipt.label == "2027-00001"


def test_money_is_integer_cents(world):
    card = reload(sell(world, price_cents=4990, price_reason="kampanja").card)
    assert type(card.price_cents) is int and card.price_cents == 4990
    assert type(card.receipt.amount_cents) is int and card.receipt.amount_cents == 4990


def buyer_fields(buyer: Buyer) -> dict:
    fields = ("name", "email", "phone", "language", "feedback_consent", "new_customer", "municipality")
    return {f: getattr(buyer, f) for f in fields}


DEFAULTS = {"language": Language.FI, "feedback_consent": False, "new_customer": True, "municipality": None}


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ({"email": " m@example.org "}, {"email": "m@example.org", "phone": None}),
        ({"phone": " 040 123 4567 "}, {"email": None, "phone": "040 123 4567"}),
        ({"email": "m@example.org", "phone": "040 1234"}, {"email": "m@example.org", "phone": "040 1234"}),
        ({"email": "m@example.org", "municipality": "  "}, {"email": "m@example.org", "phone": None}),
        (
            {"email": "g@example.org", "language": Language.SV, "feedback_consent": True, "municipality": " Vaasa "},
            {"email": "g@example.org", "phone": None, "language": Language.SV, "feedback_consent": True}
            | {"municipality": "Vaasa"},
        ),
    ],
    ids=["email", "phone", "both", "blank-municipality", "all-answers"],
)
def test_buyer_data_is_minimal_and_consent_is_explicit(world, given, stored):
    details = BuyerDetails(name=" Maija Meikäläinen ", new_customer=True, **given)
    buyer = reload(sell(world, new_buyer=details).card).buyer
    assert buyer_fields(buyer) == {"name": "Maija Meikäläinen"} | DEFAULTS | stored


def test_new_customer_is_stored_as_answered(world):
    details = BuyerDetails(name="Maija M", new_customer=False, email="m@example.org")
    assert reload(sell(world, new_buyer=details).card).buyer.new_customer is False


def test_existing_buyer_gets_another_card(world):
    first = sell(world).card
    second = sell(world, new_buyer=None, buyer_id=first.buyer_id).card
    assert second.id != first.id
    assert reload(second).buyer_id == first.buyer_id
    assert count(Buyer) == 1


def test_unknown_or_anonymised_buyer_is_not_found(world):
    with pytest.raises(NotFound):
        sell(world, new_buyer=None, buyer_id=999_999)
    buyer = reload(sell(world).card).buyer
    buyer.anonymized_at = on(TERM_END)
    db.session.commit()
    with pytest.raises(NotFound):
        sell(world, new_buyer=None, buyer_id=buyer.id)


def test_same_sale_key_sells_once(world):
    first = sell(world, sale_key="form-7f3a")
    again = sell(world, sale_key="form-7f3a", price_cents=100, price_reason="toinen klikkaus")
    assert (first.outcome, again.outcome) == (SaleOutcome.OK, SaleOutcome.DUPLICATE)
    assert again.card.id == first.card.id
    assert again.receipt.id == first.receipt.id
    # A resubmit arriving after the card type went off sale still finds the first sale.
    late = sell(world, sale_key="form-7f3a", at=on(TERM_END + timedelta(days=1)))
    assert (late.outcome, late.card.id) == (SaleOutcome.DUPLICATE, first.card.id)
    assert (count(Card), count(Buyer), count(Receipt), len(audit_events("card_sold"))) == (1, 1, 1, 1)
    assert sell(world, sale_key="form-8b21").outcome is SaleOutcome.OK


def test_blank_sale_key_is_no_key(world):
    """A form's empty hidden field must not make every later sale a "duplicate"."""
    first, second = sell(world, sale_key=""), sell(world, sale_key="")
    assert (first.outcome, second.outcome) == (SaleOutcome.OK, SaleOutcome.OK)
    assert first.card.id != second.card.id


def test_card_numbers_and_secrets(world):
    cards = [reload(sell(world).card) for _ in range(12)]
    for card in cards:
        assert re.fullmatch(r"[2-9A-Z]{8}", card.number) and not AMBIGUOUS & set(card.number)
        assert re.fullmatch(r"[A-Za-z0-9_-]{32}", card.secret)
        assert len(base64.urlsafe_b64decode(card.secret)) * 8 >= 128
    assert len({c.number for c in cards}) == len({c.secret for c in cards}) == len(cards)


def test_generated_codes_avoid_ambiguous_characters_and_repeat_never():
    numbers = {new_card_number() for _ in range(2000)}
    assert not AMBIGUOUS & set("".join(numbers))
    secrets_ = {new_secret() for _ in range(2000)}
    assert len(secrets_) == 2000
    assert all(len(s) == 32 and len(base64.urlsafe_b64decode(s)) == 24 for s in secrets_)


@pytest.mark.parametrize(
    ("buyer", "sale", "field"),
    [
        ({"name": "M" * 201}, {}, "name"),
        ({"email": "m" * 250 + "@x.fi"}, {}, "email"),
        ({"phone": "0" * 41}, {}, "phone"),
        ({"municipality": "H" * 101}, {}, "municipality"),
        ({}, {"payment_reference": "R" * 101}, "payment_reference"),
        ({}, {"sale_key": "k" * 65}, "sale_key"),
        ({}, {"price_cents": 1_000_001, "price_reason": "typo"}, "price"),
    ],
)
def test_too_long_or_too_large_input_names_the_field_on_every_database(world, buyer, sale, field):
    details = BuyerDetails(**({"name": "Maija M", "new_customer": True, "email": "m@example.org"} | buyer))
    with pytest.raises(InvalidInput) as error:
        sell(world, new_buyer=details, **sale)
    assert error.value.field == field
    assert count(Card) == 0
