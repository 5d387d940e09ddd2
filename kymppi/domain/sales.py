"""Selling a card: buyer, card, receipt and audit entry in one transaction (rules 1, 10, 11)."""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from kymppi.domain import audit
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.codes import new_card_number, new_secret
from kymppi.domain.contact import clean_contact
from kymppi.domain.errors import CONTROL_CHARACTERS_MESSAGE, InvalidInput, NotFound, check_text
from kymppi.domain.outcomes import SaleOutcome, SaleResult
from kymppi.domain.text import has_control_characters
from kymppi.extensions import db
from kymppi.models import Buyer, Card, CardType, Language, PaymentMethod, Receipt, ReceiptCounter, User
from kymppi.models.enums import OFFICE_ROLES
from kymppi.orm import MAX_ID

# A sale that loses the race to create a year's receipt counter, or hits an
# (astronomically unlikely) card number clash, is rolled back and tried again.
_ATTEMPTS = 5
# Far above any card's price; keeps a typo (50000 € for 50,00 €) out of the books.
MAX_PRICE_CENTS = 1_000_000
# The refusal for a price outside 0 … MAX_PRICE_CENTS, beside the field on every page that asks one.
# The ceiling is in the text itself, so each language writes the sum its own way (€0–10,000).
PRICE_RANGE_MESSAGE = _l("Hinnan on oltava 0–10 000 €.")
PRICE_REASON_MESSAGE = _l("Kerro, miksi hinta poikkeaa korttityypin hinnasta.")


@dataclass(frozen=True)
class BuyerDetails:
    """Rule 11: all we ask of a buyer."""

    name: str
    new_customer: bool
    email: str | None = None
    phone: str | None = None
    language: Language = Language.FI
    feedback_consent: bool = False
    municipality: str | None = None


@dataclass(frozen=True)
class Sale:
    card_type_id: int
    payment_method: PaymentMethod
    buyer_id: int | None = None
    new_buyer: BuyerDetails | None = None
    payment_reference: str | None = None
    # Set only when the office changes the card type's price; needs a reason.
    price_cents: int | None = None
    price_reason: str | None = None
    # The sale form's one-time key: a double submit finds the first sale.
    sale_key: str | None = None


def sell_card(sale: Sale, *, by: User, at: datetime | None = None) -> SaleResult:
    at = at or utcnow()
    if by.role not in OFFICE_ROLES:
        return SaleResult(SaleOutcome.NOT_PERMITTED)
    _validate(sale)
    if sale.sale_key and (earlier := _by_sale_key(sale.sale_key)) is not None:
        return _replay(sale, earlier)
    card_type = db.session.get(CardType, sale.card_type_id)
    if card_type is None:
        raise NotFound(f"card type {sale.card_type_id}")
    if not card_type.on_sale or local_date(at) > card_type.valid_until:
        return SaleResult(SaleOutcome.NOT_ON_SALE)
    for _ in range(_ATTEMPTS):
        try:
            return _sell(sale, card_type, by=by, at=at)
        except IntegrityError:
            db.session.rollback()
            if sale.sale_key and (earlier := _by_sale_key(sale.sale_key)) is not None:
                return _replay(sale, earlier)
    raise RuntimeError("sale failed repeatedly on a uniqueness conflict")


def card_types_on_sale(day: date) -> list[CardType]:
    """What the desk can sell on `day`: on sale and not yet expired."""
    return list(
        db.session.scalars(
            select(CardType)
            .where(CardType.on_sale.is_(True), CardType.valid_until >= day)
            .order_by(CardType.valid_from, CardType.name)
        )
    )


def buyer_for_sale(buyer_id: int | None) -> Buyer | None:
    """An existing buyer a new card can be sold to: anonymised buyers are gone."""
    buyer = db.session.get(Buyer, buyer_id) if buyer_id is not None and 1 <= buyer_id <= MAX_ID else None
    return buyer if buyer is not None and buyer.anonymized_at is None else None


