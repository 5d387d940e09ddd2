"""What the buyer sees of their own card: visits, history, where it is valid, and what to watch out for."""

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kymppi.extensions import db
from kymppi.models import Card, CheckIn, Course, Term

# Warn in time to use the visits left, or to buy the next card.
EXPIRY_WARNING = timedelta(days=14)
FEW_VISITS = 2


@dataclass(frozen=True)
class CardView:
    card: Card
    today: date
    visits: list[CheckIn]  # the visits taken, newest first; undone ones are not visits
    weekdays: list[tuple[int, list[Course]]]  # (0 = Monday, courses that day by start time)

    @property
    def expires_soon(self) -> bool:
        return self.card.visits_left > 0 and self.today <= self.card.valid_until <= self.today + EXPIRY_WARNING

    @property
    def few_visits_left(self) -> bool:
        return 0 < self.card.visits_left <= FEW_VISITS

    @property
    def expired(self) -> bool:
        return self.card.valid_until < self.today


def card_view(card: Card, today: date) -> CardView:
    visits = db.session.scalars(
        select(CheckIn)
        .where(CheckIn.card_id == card.id, CheckIn.undone_at.is_(None))
        .options(selectinload(CheckIn.course), selectinload(CheckIn.checked_in_by))
        .order_by(CheckIn.session_date.desc(), CheckIn.checked_in_at.desc())
    ).all()
    courses = db.session.scalars(
        select(Course)
        .join(Term)
        .where(
            Course.accepts_cards.is_(True),
            Course.category_id.in_([category.id for category in card.card_type.categories]),
            Term.ends_on >= card.valid_from,
            Term.starts_on <= card.valid_until,
        )
        .order_by(Course.weekday, Course.starts_at, Course.name)
    ).all()
    weekdays = [(weekday, list(group)) for weekday, group in groupby(courses, key=lambda course: course.weekday)]
    return CardView(card=card, today=today, visits=list(visits), weekdays=weekdays)
