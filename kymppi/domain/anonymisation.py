"""Rule 12: a buyer's personal data is anonymised a configured time after their last card expired.

`kymppi purge` runs it (daily, beside `kymppi remind`). The buyer row stays,
so the cards, visits and money of past terms still add up in the reports;
what could identify the person goes: name, email, phone, municipality, and
the free text of their survey answers (their ratings stay, as counts). The
buyer is never contacted again: consent and reminders are switched off.

A buyer is due when none of their cards is valid on or after the cut-off
day (today minus the organisation's `anonymize_after_months`); a buyer with
no card at all counts from the day they were added. The UPDATE checks the
same condition again, so a card sold to the buyer after they were listed
keeps them as they are.
"""

import calendar
import logging
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import and_, exists, not_, or_, select, update

from kymppi.domain import audit
from kymppi.domain.clock import local_midnight
from kymppi.extensions import db
from kymppi.models import Buyer, Card, FeedbackInvitation

ANONYMISED_NAME = "Anonymisoitu"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Purge:
    cutoff: date
    buyer_ids: list[int]
    anonymised: int  # 0 on a dry run


def months_before(day: date, months: int) -> date:
    """The same day `months` calendar months earlier; the month's last day where it has no such day (31.8. → 28.2.)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _due(cutoff: date):
    still_valid = exists().where(Card.buyer_id == Buyer.id, Card.valid_until >= cutoff)
    has_cards = exists().where(Card.buyer_id == Buyer.id)
    added_before = Buyer.created_at < local_midnight(cutoff)
    return and_(Buyer.anonymized_at.is_(None), not_(still_valid), or_(has_cards, added_before))


def buyers_due(cutoff: date) -> list[int]:
    return list(db.session.scalars(select(Buyer.id).where(_due(cutoff)).order_by(Buyer.id)))


def purge_buyers(*, today: date, months: int, at: datetime, dry_run: bool = False) -> Purge:
    """Anonymise every buyer due on `today`; with `dry_run`, only say who would be."""
    cutoff = months_before(today, months)
    due = buyers_due(cutoff)
    if dry_run:
        return Purge(cutoff, due, 0)
    anonymised = sum(_anonymise(buyer_id, cutoff, at) for buyer_id in due)
    log.info("purge: %d buyers anonymised (last card valid before %s)", anonymised, cutoff.isoformat())
    return Purge(cutoff, due, anonymised)


def _anonymise(buyer_id: int, cutoff: date, at: datetime) -> bool:
    done = db.session.execute(
        update(Buyer)
        .where(Buyer.id == buyer_id, _due(cutoff))
        .values(
            name=ANONYMISED_NAME,
            email=None,
            phone=None,
            municipality=None,
            feedback_consent=False,
            reminders=False,
            anonymized_at=at,
            search_text="",
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if not done:
        db.session.rollback()
        return False
    db.session.execute(
        update(FeedbackInvitation)
        .where(FeedbackInvitation.buyer_id == buyer_id)
        .values(good=None, improve=None, comment=None, token_hash=None)
        .execution_options(synchronize_session=False)
    )
    audit.record("buyer_anonymised", by=None, at=at, buyer_id=buyer_id, cutoff=cutoff.isoformat())
    db.session.commit()
    return True
