"""The opisto running this installation: one settings row, with a fallback before it exists."""

from sqlalchemy import select

from kymppi.extensions import db
from kymppi.models import Organization

FALLBACK_NAME = "Kansalaisopisto"


def opisto() -> Organization:
    """The settings row; an unsaved default until the admin has filled it in,
    so documents and emails always have a name to print."""
    organization = db.session.scalars(select(Organization).order_by(Organization.id).limit(1)).first()
    return organization or Organization(name=FALLBACK_NAME, business_id="", address="", email="", phone="")
