"""Buyers at the desk: finding them as the secretary types, their page, and correcting their details."""

import re
from dataclasses import dataclass, fields
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import joinedload

from kymppi.domain import audit
from kymppi.domain.clock import utcnow
from kymppi.domain.codes import NUMBER_ALPHABET, NUMBER_LENGTH
from kymppi.domain.contact import clean_contact
from kymppi.domain.errors import InvalidInput, NotFound
from kymppi.domain.text import has_control_characters
from kymppi.extensions import db
from kymppi.models import Buyer, Card, CardStatus, Language, User
from kymppi.models.enums import OFFICE_ROLES

# Fewer characters match half the register and help nobody.
MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100
MAX_QUERY_WORDS = 5
LANGUAGE_MESSAGE = _l("Valitse kieli: suomi, ruotsi tai englanti.")


def search_buyers(query: str, *, limit: int = 10) -> list[Buyer]:
    """Buyers matching every word of `query`, newest first; anonymised buyers never.

    A word matches the name or email anywhere, a phone number ignoring spaces
    and dashes, or the start of one of the buyer's card numbers.
    """
    words = query_words(query)
    if len(query) > MAX_QUERY_LENGTH or len("".join(words)) < MIN_QUERY_LENGTH:
        return []
    statement = select(Buyer).where(Buyer.anonymized_at.is_(None), *(buyer_matches(word) for word in words))
    return list(db.session.scalars(statement.order_by(Buyer.created_at.desc(), Buyer.id.desc()).limit(limit)))


def card_numbers_of(buyer_ids: list[int]) -> dict[int, list[str]]:
    """Each buyer's cards in hand, newest first, in one query; a replaced card is no longer in hand."""
    numbers: dict[int, list[str]] = {buyer_id: [] for buyer_id in buyer_ids}
    rows = db.session.execute(
        select(Card.buyer_id, Card.number)
        .where(Card.buyer_id.in_(buyer_ids), Card.status != CardStatus.REPLACED)
        .order_by(Card.sold_at.desc(), Card.id.desc())
    )
    for buyer_id, number in rows:
        numbers[buyer_id].append(number)
    return numbers


def query_words(query: str) -> list[str]:
    """The words of a search, at most a few; control characters (PostgreSQL refuses NUL) split words."""
    cleaned = "".join(" " if has_control_characters(c) else c for c in query[:MAX_QUERY_LENGTH])
    return cleaned.split()[:MAX_QUERY_WORDS]


def buyer_matches(word: str) -> ColumnElement[bool]:
    """A buyer matches by contact details or by the start of any of their card numbers."""
    number = card_number_prefix(word)
    if number is None:
        return contact_matches(word)
    return or_(contact_matches(word), Buyer.id.in_(select(Card.buyer_id).where(Card.number.like(f"{number}%"))))


def contact_matches(word: str) -> ColumnElement[bool]:
    """Name or email anywhere, case-insensitive with ä = Ä on both databases (both sides in
    lower case: `Buyer.search_text`), or a phone number ignoring spaces and dashes, with
    +358 read as a leading 0."""
    conditions = [Buyer.search_text.like(f"%{_escape(word.lower())}%", escape="\\")]
    digits = re.sub(r"[\s()-]", "", word)
    if len(digits) >= 3 and re.fullmatch(r"\+?\d+", digits):
        phone = func.replace(func.replace(func.replace(Buyer.phone, " ", ""), "-", ""), "+358", "0")
        conditions.append(phone.like(f"%{digits.replace('+358', '0')}%"))
    return or_(*conditions)


def card_number_prefix(word: str) -> str | None:
    """A word that could be the start of a card number ("ABCD-23"), as stored; None otherwise.

    Most names can't be (an O, I or L is not in the numbers' alphabet), and a
    search for one then skips testing every card's number.
    """
    number = word.replace("-", "").upper()
    possible = 4 <= len(number) <= NUMBER_LENGTH and all(c in NUMBER_ALPHABET for c in number)
    return number if possible else None


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class BuyerProfile:
    buyer: Buyer
    cards: list[Card]


def buyer_profile(buyer_id: int) -> BuyerProfile:
    """A buyer with all their cards, newest first, card types loaded with them."""
    buyer = db.session.get(Buyer, buyer_id)
    if buyer is None:
        raise NotFound(f"buyer {buyer_id}")
    cards = db.session.scalars(
        select(Card)
        .where(Card.buyer_id == buyer_id)
        .options(joinedload(Card.card_type))
        .order_by(Card.sold_at.desc(), Card.id.desc())
    )
    return BuyerProfile(buyer, list(cards))


def editable_buyer(buyer_id: int) -> Buyer:
    """A buyer whose details may be corrected: anonymised ones have none left to correct."""
    buyer = db.session.get(Buyer, buyer_id)
    if buyer is None or buyer.anonymized_at is not None:
        raise NotFound(f"buyer {buyer_id}")
    return buyer


@dataclass(frozen=True)
class BuyerChanges:
    """The buyer's details as the office wants them after the edit (rule 11's fields)."""

    name: str
    email: str | None
    phone: str | None
    language: Language | str
    municipality: str | None
    feedback_consent: bool
    new_customer: bool


def update_buyer(buyer_id: int, changes: BuyerChanges, *, by: User, at: datetime | None = None) -> tuple[str, ...]:
    """Save corrected details; returns the names of the fields that changed.

    The audit event names the changed fields only: the log is kept longer than
    personal data may be (rule 12), so values never go into it.
    """
    if by.role not in OFFICE_ROLES:
        raise PermissionError("only the office edits buyers")
    buyer = editable_buyer(buyer_id)
    wanted = _validated(changes)
    changed = tuple(name for name, value in wanted.items() if getattr(buyer, name) != value)
    if not changed:
        return changed
    for name in changed:
        setattr(buyer, name, wanted[name])
    audit.record("buyer_updated", by=by, at=at or utcnow(), buyer_id=buyer.id, fields=list(changed))
    db.session.commit()
    return changed


def _validated(changes: BuyerChanges) -> dict[str, object]:
    """The changes cleaned (trimmed, blanks as None) or InvalidInput naming the first bad field."""
    values = {field.name: getattr(changes, field.name) for field in fields(changes)}
    values |= clean_contact(changes.name, changes.email, changes.phone, changes.municipality)
    try:
        values["language"] = Language(values["language"])
    except ValueError:
        raise InvalidInput("language", LANGUAGE_MESSAGE) from None
    values["feedback_consent"] = bool(values["feedback_consent"])
    values["new_customer"] = bool(values["new_customer"])
    return values


def set_language(buyer_id: int, language: Language) -> None:
    """The buyer chose a language on their card page: it is theirs from now on, emails included."""
    buyer = db.session.get(Buyer, buyer_id)
    if buyer is None:
        raise NotFound(f"buyer {buyer_id}")
    if buyer.language is not language:
        buyer.language = language
        audit.record("buyer_language_chosen", by=None, at=utcnow(), buyer_id=buyer_id, language=language.value)
    db.session.commit()
