"""Every read of the catalogue: terms, card types, categories and courses, listed or one by id.

One query per thing, whoever shows it (the admin pages, the office API, the
office's extension page and card filters), so a list is ordered and loaded
the same way everywhere and a fix lands once. They live apart from
`catalog`, the writes and their rules, because most callers only read:
the API and the office have no use for the write side, and each module
stays one job long.

Each list loads the rows shown alongside (a card type's categories, a
course's category, term and instructors), so it costs a fixed number of
statements whatever its length. A lookup by id raises NotFound, never
returns None, so a caller can't forget the missing row.
"""

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from kymppi.domain.errors import NotFound
from kymppi.extensions import db
from kymppi.models import CardType, Course, CourseCategory, Term, User
from kymppi.orm import MAX_ID


def row_by_id(model, row_id: int | None):
    """The `model` row with this id, or NotFound.

    An id outside 1 … MAX_ID names no row, and PostgreSQL would fail the
    query on it (its integer overflows) instead of finding nothing.
    """
    row = db.session.get(model, row_id) if row_id is not None and 1 <= row_id <= MAX_ID else None
    if row is None:
        raise NotFound(f"{model.__tablename__} {row_id}")
    return row


def term(term_id: int) -> Term:
    return row_by_id(Term, term_id)


def card_type(card_type_id: int) -> CardType:
    return row_by_id(CardType, card_type_id)


def course(course_id: int) -> Course:
    return row_by_id(Course, course_id)


def terms() -> list[Term]:
    """The newest term first: the one being planned or under way."""
    return list(db.session.scalars(select(Term).order_by(Term.starts_on.desc(), Term.name, Term.id)))


def card_types() -> list[CardType]:
    """Every card type, the newest validity first: this year's products lead the list."""
    statement = (
        select(CardType)
        .options(selectinload(CardType.categories))
        .order_by(CardType.valid_from.desc(), CardType.name, CardType.id)
    )
    return list(db.session.scalars(statement))


def categories() -> list[CourseCategory]:
    return list(db.session.scalars(select(CourseCategory).order_by(CourseCategory.code)))


def courses(
    term_id: int | None = None, *, accepts_cards: bool | None = None, by_schedule: bool = False
) -> list[Course]:
    """Courses by code, or through the week (`by_schedule`) as the admin reads a timetable.

    `term_id` narrows to one term and raises NotFound for a term that doesn't
    exist; `accepts_cards` to the courses that do (or don't) take cards.
    """
    statement = select(Course).options(
        selectinload(Course.category), selectinload(Course.term), selectinload(Course.instructors)
    )
    if term_id is not None:
        statement = statement.where(Course.term_id == term(term_id).id)
    if accepts_cards is not None:
        statement = statement.where(Course.accepts_cards.is_(accepts_cards))
    order = (Course.weekday, Course.starts_at, Course.code) if by_schedule else (Course.code,)
    return list(db.session.scalars(statement.order_by(*order)))


def teaching_staff() -> list[User]:
    """Who may be put on a course: any active staff member, since office people teach too."""
    return list(db.session.scalars(select(User).where(User.active.is_(True)).order_by(User.name, User.id)))


def counts() -> dict[str, int]:
    """Rows per section, for the admin front page."""
    models = {"terms": Term, "card_types": CardType, "categories": CourseCategory, "courses": Course, "staff": User}
    return {key: db.session.scalar(select(func.count()).select_from(model)) for key, model in models.items()}
