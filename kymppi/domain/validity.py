"""Extending validity: one card, or every live card of a type when classes were cancelled."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select, update

from kymppi.domain import audit
from kymppi.domain.card_status import office_refusal
from kymppi.domain.clock import utcnow
from kymppi.domain.outcomes import CardChangeOutcome, CardChangeResult
from kymppi.extensions import db
from kymppi.models import Card, CardStatus, CardType, User

# A term is about four months; a year's extension is already a new card.
MAX_EXTENSION_DAYS = 365
# Statuses whose validity still matters: a suspended card is extended too, and
# gets its paused days on top when it is resumed.
_LIVE = (CardStatus.ACTIVE, CardStatus.SUSPENDED)


@dataclass(frozen=True)
class Extension:
    days: int
    note: str


def extend_card(card_id: int, extension: Extension, *, by: User, at: datetime | None = None) -> CardChangeResult:
    """Move one card's last valid day `days` later, with a note saying why."""
    at = at or utcnow()
    if (refusal := _refusal(extension, by)) is not None:
        return refusal
    card = db.session.get(Card, card_id)
    if card is None:
        return CardChangeResult(CardChangeOutcome.NOT_FOUND)
    if card.status not in _LIVE or not _extend(card.id, extension, by=by, at=at):
        db.session.rollback()
        return CardChangeResult(CardChangeOutcome.WRONG_STATUS, card)
    db.session.commit()
    db.session.refresh(card)
    return CardChangeResult(CardChangeOutcome.OK, card)


@dataclass(frozen=True)
class BulkExtensionResult:
    outcome: CardChangeOutcome
    extended: int = 0

    @property
    def ok(self) -> bool:
        return self.outcome is CardChangeOutcome.OK


def extend_card_type(
    card_type_id: int, extension: Extension, *, by: User, at: datetime | None = None
) -> BulkExtensionResult:
    """Extend every live card of a card type at once, say when classes were cancelled.

    One transaction: either every card of the type moves or none does.
    """
    at = at or utcnow()
    if (refusal := _refusal(extension, by)) is not None:
        return BulkExtensionResult(refusal.outcome)
    if db.session.get(CardType, card_type_id) is None:
        return BulkExtensionResult(CardChangeOutcome.NOT_FOUND)
    ids = db.session.scalars(
        select(Card.id).where(Card.card_type_id == card_type_id, Card.status.in_(_LIVE)).order_by(Card.id)
    ).all()
    extended = sum(_extend(card_id, extension, by=by, at=at, card_type_id=card_type_id) for card_id in ids)
    db.session.commit()
    return BulkExtensionResult(CardChangeOutcome.OK, extended)


def _refusal(extension: Extension, by: User) -> CardChangeResult | None:
    if (refusal := office_refusal(by, extension.note)) is not None:
        return refusal
    if not 1 <= extension.days <= MAX_EXTENSION_DAYS:
        return CardChangeResult(CardChangeOutcome.INVALID_AMOUNT)
    return None


def _extend(card_id: int, extension: Extension, *, by: User, at: datetime, **details) -> bool:
    """Compare-and-set on the old end date: a resume moving the same date meanwhile
    makes us read it again, so neither change is lost."""
    while True:
        current: date | None = db.session.scalar(
            select(Card.valid_until).where(Card.id == card_id, Card.status.in_(_LIVE))
        )
        if current is None:
            return False
        new_until = current + timedelta(days=extension.days)
        moved = db.session.execute(
            update(Card)
            .where(Card.id == card_id, Card.valid_until == current, Card.status.in_(_LIVE))
            .values(valid_until=new_until)
            .execution_options(synchronize_session=False)
        )
        if moved.rowcount == 1:
            audit.record(
                "validity_extended",
                by=by,
                at=at,
                card_id=card_id,
                days=extension.days,
                valid_until_before=current.isoformat(),
                valid_until=new_until.isoformat(),
                note=extension.note.strip(),
                **details,
            )
            return True
