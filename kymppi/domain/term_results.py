"""The results report for management: how the card sold and how it was used in a period.

Which cards and events belong to a period, written once here and in one line
on the page (`SCOPE`):

- Sales, customers and revenue: cards *sold* in the period, and refunds
  *paid back* in it (`kymppi.domain.payments`). Revenue is net: the prices
  paid minus the refunds (`Card.refunded_cents`), both counted on their own
  day, so the figures match the payment reconciliation to the cent.
- Visits per course and weekday: active check-ins (not undone) at the
  period's sessions.
- Utilisation, used-up and expired cards: the cards *valid* on some day of
  the period, as they stand on `today`. A replacement card and the lost card
  it replaced are one card: the lost one's used visits count, its unused
  ones travelled to the replacement. A refunded card's unused visits were
  paid back, so they are not counted as sold.

- Feedback: the period's latest feedback round (`kymppi.domain.feedback_results`).

The figures come from six queries whatever the size of the period: the
sales counted per week (or month) and payment method, their buyers, the
refunds, one aggregate over the cards, one count of check-ins per session
and course and the names of those courses; the feedback round adds its own
few. The report is a
tree of plain dataclasses, so the page, the charts and the PDF read the same
figures.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, case, func, select

from kymppi.domain.feedback_results import FeedbackResults, round_for_period, round_results
from kymppi.domain.payments import Payment, refunds_in, sales_summary
from kymppi.domain.periods import Period
from kymppi.domain.reconciliation import Tally, tally_by_method, total_of
from kymppi.extensions import db
from kymppi.models import Card, CardStatus, CheckIn, Course

SCOPE = _l(
    "Myynti ja asiakkaat: ajalla myydyt kortit; tulot: myynti miinus ajalla maksetut hyvitykset; "
    "käynnit: ajan kurssikerrat; käyttöaste, loppuun käytetyt ja vanhentuneet: ajalla voimassa olleet kortit."
)
# Longer than this, sales are counted per month: a hundred years of weekly bars says nothing.
MAX_WEEKS = 53


@dataclass(frozen=True)
class SalesBucket:
    """Cards sold in one week (starting Monday) or, for a long period, one calendar month."""

    starts_on: date
    cards: int
    week: int | None = None  # the ISO week number; None for a month

    @property
    def label(self) -> str:
        """ "vk 36" in the table, "11/2026" for a month; the chart's axis shows the bare number."""
        return _("vk %(week)s", week=self.week) if self.week is not None else self.short_label

    @property
    def short_label(self) -> str:
        return str(self.week) if self.week is not None else f"{self.starts_on.month}/{self.starts_on.year}"


@dataclass(frozen=True)
class CourseVisits:
    code: str
    name: str
    visits: int
    sessions: int  # sessions at which at least one card holder checked in
    id: int  # the attendance export's course choice


@dataclass(frozen=True)
class WeekdayVisits:
    weekday: int  # 0 = Monday
    visits: int


@dataclass(frozen=True)
class Sales:
    cards: int
    buckets: list[SalesBucket]
    by_week: bool  # False when the buckets are months
    new_customers: int
    returning_customers: int
    methods: list[Tally]  # every payment method, zeros included
    total: Tally


@dataclass(frozen=True)
class Visits:
    total: int
    by_course: list[CourseVisits]  # most visited first
    by_weekday: list[WeekdayVisits]  # Monday to Sunday, zeros included


@dataclass(frozen=True)
class CardUse:
    cards: int
    visits_sold: int
    visits_used: int
    used_up: int
    expired_cards: int
    expired_visits: int

    @property
    def utilisation(self) -> float | None:
        """Visits used / visits sold; None when no visits were sold."""
        return self.visits_used / self.visits_sold if self.visits_sold else None


@dataclass(frozen=True)
class TermResults:
    period: Period
    today: date
    sales: Sales
    visits: Visits
    card_use: CardUse
    feedback: FeedbackResults | None  # None when no round was run for the period


def term_results(period: Period, *, today: date) -> TermResults:
    round_id = round_for_period(period)
    return TermResults(
        period,
        today,
        _sales(period, refunds_in(period)),
        _visits(period),
        _card_use(period, today),
        round_results(round_id) if round_id is not None else None,
    )


