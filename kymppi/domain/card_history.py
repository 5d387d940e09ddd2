"""What happened to a card: its visits and its audit trail, newest first, for the card page."""

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kymppi.extensions import db
from kymppi.models import AuditEvent, CheckIn


def check_ins_of(card_id: int) -> list[CheckIn]:
    """Every visit of the card, the undone ones too: the office sees what was corrected."""
    return list(
        db.session.scalars(
            select(CheckIn)
            .where(CheckIn.card_id == card_id)
            .options(selectinload(CheckIn.course), selectinload(CheckIn.checked_in_by), selectinload(CheckIn.undone_by))
            .order_by(CheckIn.checked_in_at.desc(), CheckIn.id.desc())
        )
    )


def audit_trail(card_id: int) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.card_id == card_id)
            .options(selectinload(AuditEvent.actor))
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        )
    )


def check_in_on(card_id: int, check_in_id: int) -> CheckIn | None:
    """A visit of this card; a form naming another card's visit finds nothing."""
    check = db.session.get(CheckIn, check_in_id)
    return check if check is not None and check.card_id == card_id else None
