"""The opisto running this installation: one settings row, with a fallback before it exists."""

import math
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from kymppi.domain import audit
from kymppi.domain.errors import InvalidInput, check_text
from kymppi.domain.look import DEFAULT_ACCENT, MINIMUM_CONTRAST, is_hex_colour, weakest_contrast
from kymppi.extensions import db
from kymppi.formatting import decimal_text
from kymppi.models import Organization, User
from kymppi.models.organization import DEFAULT_ANONYMIZE_AFTER_MONTHS

FALLBACK_NAME = "Kansalaisopisto"


def opisto() -> Organization:
    """The settings row; an unsaved default until the admin has filled it in,
    so documents and emails always have a name to print."""
    organization = db.session.scalars(select(Organization).order_by(Organization.id).limit(1)).first()
    return organization or Organization(
        name=FALLBACK_NAME,
        business_id="",
        address="",
        email="",
        phone="",
        privacy_notice_url="",
        accent_colour=DEFAULT_ACCENT,
        anonymize_after_months=DEFAULT_ANONYMIZE_AFTER_MONTHS,
    )


@dataclass(frozen=True)
class OrganizationDetails:
    name: str
    business_id: str
    address: str
    email: str
    phone: str
    privacy_notice_url: str
    accent_colour: str


_TEXTS = ("name", "business_id", "address", "email", "phone", "privacy_notice_url")


def save_settings(details: OrganizationDetails, *, by: User, at: datetime) -> Organization:
    """Save the opisto's settings, creating the row the first time; a colour white text can't be read on is refused."""
    for name in _TEXTS:
        check_text(name, getattr(details, name), getattr(Organization, name))
    if not details.name.strip():
        raise InvalidInput("name", _l("Anna opiston nimi."))
    colour = details.accent_colour.strip().lower()
    if not is_hex_colour(colour):
        raise InvalidInput("accent_colour", _l("Anna väri muodossa #rrggbb, esimerkiksi #0b5cad."))
    ratio = weakest_contrast(colour)
    if ratio < MINIMUM_CONTRAST:
        shown = decimal_text(math.floor(ratio * 10) / 10)  # floored: 4,46 must not read as an accepted 4,5
        raise InvalidInput(
            "accent_colour",
            _l(
                "Valkoinen teksti tällä värillä jää liian heikoksi (kontrasti %(ratio)s:1, vähintään 4,5:1). "
                "Valitse tummempi väri.",
                ratio=shown,
            ),
        )
    organization = db.session.scalars(select(Organization).order_by(Organization.id).limit(1)).first()
    if organization is None:
        organization = Organization()
        db.session.add(organization)
    wanted = {name: getattr(details, name).strip() for name in _TEXTS} | {"accent_colour": colour}
    # The fields changed are named, not their values: the opisto's email or phone may be a person's.
    changed = [name for name, value in wanted.items() if getattr(organization, name) != value]
    for name in changed:
        setattr(organization, name, wanted[name])
    db.session.flush()
    audit.record("organization_saved", by=by, at=at, fields=changed, accent_colour=colour)
    db.session.commit()
    return organization
