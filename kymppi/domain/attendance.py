"""Who came to which session on a card: the rows the office copies into each course's
attendance diary in the registration system.

Only active check-ins count (an undone one was a mistake). The full name is
given, as the diary needs it and only the office sees the export; an
anonymised buyer's row keeps the anonymised name, as the visit still happened.
"""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from kymppi.domain.periods import Period
from kymppi.extensions import db
from kymppi.models import Buyer, Card, CheckIn, Course


@dataclass(frozen=True)
class AttendanceRow:
    course_code: str
    course_name: str
    session_date: date
    card_number: str
    name: str


def attendance(period: Period, course_id: int | None = None) -> list[AttendanceRow]:
    """The period's card visits by course, then session date, then name; one course if `course_id` is given."""
    conditions = [
        CheckIn.undone_at.is_(None),
        CheckIn.session_date >= period.starts_on,
        CheckIn.session_date <= period.ends_on,
    ]
    if course_id is not None:
        conditions.append(CheckIn.course_id == course_id)
    rows = db.session.execute(
        select(Course.code, Course.name, CheckIn.session_date, Card.number, Buyer.name)
        .join(Course, Course.id == CheckIn.course_id)
        .join(Card, Card.id == CheckIn.card_id)
        .join(Buyer, Buyer.id == Card.buyer_id)
        .where(*conditions)
        .order_by(Course.name, Course.code, CheckIn.session_date, Buyer.name, Card.number)
    ).all()
    return [AttendanceRow(*row) for row in rows]
