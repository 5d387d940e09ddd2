"""Reminder emails to buyers, and the buyer's choice to have them or not.

`kymppi remind` runs once a day. Each reminder goes at most once per card: its
timestamp is set only after the mail server took the message, in a transaction
of its own, so a failed send is tried again the next day and a crash halfway
never marks a card whose reminder didn't go.
"""

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from email.message import EmailMessage
from enum import StrEnum

from sqlalchemy import ColumnElement, and_, select, update
from sqlalchemy.orm import InstrumentedAttribute

from kymppi.domain import audit
from kymppi.domain.clock import utcnow
from kymppi.domain.errors import NotFound
from kymppi.extensions import db
from kymppi.mail import MailError, SmtpSettings, send
from kymppi.models import Buyer, Card, CardStatus, Organization
from kymppi.reminder_mail import expiry_message, low_visits_message

LOW_VISITS_LEFT = 2
EXPIRY_NOTICE_DAYS = 7
log = logging.getLogger(__name__)


class ReminderKind(StrEnum):
    LOW_VISITS = "low_visits"
    EXPIRY = "expiry"


@dataclass(frozen=True)
class Reminder:
    reminded_at: InstrumentedAttribute
    message: Callable[[Card, Organization, str], EmailMessage]
    due: Callable[[date], ColumnElement[bool]]


def _low_visits_due(today: date) -> ColumnElement[bool]:
    """Two left, or one if the card jumped past two (a transfer); and still usable today."""
    left = Card.visits_total - Card.visits_used
    return and_(left > 0, left <= LOW_VISITS_LEFT, Card.valid_from <= today, Card.valid_until >= today)


def _expiry_due(today: date) -> ColumnElement[bool]:
    """The last valid day within the coming week, with visits still unused."""
    left = Card.visits_total - Card.visits_used
    return and_(left > 0, Card.valid_until > today, Card.valid_until <= today + timedelta(days=EXPIRY_NOTICE_DAYS))


REMINDERS = {
    ReminderKind.LOW_VISITS: Reminder(Card.low_visits_reminded_at, low_visits_message, _low_visits_due),
    ReminderKind.EXPIRY: Reminder(Card.expiry_reminded_at, expiry_message, _expiry_due),
}


@dataclass
class RemindResult:
    sent: Counter[ReminderKind] = field(default_factory=Counter)
    failed: Counter[ReminderKind] = field(default_factory=Counter)

    @property
    def all_sent(self) -> bool:
        return not any(self.failed.values())


def send_reminders(*, today: date, base_url: str, settings: SmtpSettings, organization: Organization) -> RemindResult:
    """Send every reminder due `today`; one card's failed send doesn't stop the others."""
    result = RemindResult()
    for kind, reminder in REMINDERS.items():
        for card_id in due_cards(reminder, today):
            if _remind(card_id, reminder, base_url=base_url, settings=settings, organization=organization):
                result.sent[kind] += 1
            else:
                result.failed[kind] += 1
                # The card id only: the log holds no names or addresses.
                log.warning("%s reminder for card id %s not sent; tried again on the next run", kind, card_id)
    for kind in REMINDERS:
        log.info("%s reminders: %d sent, %d failed", kind, result.sent[kind], result.failed[kind])
    return result


def due_cards(reminder: Reminder, today: date) -> list[int]:
    """Active cards due this reminder whose buyer can and wants to get it."""
    statement = (
        select(Card.id)
        .join(Card.buyer)
        .where(
            Card.status == CardStatus.ACTIVE,
            reminder.reminded_at.is_(None),
            reminder.due(today),
            Buyer.email.is_not(None),
            Buyer.email != "",
            Buyer.reminders.is_(True),
            Buyer.anonymized_at.is_(None),
        )
        .order_by(Card.id)
    )
    return list(db.session.scalars(statement))


def _remind(
    card_id: int, reminder: Reminder, *, base_url: str, settings: SmtpSettings, organization: Organization
) -> bool:
    message = reminder.message(db.session.get(Card, card_id), organization, base_url)
    # No transaction stays open while the mail server takes its time.
    db.session.rollback()
    try:
        send(message, settings)
    except MailError:
        return False
    db.session.execute(
        update(Card)
        .where(Card.id == card_id, reminder.reminded_at.is_(None))
        .values({reminder.reminded_at: utcnow()})
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    return True


def set_reminders(card_id: int, wanted: bool, *, at: datetime | None = None) -> None:
    """The buyer's choice, made on their card page; it covers all their cards.

    The card link is all a buyer has to prove who they are, so the card stands
    for them. The audit event names the card only, no personal data.
    """
    card = db.session.get(Card, card_id)
    if card is None:
        raise NotFound(f"card {card_id}")
    if card.buyer.reminders is wanted:
        return
    card.buyer.reminders = wanted
    action = "reminders_turned_on" if wanted else "reminders_turned_off"
    audit.record(action, by=None, at=at or utcnow(), card_id=card.id)
    db.session.commit()
