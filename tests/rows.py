"""Reading rows back in tests, always fresh from the database rather than the session's cache."""

from sqlalchemy import func, select

from kymppi.extensions import db
from kymppi.models import AuditEvent


def reload(row):
    """The same row as stored now, e.g. after another session or a raw UPDATE changed it."""
    return get_fresh(type(row), row.id)


def get_fresh(model, row_id):
    db.session.expire_all()
    return db.session.get(model, row_id)


def count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def audit_events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))
