"""All models, imported here so `db.metadata` knows every table."""

from kymppi.models.audit import AuditEvent
from kymppi.models.buyer import Buyer
from kymppi.models.card import Card, Receipt, ReceiptCounter
from kymppi.models.card_type import CardType
from kymppi.models.checkin import CheckIn, RefusedScan, VisitTransfer
from kymppi.models.course import Course, CourseCategory
from kymppi.models.enums import CardStatus, CheckInSource, Language, PaymentMethod, Role, TermKind
from kymppi.models.feedback import BuyAgain, FeedbackInvitation, FeedbackMessage, FeedbackRound
from kymppi.models.organization import Organization
from kymppi.models.term import Term
from kymppi.models.user import ApiToken, User

__all__ = [
    "ApiToken",
    "AuditEvent",
    "BuyAgain",
    "Buyer",
    "Card",
    "CardStatus",
    "CardType",
    "CheckIn",
    "CheckInSource",
    "Course",
    "CourseCategory",
    "FeedbackInvitation",
    "FeedbackMessage",
    "FeedbackRound",
    "Language",
    "Organization",
    "PaymentMethod",
    "Receipt",
    "ReceiptCounter",
    "RefusedScan",
    "Role",
    "Term",
    "TermKind",
    "User",
    "VisitTransfer",
]
