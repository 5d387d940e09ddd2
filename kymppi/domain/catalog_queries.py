"""Read-only lists for the office API: the card types that can be sold and the courses.

Each query loads the rows shown alongside (a card type's categories, a
course's category and term), so a list costs a fixed number of statements
whatever its length.
"""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from kymppi.extensions import db
from kymppi.models import CardType, Course


def list_card_types() -> list[CardType]:
    """Every card type, the newest validity first: this year's products lead the list."""
    statement = (
        select(CardType)
        .options(selectinload(CardType.categories))
        .order_by(CardType.valid_from.desc(), CardType.name, CardType.id)
    )
    return list(db.session.scalars(statement))


def list_courses(*, accepts_cards: bool | None = None) -> list[Course]:
    """Courses by code; `accepts_cards` narrows to the courses that do (or don't) take cards."""
    statement = select(Course).options(joinedload(Course.category), joinedload(Course.term)).order_by(Course.code)
    if accepts_cards is not None:
        statement = statement.where(Course.accepts_cards.is_(accepts_cards))
    return list(db.session.scalars(statement))
