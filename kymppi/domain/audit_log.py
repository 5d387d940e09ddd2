"""The admin's search of the audit log: newest first, a page at a time.

Read-only by design: this module and the page on it only select. Events are
written by `kymppi.domain.audit.record` inside the transaction of the change
they describe, and nothing in the app updates or deletes one.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import false, select
from sqlalchemy.orm import selectinload

from kymppi.domain.clock import local_midnight
from kymppi.domain.codes import parse_code
from kymppi.domain.listings import paginate
from kymppi.extensions import db
from kymppi.models import AuditEvent, Card, User


@dataclass(frozen=True)
class AuditFilters:
    """Each one narrows the list; None (or an empty text) means any."""

    action: str | None = None
    actor_id: int | None = None
    card_number: str = ""
    since: date | None = None  # local dates, both ends included
    until: date | None = None


def audit_events(filters: AuditFilters, page: int) -> Pagination:
    """One page of the events the filters match, with each actor and card read in one query apiece."""
    statement = select(AuditEvent).options(selectinload(AuditEvent.actor))
    if filters.action:
        statement = statement.where(AuditEvent.action == filters.action)
    if filters.actor_id is not None:
        statement = statement.where(AuditEvent.actor_id == filters.actor_id)
    if number := card_number(filters.card_number):
        # Only a well-formed number is looked up: anything else (a NUL, which PostgreSQL
        # refuses in a text parameter, or mere junk) names no card.
        well_formed = parse_code(number) == ("number", number)
        card_id = db.session.scalar(select(Card.id).where(Card.number == number)) if well_formed else None
        statement = statement.where(AuditEvent.card_id == card_id if card_id is not None else false())
    if filters.since is not None:
        statement = statement.where(AuditEvent.at >= local_midnight(filters.since))
    if filters.until is not None:
        statement = statement.where(AuditEvent.at < local_midnight(filters.until + timedelta(days=1)))
    return paginate(statement.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()), page)


def card_number(text: str) -> str:
    """A typed card number as stored: "abcd-2345 " → "ABCD2345"."""
    return re.sub(r"[\s-]", "", text).upper()


def card_numbers(card_ids: set[int]) -> dict[int, str]:
    """The numbers of the cards a page of events is about, for links to their pages."""
    if not card_ids:
        return {}
    return {
        card_id: number
        for card_id, number in db.session.execute(select(Card.id, Card.number).where(Card.id.in_(card_ids)))
    }


def actors() -> list[User]:
    """Everyone who may have done something: every account, active or not, by name."""
    return list(db.session.scalars(select(User).order_by(User.name, User.id)))
