"""Closed sets of values stored in the database.

Stored as their string values in plain VARCHAR columns (no native PostgreSQL
enum types), so adding a value is a code change, not a schema migration.
"""

from enum import StrEnum

from sqlalchemy import Enum


class Role(StrEnum):
    OFFICE = "office"
    INSTRUCTOR = "instructor"
    ADMIN = "admin"


# Who may sell and change cards; admin can do everything the office can.
OFFICE_ROLES = frozenset({Role.OFFICE, Role.ADMIN})


class TermKind(StrEnum):
    AUTUMN = "autumn"
    SPRING = "spring"


class Language(StrEnum):
    FI = "fi"
    SV = "sv"
    EN = "en"


class CardStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"
    REPLACED = "replaced"


class PaymentMethod(StrEnum):
    CASH = "cash"
    PAYMENT_CARD = "payment_card"
    INVOICE = "invoice"
    EPASSI = "epassi"
    SMARTUM = "smartum"
    EDENRED = "edenred"
    OTHER = "other"

    @property
    def is_sport_benefit(self) -> bool:
        """Employer sport benefits (liikuntaetu) are personal: rule 9."""
        return self in SPORT_BENEFITS


SPORT_BENEFITS = frozenset({PaymentMethod.EPASSI, PaymentMethod.SMARTUM, PaymentMethod.EDENRED})


class CheckInSource(StrEnum):
    CAMERA = "camera"
    SCANNER = "scanner"
    MANUAL = "manual"
    OFFLINE = "offline"


def enum_type(enum_cls: type[StrEnum]) -> Enum:
    """A VARCHAR column type holding the enum's values, checked by SQLAlchemy."""
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        length=max(len(m.value) for m in enum_cls) + 8,
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
    )
