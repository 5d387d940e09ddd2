"""A course session as the instructor at the door sees it: today's courses, who is in, who may come.

The offline roster lets a tablet judge scans while the server can't be
reached. It carries no card secrets: each card is listed under an HMAC of its
secret, keyed per course and day, so a copy taken from a tablet can't be
turned back into working QR codes, and a key from one session says nothing
about another.
"""

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from kymppi.domain.catalog_queries import row_by_id
from kymppi.extensions import db
from kymppi.models import Card, CardStatus, CheckIn, Course, Term, User
from kymppi.models.card_type import card_type_category


@dataclass(frozen=True)
class TodaysCourses:
    own: list[Course]  # the instructor's own courses come first on the tablet
    others: list[Course]  # colleagues' courses, for standing in
    other_days: list[Course]  # this term's courses that meet on another weekday: a session moved to today


def todays_courses(user: User, today: date) -> TodaysCourses:
    """The card-accepting courses of the terms running today, today's in the order they start."""
    courses = db.session.scalars(
        select(Course)
        .join(Term)
        .where(Course.accepts_cards.is_(True), Term.starts_on <= today, Term.ends_on >= today)
        .options(selectinload(Course.instructors))
        .order_by(Course.weekday, Course.starts_at, Course.name)
    ).all()
    meeting = [course for course in courses if course.weekday == today.weekday()]
    own = [course for course in meeting if user in course.instructors]
    return TodaysCourses(
        own=own,
        others=[course for course in meeting if course not in own],
        other_days=[course for course in courses if course.weekday != today.weekday()],
    )


def check_in_by_id(check_in_id: int) -> CheckIn:
    return row_by_id(CheckIn, check_in_id)


def session_check_ins(course_id: int, day: date) -> list[CheckIn]:
    """Who is in this session, newest first; undone visits are not in."""
    return list(
        db.session.scalars(
            select(CheckIn)
            .where(CheckIn.course_id == course_id, CheckIn.session_date == day, CheckIn.undone_at.is_(None))
            .options(selectinload(CheckIn.card).selectinload(Card.buyer), selectinload(CheckIn.checked_in_by))
            .order_by(CheckIn.checked_in_at.desc(), CheckIn.id.desc())
        )
    )


def _cards_for(course: Course, day: date, *, statuses: frozenset[CardStatus]):
    """Cards of a type valid on the course's category whose validity covers `day`."""
    eligible_types = select(card_type_category.c.card_type_id).where(
        card_type_category.c.category_id == course.category_id
    )
    return (
        select(Card)
        .where(
            Card.card_type_id.in_(eligible_types),
            Card.valid_from <= day,
            Card.valid_until >= day,
            Card.status.in_(statuses),
        )
        .options(selectinload(Card.buyer))
    )


def paper_roster(course: Course, day: date) -> list[Card]:
    """The paper fallback: every card that may check in to this session, by holder."""
    if not course.accepts_cards:
        return []
    cards = db.session.scalars(_cards_for(course, day, statuses=frozenset({CardStatus.ACTIVE}))).all()
    return sorted(cards, key=lambda card: (card.buyer.display_name.casefold(), card.number))


@dataclass(frozen=True)
class OfflineCard:
    hash: str
    number: str
    holder: str
    visits_left: int
    valid_from: date
    valid_until: date
    status: CardStatus
    checked_in_at: datetime | None  # when the card came in to this session, if it has


@dataclass(frozen=True)
class OfflineRoster:
    course: Course
    day: date
    key: str  # hex; the tablet computes HMAC-SHA256(key, secret) of what it scans
    session_count: int  # active check-ins so far, for the course cap
    cards: list[OfflineCard]


def offline_key(secret_key: str, course_id: int, day: date) -> bytes:
    message = f"offline-roster:{course_id}:{day.isoformat()}".encode()
    return hmac.new(secret_key.encode(), message, hashlib.sha256).digest()


def secret_hash(key: bytes, secret: str) -> str:
    return hmac.new(key, secret.encode(), hashlib.sha256).hexdigest()


def offline_roster(course: Course, day: date, *, secret_key: str) -> OfflineRoster:
    """Every card a scan at this session could find, refused ones too, so offline answers match online ones.

    Cards of other categories are left out: offline they are "not on the
    roster", which the tablet queues for the server to judge.
    """
    key = offline_key(secret_key, course.id, day)
    checked_in = dict(
        db.session.execute(
            select(CheckIn.card_id, CheckIn.checked_in_at).where(
                CheckIn.course_id == course.id, CheckIn.session_date == day, CheckIn.undone_at.is_(None)
            )
        ).all()
    )
    cards = db.session.scalars(_cards_for(course, day, statuses=frozenset(CardStatus))).all()
    return OfflineRoster(
        course=course,
        day=day,
        key=key.hex(),
        session_count=len(checked_in),
        cards=[
            OfflineCard(
                hash=secret_hash(key, card.secret),
                number=card.number,
                holder=card.buyer.display_name,
                visits_left=card.visits_left,
                valid_from=card.valid_from,
                valid_until=card.valid_until,
                status=card.status,
                checked_in_at=checked_in.get(card.id),
            )
            for card in cards
        ],
    )
