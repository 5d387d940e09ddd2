"""Writing to the audit log inside the caller's transaction."""

from datetime import datetime
from typing import Any

from kymppi.extensions import db
from kymppi.models import AuditEvent, User


def record(action: str, *, by: User | None, at: datetime, card_id: int | None = None, **details: Any) -> None:
    """Add an audit event; it commits or rolls back with the change it describes."""
    db.session.add(AuditEvent(at=at, actor_id=by.id if by else None, action=action, card_id=card_id, details=details))
