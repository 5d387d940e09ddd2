"""Catalogue rules below the pages: date limits, lookups by id, a category code taken meanwhile."""

from datetime import date

import pytest

from kymppi.domain import catalog, catalog_queries
from kymppi.domain import staff as accounts
from kymppi.domain.errors import InvalidInput, NotFound
from kymppi.extensions import db
from kymppi.models import CardType, CourseCategory, Role, Term, TermKind
from kymppi.orm import MAX_ID
from tests.rows import audit_events, count, reload

TERM = catalog.TermDetails("Kevät 2027", TermKind.SPRING, "2026-2027", date(2027, 1, 11), date(2027, 4, 25))
CARD_TYPE = catalog.CardTypeDetails("Kevään kymppikortti", 5500, date(2027, 1, 11), date(2027, 4, 25))
TOO_LATE = date(9999, 12, 31)  # a year typed as 9999: adding days to a card valid till then overflows
TOO_EARLY = date(1999, 12, 31)


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMIN)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_on": TOO_LATE}, "ends_on"),
        ({"starts_on": TOO_EARLY}, "starts_on"),
        ({"starts_on": date(1, 1, 1), "ends_on": TOO_LATE}, "starts_on"),
    ],
)
def test_term_dates_must_be_this_century(admin, changes, field):
    with pytest.raises(InvalidInput) as error:
        catalog.save_term(None, catalog.TermDetails(**(TERM.__dict__ | changes)), by=admin)
    assert (error.value.field, error.value.message) == (field, catalog.DATE_RANGE_MESSAGE)
    assert count(Term) == 0


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"valid_until": TOO_LATE}, "valid_until"), ({"valid_from": TOO_EARLY}, "valid_from")],
)
def test_card_type_dates_must_be_this_century(admin, changes, field):
    with pytest.raises(InvalidInput) as error:
        catalog.save_card_type(None, catalog.CardTypeDetails(**(CARD_TYPE.__dict__ | changes)), by=admin)
    assert (error.value.field, error.value.message) == (field, catalog.DATE_RANGE_MESSAGE)
    assert count(CardType) == 0


def test_the_first_and_last_allowed_days_are_accepted(admin):
    details = {"starts_on": catalog.FIRST_DATE, "ends_on": catalog.LAST_DATE}
    term = catalog.save_term(None, catalog.TermDetails(**(TERM.__dict__ | details)), by=admin)
    assert (term.starts_on, term.ends_on) == (date(2000, 1, 1), date(2099, 12, 31))
    card_details = {"valid_from": catalog.FIRST_DATE, "valid_until": catalog.LAST_DATE}
    card_type = catalog.save_card_type(None, catalog.CardTypeDetails(**(CARD_TYPE.__dict__ | card_details)), by=admin)
    assert card_type.valid_until == date(2099, 12, 31)


def test_an_edit_to_a_far_date_leaves_the_card_type_as_it_was(admin, world):
    valid_until = world.card_type.valid_until
    with pytest.raises(InvalidInput):
        details = catalog.CardTypeDetails(**(CARD_TYPE.__dict__ | {"valid_until": TOO_LATE}))
        catalog.save_card_type(world.card_type, details, by=admin)
    assert reload(world.card_type).valid_until == valid_until
    assert audit_events("card_type_updated") == []


def test_a_category_code_taken_at_the_last_moment_is_a_field_error(admin, world, monkeypatch):
    """Two admins, or an admin and a course import, adding the same code at once: the unique index decides."""
    monkeypatch.setattr(catalog, "category_by_code", lambda code: None)
    with pytest.raises(InvalidInput) as error:
        catalog.create_category("sport", "Urheilu", by=admin)
    assert (error.value.field, error.value.message) == ("code", catalog.DUPLICATE_CATEGORY)
    assert count(CourseCategory) == 4
    assert audit_events("category_created") == []
    # The session was rolled back and works on.
    assert catalog.create_category("jooga", "Jooga", by=admin).code == "jooga"


@pytest.mark.parametrize("row_id", [0, -1, 999, MAX_ID, MAX_ID + 1, 2**63])
@pytest.mark.parametrize(
    "lookup", [catalog_queries.term, catalog_queries.card_type, catalog_queries.course, accounts.staff_user]
)
def test_an_id_that_names_no_row_is_not_found(world, lookup, row_id):
    """Not a driver error on PostgreSQL for an id past its integer, nor None for the caller to forget."""
    with pytest.raises(NotFound):
        lookup(row_id)
    db.session.rollback()


@pytest.mark.parametrize("term_id", [999, MAX_ID + 1, 99_999_999_999, 2**63])
def test_courses_of_an_unknown_term_are_not_found(world, term_id):
    with pytest.raises(NotFound):
        catalog_queries.courses(term_id)


def test_courses_come_by_code_or_through_the_week(world):
    by_code = [course.code for course in catalog_queries.courses()]
    assert by_code == sorted(by_code)
    week = catalog_queries.courses(world.term.id, by_schedule=True)
    assert [(c.weekday, c.starts_at) for c in week] == sorted((c.weekday, c.starts_at) for c in week)
    assert {course.code for course in catalog_queries.courses(accepts_cards=False)} == {
        course.code for course in world.courses.values() if not course.accepts_cards
    }


@pytest.mark.parametrize(("field", "row_id"), [("category_id", MAX_ID + 1), ("term_id", 2**63)])
def test_a_course_naming_an_impossible_row_is_a_field_error(admin, world, field, row_id):
    gym = world.course("gym")
    ids = {"category_id": gym.category_id, "term_id": gym.term_id} | {field: row_id}
    details = catalog.CourseDetails("LI9", "Jooga", weekday=0, starts_at=gym.starts_at, ends_at=gym.ends_at, **ids)
    with pytest.raises(InvalidInput) as error:
        catalog.save_course(None, details, by=admin)
    assert error.value.field == field


def test_a_card_type_naming_an_impossible_category_is_a_field_error(admin, world):
    details = catalog.CardTypeDetails(**(CARD_TYPE.__dict__ | {"category_ids": (2**40,)}))
    with pytest.raises(InvalidInput) as error:
        catalog.save_card_type(None, details, by=admin)
    assert error.value.field == "category_ids"
