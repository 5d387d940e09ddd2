"""Outcome enums and result objects; the words for people are the UI's (kymppi/answers.py, kymppi/labels.py)."""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from kymppi.models import Card, Receipt


class CheckInOutcome(StrEnum):
    OK = "ok"
    ALREADY_CHECKED_IN = "already_checked_in"
    NO_VISITS_LEFT = "no_visits_left"
    EXPIRED = "expired"
    NOT_YET_VALID = "not_yet_valid"
    CANCELLED = "cancelled"
    REFUNDED = "refunded"
    SUSPENDED = "suspended"
    REPLACED = "replaced"
    COURSE_NOT_ELIGIBLE = "course_not_eligible"
    COURSE_FULL = "course_full"
    UNKNOWN_CARD = "unknown_card"


@dataclass(frozen=True)
class CheckInResult:
    outcome: CheckInOutcome
    card_number: str | None = None
    holder: str | None = None  # first name and initial only
    visits_left: int | None = None
    visits_total: int | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    check_in_id: int | None = None
    # For ok: when this visit was recorded; for already_checked_in: the earlier visit.
    checked_in_at: datetime | None = None
    replayed: bool = False

    @property
    def ok(self) -> bool:
        return self.outcome is CheckInOutcome.OK

    @property
    def refused(self) -> bool:
        """No visit was taken, and none had been taken for this session before."""
        return self.outcome not in (CheckInOutcome.OK, CheckInOutcome.ALREADY_CHECKED_IN)


class UndoOutcome(StrEnum):
    OK = "ok"
    NOT_FOUND = "not_found"
    ALREADY_UNDONE = "already_undone"
    NOT_PERMITTED = "not_permitted"
    REASON_REQUIRED = "reason_required"


@dataclass(frozen=True)
class UndoResult:
    outcome: UndoOutcome
    visits_left: int | None = None
    card: Card | None = None  # where the visit went back: the card the holder now carries


class CardChangeOutcome(StrEnum):
    """Outcomes of the office's changes to a sold card."""

    OK = "ok"
    NOT_FOUND = "not_found"
    NOT_PERMITTED = "not_permitted"
    WRONG_STATUS = "wrong_status"
    REASON_REQUIRED = "reason_required"
    INVALID_AMOUNT = "invalid_amount"
    PERSONAL_CARD = "personal_card"
    NOT_ENOUGH_VISITS = "not_enough_visits"
    SAME_CARD = "same_card"
    EXPIRED = "expired"
    TARGET_UNUSABLE = "target_unusable"  # a transfer's receiving card is not active or has expired


@dataclass(frozen=True)
class CardChangeResult:
    outcome: CardChangeOutcome
    card: Card | None = None  # the changed card; for a replacement, the new one

    @property
    def ok(self) -> bool:
        return self.outcome is CardChangeOutcome.OK


class SaleOutcome(StrEnum):
    OK = "ok"
    DUPLICATE = "duplicate"  # same sale key: the card sold by the first submit
    KEY_REUSED = "key_reused"  # same sale key, different sale: nothing sold
    NOT_PERMITTED = "not_permitted"
    NOT_ON_SALE = "not_on_sale"


@dataclass(frozen=True)
class SaleResult:
    outcome: SaleOutcome
    card: Card | None = None
    receipt: Receipt | None = None