def _validate(sale: Sale) -> None:
    if (sale.buyer_id is None) == (sale.new_buyer is None):
        raise InvalidInput("buyer", "give either an existing buyer or a new one")
    if sale.new_buyer is not None:
        _contact(sale.new_buyer)
    check_text("payment_reference", sale.payment_reference, Card.payment_reference)
    check_text("sale_key", sale.sale_key, Card.sale_key)
    if sale.price_cents is not None:
        if not 0 <= sale.price_cents <= MAX_PRICE_CENTS:
            raise InvalidInput("price", PRICE_RANGE_MESSAGE)
        if not (sale.price_reason or "").strip():
            raise InvalidInput("price_reason", PRICE_REASON_MESSAGE)
        if has_control_characters(sale.price_reason):
            raise InvalidInput("price_reason", CONTROL_CHARACTERS_MESSAGE)


def _sell(sale: Sale, card_type: CardType, *, by: User, at: datetime) -> SaleResult:
    buyer = _buyer(sale, at)
    price = card_type.price_cents if sale.price_cents is None else sale.price_cents
    card = Card(
        number=new_card_number(),
        secret=new_secret(),
        card_type=card_type,
        buyer=buyer,
        visits_total=card_type.visits,
        valid_from=card_type.valid_from,
        valid_until=card_type.valid_until,
        price_cents=price,
        payment_method=sale.payment_method,
        payment_reference=(sale.payment_reference or "").strip() or None,
        sold_by_id=by.id,
        sold_at=at,
        sale_key=sale.sale_key or None,
    )
    db.session.add(card)
    db.session.flush()
    receipt = _issue_receipt(card, at)
    details = {"price_cents": price, "payment_method": sale.payment_method.value, "receipt": receipt.label}
    if sale.price_cents is not None:
        details.update(list_price_cents=card_type.price_cents, price_reason=sale.price_reason.strip())
    audit.record("card_sold", by=by, at=at, card_id=card.id, **details)
    db.session.commit()
    return SaleResult(SaleOutcome.OK, card, receipt)


def _buyer(sale: Sale, at: datetime) -> Buyer:
    if sale.buyer_id is not None:
        if (buyer := buyer_for_sale(sale.buyer_id)) is None:
            raise NotFound(f"buyer {sale.buyer_id}")
        return buyer
    details = sale.new_buyer
    buyer = Buyer(
        **_contact(details),
        language=details.language,
        feedback_consent=details.feedback_consent,
        new_customer=details.new_customer,
        created_at=at,
    )
    db.session.add(buyer)
    return buyer


def _contact(details: BuyerDetails) -> dict[str, str | None]:
    return clean_contact(details.name, details.email, details.phone, details.municipality)


def _issue_receipt(card: Card, at: datetime) -> Receipt:
    """Rule 10: the next number of the year, without gaps or duplicates.

    Incrementing the year's counter row locks it until the sale commits, so
    concurrent sales take numbers one after another; a sale that rolls back
    gives its number back. Only the year's very first two sales can race to
    create the counter row, and the loser is retried by `sell_card`.
    """
    year = local_date(at).year
    number = db.session.scalar(
        update(ReceiptCounter)
        .where(ReceiptCounter.year == year)
        .values(last_number=ReceiptCounter.last_number + 1)
        .returning(ReceiptCounter.last_number)
        .execution_options(synchronize_session=False)
    )
    if number is None:
        number = 1
        db.session.add(ReceiptCounter(year=year, last_number=number))
    receipt = Receipt(year=year, number=number, card_id=card.id, amount_cents=card.price_cents, issued_at=at)
    db.session.add(receipt)
    db.session.flush()
    return receipt


def _replay(sale: Sale, earlier: Card) -> SaleResult:
    """A second submit of the same sale gets the first one's card; a different sale
    under a used key (a form reused for the next customer, a client bug) sells nothing."""
    same_buyer = (
        earlier.buyer_id == sale.buyer_id
        if sale.buyer_id is not None
        else sale.new_buyer is not None and earlier.buyer.name == sale.new_buyer.name.strip()
    )
    if same_buyer and (earlier.card_type_id, earlier.payment_method) == (sale.card_type_id, sale.payment_method):
        return SaleResult(SaleOutcome.DUPLICATE, earlier, earlier.receipt)
    return SaleResult(SaleOutcome.KEY_REUSED)


def _by_sale_key(sale_key: str) -> Card | None:
    return db.session.execute(select(Card).where(Card.sale_key == sale_key)).scalar_one_or_none()