def _sales(period: Period, refunds: list[Payment]) -> Sales:
    """A buyer is counted once however many cards they bought; new or returning as asked at their sale."""
    by_week = len(period.days) <= MAX_WEEKS * 7
    starts = _mondays(period) if by_week else _months(period)
    summary = sales_summary(period, starts)
    tallies = tally_by_method([], refunds)
    cards: Counter[int] = Counter()
    for (bucket, method), (count, cents) in summary.sold.items():
        tallies[method].add_sales(count, cents)
        cards[bucket] += count
    buckets = [SalesBucket(day, cards[n], day.isocalendar().week if by_week else None) for n, day in enumerate(starts)]
    if not by_week:
        buckets = _from_first_sale_to_last(buckets)
    methods = list(tallies.values())
    total = total_of(methods)
    return Sales(total.sales, buckets, by_week, summary.new_buyers, summary.returning_buyers, methods, total)


def _mondays(period: Period) -> list[date]:
    """Every week the period touches, empty ones too, so the chart's time axis has no gaps."""
    monday, mondays = period.starts_on - timedelta(days=period.starts_on.weekday()), []
    while monday <= period.ends_on:
        mondays.append(monday)
        monday += timedelta(weeks=1)
    return mondays


def _months(period: Period) -> list[date]:
    month, months = period.starts_on.replace(day=1), []
    while month <= period.ends_on:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _from_first_sale_to_last(buckets: list[SalesBucket]) -> list[SalesBucket]:
    """The months from the first sale to the last: a long period is mostly empty at its ends."""
    sold = [n for n, bucket in enumerate(buckets) if bucket.cards]
    return buckets[sold[0] : sold[-1] + 1] if sold else []


def _visits(period: Period) -> Visits:
    """Active check-ins counted per session and course in SQL, in the order of `ix_check_in_active_by_date`
    (a range of it, no sort); the session's local date gives the weekday, the course's names come after."""
    rows = db.session.execute(
        select(CheckIn.course_id, CheckIn.session_date, func.count())
        .where(
            CheckIn.undone_at.is_(None),
            CheckIn.session_date >= period.starts_on,
            CheckIn.session_date <= period.ends_on,
        )
        .group_by(CheckIn.session_date, CheckIn.course_id)
    ).all()
    visits: Counter[int] = Counter()
    sessions: Counter[int] = Counter()
    weekdays: Counter[int] = Counter()
    for course_id, session_date, count in rows:
        visits[course_id] += count
        sessions[course_id] += 1
        weekdays[session_date.weekday()] += count
    names = db.session.execute(select(Course.id, Course.code, Course.name).where(Course.id.in_(visits)))
    by_course = [CourseVisits(code, name, visits[id_], sessions[id_], id_) for id_, code, name in names]
    by_course.sort(key=lambda course: (-course.visits, course.name, course.code))
    return Visits(sum(visits.values()), by_course, [WeekdayVisits(weekday, weekdays[weekday]) for weekday in range(7)])


def _card_use(period: Period, today: date) -> CardUse:
    """One aggregate over the cards valid in the period.

    Each sold card has exactly one card that is not "replaced" (itself or its
    latest replacement), so those are the ones counted as cards. A card has
    expired with visits unused when it is active, its validity ended before
    `today` and by the period's end (so a report run mid-term counts only what
    has already gone), and visits are left on it; a suspended card is not
    expired, as resuming it extends its validity.
    """
    left = Card.visits_total - Card.visits_used
    held = Card.status != CardStatus.REPLACED
    sold_unused = Card.status.not_in([CardStatus.REPLACED, CardStatus.REFUNDED])
    expired = and_(
        Card.status == CardStatus.ACTIVE,
        Card.valid_until < today,
        Card.valid_until <= period.ends_on,
        left > 0,
    )
    row = db.session.execute(
        select(
            func.count(case((held, Card.id))),
            func.coalesce(func.sum(Card.visits_used), 0),
            func.coalesce(func.sum(case((sold_unused, left), else_=0)), 0),
            func.count(case((and_(held, left == 0), Card.id))),
            func.count(case((expired, Card.id))),
            func.coalesce(func.sum(case((expired, left), else_=0)), 0),
        ).where(Card.valid_from <= period.ends_on, Card.valid_until >= period.starts_on)
    ).one()
    cards, used, unused, used_up, expired_cards, expired_visits = (int(value) for value in row)
    return CardUse(cards, used + unused, used, used_up, expired_cards, expired_visits)
