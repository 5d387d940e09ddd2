"""The office's status changes to a sold card: cancel, refund, suspend, resume (rule 5).

Each change is a conditional UPDATE from the statuses it is allowed from, so a
card can't be, say, refunded twice by two clicks, and a check-in racing with a
cancellation either happens before it or is refused.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import update

from kymppi.domain import audit
from kymppi.domain.cards import original_sale
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.errors import check_text
from kymppi.domain.outcomes import CardChangeOutcome, CardChangeResult
from kymppi.extensions import db
from kymppi.models import Card, CardStatus, User
from kymppi.models.enums import OFFICE_ROLES


def office_refusal(by: User, reason: str | None) -> CardChangeResult | None:
    """What stops any office change before the card is looked at: the role, or a blank reason.

    `reason` None means the change needs no reason.
    """
    if by.role not in OFFICE_ROLES:
        return CardChangeResult(CardChangeOutcome.NOT_PERMITTED)
    if reason is not None and not reason.strip():
        return CardChangeResult(CardChangeOutcome.REASON_REQUIRED)
    check_text("reason", reason, Card.status_reason)
    return None


@dataclass(frozen=True)
class _Transition:
    action: str
    allowed_from: frozenset[CardStatus]
    to: CardStatus
    values: dict[str, Any] = field(default_factory=dict)
    details: dict[str, Any] = field(default_factory=dict)


def cancel_card(card_id: int, *, by: User, reason: str, at: datetime | None = None) -> CardChangeResult:
    card, refusal = _office_card(card_id, by, reason or "")
    if refusal is not None:
        return refusal
    transition = _Transition(
        "card_cancelled", frozenset({CardStatus.ACTIVE, CardStatus.SUSPENDED}), CardStatus.CANCELLED
    )
    return _change_status(card, transition, by=by, reason=reason, at=at)


def refund_card(
    card_id: int, *, by: User, reason: str, amount_cents: int | None = None, at: datetime | None = None
) -> CardChangeResult:
    """Refund the price paid, or `amount_cents` of it; a cancelled card may still be refunded.

    A replacement card was not paid for itself: what can be refunded is the
    price of the original sale it descends from.
    """
    card, refusal = _office_card(card_id, by, reason or "")
    if refusal is not None:
        return refusal
    paid = original_sale(card).price_cents
    amount = paid if amount_cents is None else amount_cents
    if not 0 <= amount <= paid:
        return CardChangeResult(CardChangeOutcome.INVALID_AMOUNT, card)
    transition = _Transition(
        "card_refunded",
        frozenset({CardStatus.ACTIVE, CardStatus.SUSPENDED, CardStatus.CANCELLED}),
        CardStatus.REFUNDED,
        values={"refunded_cents": amount},
        details={"refunded_cents": amount},
    )
    return _change_status(card, transition, by=by, reason=reason, at=at)


def suspend_card(card_id: int, *, by: User, reason: str, at: datetime | None = None) -> CardChangeResult:
    """Pause a card (illness, say); resuming extends its validity by the pause."""
    at = at or utcnow()
    card, refusal = _office_card(card_id, by, reason or "")
    if refusal is not None:
        return refusal
    transition = _Transition(
        "card_suspended",
        frozenset({CardStatus.ACTIVE}),
        CardStatus.SUSPENDED,
        values={"suspended_on": local_date(at)},
    )
    return _change_status(card, transition, by=by, reason=reason, at=at)


def resume_card(card_id: int, *, by: User, at: datetime | None = None) -> CardChangeResult:
    at = at or utcnow()
    card, refusal = _office_card(card_id, by, None)
    if refusal is not None:
        return refusal
    if card.status is not CardStatus.SUSPENDED:
        return CardChangeResult(CardChangeOutcome.WRONG_STATUS, card)
    resumed_on = local_date(at)
    extension = paused_days(card.suspended_on, resumed_on, card.valid_from, card.valid_until)
    # The holder gets back every paused day as a usable day from the resume on,
    # even if the card would have expired during the pause.
    new_end = max(card.valid_until, resumed_on - timedelta(days=1)) + timedelta(days=extension)
    transition = _Transition(
        "card_resumed",
        frozenset({CardStatus.SUSPENDED}),
        CardStatus.ACTIVE,
        values={"suspended_on": None, "valid_until": new_end},
        details={"extended_days": extension},
    )
    return _change_status(card, transition, by=by, reason=None, at=at)


def paused_days(suspended_on: date, resumed_on: date, valid_from: date, valid_until: date) -> int:
    """Days of the pause that fell inside the card's validity: those are given back."""
    start = max(suspended_on, valid_from)
    end = min(resumed_on, valid_until + timedelta(days=1))
    return max(0, (end - start).days)


def _office_card(card_id: int, by: User, reason: str | None) -> tuple[Card, None] | tuple[None, CardChangeResult]:
    """The card to change, or the refusal that stops the change before it starts."""
    if (refusal := office_refusal(by, reason)) is not None:
        return None, refusal
    card = db.session.get(Card, card_id)
    if card is None:
        return None, CardChangeResult(CardChangeOutcome.NOT_FOUND)
    return card, None


def _change_status(
    card: Card, transition: _Transition, *, by: User, reason: str | None, at: datetime | None
) -> CardChangeResult:
    """Apply `transition` only if the card is still in a status it is allowed from:
    the status we read may have changed since, and the UPDATE's condition decides."""
    at = at or utcnow()
    reason = reason.strip() if reason is not None else None
    changed = db.session.execute(
        update(Card)
        .where(Card.id == card.id, Card.status.in_(transition.allowed_from))
        .values(status=transition.to, status_reason=reason, **transition.values)
        .execution_options(synchronize_session=False)
    )
    if changed.rowcount != 1:
        db.session.rollback()
        return CardChangeResult(CardChangeOutcome.WRONG_STATUS, card)
    audit.record(transition.action, by=by, at=at, card_id=card.id, reason=reason, **transition.details)
    db.session.commit()
    db.session.refresh(card)
    return CardChangeResult(CardChangeOutcome.OK, card)
