"""Replacing a lost card (rule 7) and moving unused visits between cards (rule 9)."""

from datetime import datetime

from sqlalchemy import select, update

from kymppi.domain import audit
from kymppi.domain.card_status import office_refusal
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.codes import new_card_number, new_secret
from kymppi.domain.outcomes import CardChangeOutcome, CardChangeResult
from kymppi.extensions import db
from kymppi.models import Card, CardStatus, User, VisitTransfer
from kymppi.models.enums import SPORT_BENEFITS


def replace_card(card_id: int, *, by: User, reason: str, at: datetime | None = None) -> CardChangeResult:
    """Issue a new card with a new QR secret and the old one's visits left.

    The old card becomes "replaced" first, in the same transaction, so a scan of
    the lost card racing with the replacement can't use a visit that is being
    carried over: the conditional check-in UPDATE needs status active.
    """
    at = at or utcnow()
    reason = (reason or "").strip()
    if (refusal := office_refusal(by, reason)) is not None:
        return refusal
    old = db.session.get(Card, card_id)
    if old is None:
        return CardChangeResult(CardChangeOutcome.NOT_FOUND)
    retired = db.session.execute(
        update(Card)
        .where(Card.id == card_id, Card.status == CardStatus.ACTIVE)
        .values(status=CardStatus.REPLACED, status_reason=reason)
        .execution_options(synchronize_session=False)
    )
    if retired.rowcount != 1:
        db.session.rollback()
        return CardChangeResult(CardChangeOutcome.WRONG_STATUS, old)
    db.session.refresh(old)
    new = _successor(old, by=by, at=at)
    old.replaced_by_id = new.id
    audit.record(
        "card_replaced",
        by=by,
        at=at,
        card_id=old.id,
        new_card_id=new.id,
        reason=reason,
        visits_carried=new.visits_total,
    )
    audit.record("card_issued_as_replacement", by=by, at=at, card_id=new.id, old_card_id=old.id)
    db.session.commit()
    return CardChangeResult(CardChangeOutcome.OK, new)


def _successor(old: Card, *, by: User, at: datetime) -> Card:
    """The new card: new number and secret, the old one's visits left, validity and reminders sent.

    Nothing is sold: the price stays on the original card and its receipt, but
    the payment method travels so a sport-benefit card stays personal.
    """
    new = Card(
        number=new_card_number(),
        secret=new_secret(),
        card_type_id=old.card_type_id,
        buyer_id=old.buyer_id,
        visits_total=old.visits_left,
        valid_from=old.valid_from,
        valid_until=old.valid_until,
        price_cents=0,
        payment_method=old.payment_method,
        payment_reference=old.payment_reference,
        sold_by_id=by.id,
        sold_at=at,
        # The buyer holds the same visits on a new card: reminders already sent don't come twice.
        low_visits_reminded_at=old.low_visits_reminded_at,
        expiry_reminded_at=old.expiry_reminded_at,
    )
    db.session.add(new)
    db.session.flush()
    return new


def transfer_visits(
    from_card_id: int, to_card_id: int, visits: int, *, by: User, reason: str, at: datetime | None = None
) -> CardChangeResult:
    """Move unused visits to another card; sport-benefit cards are personal and refuse."""
    at = at or utcnow()
    reason = (reason or "").strip()
    if (refusal := office_refusal(by, reason)) is not None:
        return refusal
    if visits < 1:
        return CardChangeResult(CardChangeOutcome.INVALID_AMOUNT)
    if from_card_id == to_card_id:
        return CardChangeResult(CardChangeOutcome.SAME_CARD)
    source, target = db.session.get(Card, from_card_id), db.session.get(Card, to_card_id)
    if source is None or target is None:
        return CardChangeResult(CardChangeOutcome.NOT_FOUND)
    if source.payment_method.is_sport_benefit:
        return CardChangeResult(CardChangeOutcome.PERSONAL_CARD, source)
    today = local_date(at)
    if source.status is not CardStatus.ACTIVE:
        return CardChangeResult(CardChangeOutcome.WRONG_STATUS, source)
    # An expired card's visits are gone; moving them would bring them back to life.
    if today > source.valid_until:
        return CardChangeResult(CardChangeOutcome.EXPIRED, source)
    if target.status is not CardStatus.ACTIVE or today > target.valid_until:
        return CardChangeResult(CardChangeOutcome.TARGET_UNUSABLE, source)
    if (refusal := _move_visits(source, target, visits)) is not None:
        db.session.rollback()
        return refusal
    db.session.add(
        VisitTransfer(
            from_card_id=source.id,
            to_card_id=target.id,
            visits=visits,
            reason=reason,
            transferred_by_id=by.id,
            transferred_at=at,
        )
    )
    audit.record(
        "visits_transferred_out", by=by, at=at, card_id=source.id, to_card_id=target.id, visits=visits, reason=reason
    )
    audit.record("visits_transferred_in", by=by, at=at, card_id=target.id, from_card_id=source.id, visits=visits)
    db.session.commit()
    db.session.refresh(source)
    return CardChangeResult(CardChangeOutcome.OK, source)


def _move_visits(source: Card, target: Card, visits: int) -> CardChangeResult | None:
    """Take the visits from `source` and give them to `target`, or say why not.

    Both rows are locked first, in id order: two opposite transfers between the
    same cards would otherwise each hold one row and wait for the other
    (PostgreSQL reports a deadlock). SQLite's single write lock needs no order.
    """
    db.session.execute(
        select(Card.id).where(Card.id.in_([source.id, target.id])).order_by(Card.id).with_for_update(key_share=True)
    )
    taken = db.session.execute(
        update(Card)
        .where(
            Card.id == source.id,
            Card.status == CardStatus.ACTIVE,
            Card.payment_method.not_in(SPORT_BENEFITS),
            Card.visits_total - Card.visits_used >= visits,
        )
        .values(visits_total=Card.visits_total - visits)
        .execution_options(synchronize_session=False)
    )
    if taken.rowcount != 1:
        return CardChangeResult(CardChangeOutcome.NOT_ENOUGH_VISITS, source)
    given = db.session.execute(
        update(Card)
        .where(Card.id == target.id, Card.status == CardStatus.ACTIVE)
        .values(visits_total=Card.visits_total + visits)
        .execution_options(synchronize_session=False)
    )
    if given.rowcount != 1:
        return CardChangeResult(CardChangeOutcome.TARGET_UNUSABLE, source)
    return None
