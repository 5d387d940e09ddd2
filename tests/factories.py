"""Factory fixtures: a small opisto ("world") and cards sold through the real domain code."""

import itertools
from dataclasses import dataclass, field
from datetime import date, time, timedelta

import pytest

from kymppi.domain.clock import local_date, local_noon, utcnow
from kymppi.domain.passwords import hash_password
from kymppi.domain.sales import BuyerDetails, Sale, sell_card
from kymppi.extensions import db
from kymppi.models import (
    Card,
    CardType,
    Course,
    CourseCategory,
    Organization,
    PaymentMethod,
    Role,
    Term,
    TermKind,
    User,
)

TERM_START = date(2026, 8, 24)
TERM_END = date(2026, 12, 13)
# A Monday inside the term, used as "today" by most tests.
SESSION_DAY = date(2026, 11, 23)
PASSWORD = "correct horse battery staple"
_PASSWORD_HASH = hash_password(PASSWORD)
_counter = itertools.count(1)


def on(day: date):
    """Noon in Helsinki on `day`, as the UTC instant the domain functions take."""
    return local_noon(day)


@pytest.fixture
def make_user(app):
    def make(role: Role = Role.OFFICE, **overrides) -> User:
        n = next(_counter)
        values = {
            "email": f"{role.value}{n}@kymppi.test",
            "name": f"{role.value.title()} {n}",
            "role": role,
            "password_hash": _PASSWORD_HASH,
            "created_at": utcnow(),
        }
        user = User(**(values | overrides))
        db.session.add(user)
        db.session.commit()
        return user

    return make


@dataclass
class World:
    term: Term
    card_type: CardType
    courses: dict[str, Course]
    office: User
    instructor: User
    categories: dict[str, CourseCategory] = field(default_factory=dict)

    def course(self, key: str) -> Course:
        return self.courses[key]


def _course(key, category, *, accepts_cards=True, card_cap=None, weekday=0, term, instructor) -> Course:
    return Course(
        code=f"C-{key}",
        name=key.title(),
        category=category,
        term=term,
        accepts_cards=accepts_cards,
        weekday=weekday,
        starts_at=time(18),
        ends_at=time(19),
        place="Sali",
        card_cap=card_cap,
        instructors=[instructor],
    )


@pytest.fixture
def world(app, make_user) -> World:
    db.session.add(Organization(name="Testiopisto"))
    term = Term(
        name="Syksy 2026", kind=TermKind.AUTUMN, academic_year="2026-2027", starts_on=TERM_START, ends_on=TERM_END
    )
    categories = {
        code: CourseCategory(code=code, name=code.title()) for code in ("sport", "dance", "language", "music")
    }
    card_type = CardType(
        name="Kymppikortti",
        visits=10,
        price_cents=5000,
        valid_from=TERM_START,
        valid_until=TERM_END,
        categories=[categories["sport"], categories["dance"]],
    )
    instructor = make_user(Role.INSTRUCTOR)
    office = make_user(Role.OFFICE)
    common = {"term": term, "instructor": instructor}
    courses = {
        "gym": _course("gym", categories["sport"], **common),
        "dance": _course("dance", categories["dance"], weekday=2, **common),
        "reduced_gym": _course("reduced_gym", categories["sport"], accepts_cards=False, **common),
        "language": _course("language", categories["language"], accepts_cards=False, **common),
        "choir": _course("choir", categories["music"], **common),
        "capped": _course("capped", categories["sport"], card_cap=2, **common),
    }
    db.session.add_all([term, card_type, *categories.values(), *courses.values()])
    db.session.commit()
    return World(term, card_type, courses, office, instructor, categories)


@pytest.fixture
def todays_card_type(world) -> CardType:
    """A card type on sale and valid today, whatever today is: for what runs on the real clock
    (the sale page, undo, transfers), so the suite doesn't start failing when the term ends."""
    today = local_date(utcnow())
    card_type = CardType(
        name="Kymppikortti tänään",
        visits=10,
        price_cents=5000,
        valid_from=today - timedelta(days=100),
        valid_until=today + timedelta(days=100),
        categories=world.card_type.categories,
    )
    db.session.add(card_type)
    db.session.commit()
    return card_type


@pytest.fixture
def make_card(world):
    """Sell a card through `sell_card`; keyword overrides go to the sale or the buyer."""

    def make(*, payment_method=PaymentMethod.CASH, visits: int | None = None, card_type=None, **buyer) -> Card:
        if visits is not None:
            card_type = CardType(
                name=f"{visits} visits",
                visits=visits,
                price_cents=1000,
                valid_from=TERM_START,
                valid_until=TERM_END,
                categories=world.card_type.categories,
            )
            db.session.add(card_type)
            db.session.commit()
        details = BuyerDetails(
            **({"name": "Maija Meikäläinen", "new_customer": True, "email": "maija@example.org"} | buyer)
        )
        sale = Sale(card_type_id=(card_type or world.card_type).id, payment_method=payment_method, new_buyer=details)
        result = sell_card(sale, by=world.office, at=on(TERM_START))
        assert result.card is not None, result
        return result.card

    return make
