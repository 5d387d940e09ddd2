"""Who bought a card for a period: the term-end buyer list and the feedback round's recipients.

A buyer belongs to a period when one of their cards is valid on some day of
it. Anonymised buyers (rule 12) are never listed. Only buyers who gave their
feedback consent (rule 11) may be contacted, so `contactable` is the one
place that rule is written, shared by the list, its exports and the round.

The rows come in a fixed number of queries whatever their count: both counts
(with and without consent) in one, the page of buyers (when paged), buyers
and cards in one, and one aggregate of the cards' check-ins per course.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, Select, and_, func, select

from kymppi.domain.listings import paginate
from kymppi.domain.periods import Period
from kymppi.extensions import db
from kymppi.models import Buyer, Card, CardStatus, CheckIn, Course, Language

# A replaced card's visits left moved to its new card; a cancelled or refunded card's are void.
STILL_USABLE = frozenset({CardStatus.ACTIVE, CardStatus.SUSPENDED})


@dataclass(frozen=True)
class BuyerFilters:
    consent_only: bool = True
    card_type_id: int | None = None
    status: CardStatus | None = None


@dataclass
class BuyerRow:
    buyer_id: int
    name: str
    email: str | None
    phone: str | None
    language: Language
    feedback_consent: bool
    new_customer: bool
    card_numbers: list[str] = field(default_factory=list)
    visits_used: int = 0
    visits_left: int = 0
    courses: list[str] = field(default_factory=list)
    last_visit: datetime | None = None


@dataclass(frozen=True)
class BuyerList:
    rows: list[BuyerRow]
    # The period's buyers (under the same card filters) who gave no feedback consent.
    without_consent: int
    consent_only: bool
    pagination: Pagination | None = None

    @property
    def total(self) -> int:
        return self.pagination.total if self.pagination is not None else len(self.rows)

    @property
    def contactable(self) -> int:
        """How many of the listed buyers an export or a feedback round may contact."""
        return self.total if self.consent_only else self.total - self.without_consent


def contactable() -> ColumnElement[bool]:
    """Rule 11: a buyer is contacted for feedback only with their explicit consent, and never once anonymised."""
    return and_(Buyer.feedback_consent.is_(True), Buyer.anonymized_at.is_(None))


def _cards_in(period: Period, filters: BuyerFilters) -> list[ColumnElement[bool]]:
    conditions = [Card.valid_from <= period.ends_on, Card.valid_until >= period.starts_on]
    if filters.card_type_id is not None:
        conditions.append(Card.card_type_id == filters.card_type_id)
    if filters.status is not None:
        conditions.append(Card.status == filters.status)
    return conditions


def term_buyers(period: Period, filters: BuyerFilters = BuyerFilters(), *, page: int | None = None) -> BuyerList:
    """Every buyer with a matching card valid in `period`, by name; figures cover those cards only.

    With `page`, one page of the list (the office's table); without, all of it (the exports, the round).
    The period's buyers are found from the cards (`ix_card_validity` holds the period and the buyer)
    and both counts come in one pass, so a page reads the period's cards three times, not every card.
    """
    cards = _cards_in(period, filters)
    listed = [Buyer.id.in_(select(Card.buyer_id).where(*cards)), Buyer.anonymized_at.is_(None)]
    consenting, without_consent = db.session.execute(
        select(
            func.count().filter(Buyer.feedback_consent.is_(True)),
            func.count().filter(Buyer.feedback_consent.is_(False)),
        ).where(*listed)
    ).one()
    if filters.consent_only:
        listed.append(contactable())
    buyers = select(Buyer.id).where(*listed)
    pagination = None
    if page is not None:
        total = consenting if filters.consent_only else consenting + without_consent
        pagination = paginate(buyers.order_by(Buyer.name, Buyer.id), page, total=total)
        buyers = pagination.items
    chosen = [*cards, Card.buyer_id.in_(buyers)]
    # Columns, not ORM objects: an export holds 10 000 buyers and twice as many cards.
    pairs = db.session.execute(
        select(
            Buyer.id,
            Buyer.name,
            Buyer.email,
            Buyer.phone,
            Buyer.language,
            Buyer.feedback_consent,
            Buyer.new_customer,
            Card.number,
            Card.status,
            Card.visits_used,
            Card.visits_total,
        )
        .join(Card, Card.buyer_id == Buyer.id)
        .where(*chosen)
        .order_by(Buyer.name, Buyer.id, Card.number)
    ).all()
    rows: dict[int, BuyerRow] = {}
    for *buyer, number, status, used, total in pairs:
        row = rows.get(buyer[0])
        if row is None:
            row = rows[buyer[0]] = BuyerRow(*buyer)
        row.card_numbers.append(number)
        row.visits_used += used
        row.visits_left += total - used if status in STILL_USABLE else 0
    _add_visits(rows, select(Card.id).where(*chosen))
    return BuyerList(list(rows.values()), without_consent or 0, filters.consent_only, pagination)


def _add_visits(rows: dict[int, BuyerRow], listed_cards: Select) -> None:
    """Courses attended and the last visit, from the listed cards' active check-ins, per buyer in SQL.

    The cards are a subquery, not a list of ids: an export's 20 000 would pass the databases' limits
    on parameters in one statement.
    """
    if not rows:
        return
    visits = db.session.execute(
        select(Card.buyer_id, Course.name, func.max(CheckIn.checked_in_at))
        .join(Card, Card.id == CheckIn.card_id)
        .join(Course, Course.id == CheckIn.course_id)
        .where(CheckIn.card_id.in_(listed_cards), CheckIn.undone_at.is_(None))
        .group_by(Card.buyer_id, Course.name)
    ).all()
    courses: dict[int, set[str]] = defaultdict(set)
    for buyer_id, course_name, last in visits:
        row = rows[buyer_id]
        courses[buyer_id].add(course_name)
        if row.last_visit is None or last > row.last_visit:
            row.last_visit = last
    for buyer_id, names in courses.items():
        rows[buyer_id].courses = sorted(names)
