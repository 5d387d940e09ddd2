"""Rule 6 through `undo_check_in`: who may undo which check-in, and what an undo gives back."""

from datetime import datetime, timedelta

import pytest

from kymppi.domain.checkin import check_in, undo_check_in
from kymppi.domain.clock import HELSINKI
from kymppi.domain.outcomes import CheckInOutcome, UndoOutcome
from kymppi.domain.replacement import replace_card
from kymppi.models import Card, CheckIn, Role
from tests.factories import SESSION_DAY, on
from tests.rows import audit_events, get_fresh


def scan(world, card, *, by=None, day=SESSION_DAY, course="gym") -> int:
    result = check_in(card.number, world.course(course).id, by=by or world.instructor, at=on(day))
    assert result.ok, result
    return result.check_in_id


def test_instructor_undoes_own_check_in_the_same_day(world, make_card):
    card = make_card()
    check_id = scan(world, card)
    assert get_fresh(Card, card.id).visits_left == 9
    result = undo_check_in(check_id, by=world.instructor, at=on(SESSION_DAY))
    assert (result.outcome, result.visits_left) == (UndoOutcome.OK, 10)
    assert get_fresh(Card, card.id).visits_used == 0
    row = get_fresh(CheckIn, check_id)
    assert (row.undone_at is not None, row.undone_by_id, row.undo_reason) == (True, world.instructor.id, None)


@pytest.mark.parametrize(
    ("local_time", "outcome"),
    [
        (datetime(2026, 11, 23, 23, 59), UndoOutcome.OK),
        (datetime(2026, 11, 24, 0, 1), UndoOutcome.NOT_PERMITTED),
        (datetime(2026, 11, 30, 12, 0), UndoOutcome.NOT_PERMITTED),
    ],
    ids=["same-evening", "after-midnight-in-helsinki", "next-week"],
)
def test_instructor_may_undo_only_on_the_session_day(world, make_card, local_time, outcome):
    card = make_card()
    check_id = scan(world, card)
    result = undo_check_in(check_id, by=world.instructor, at=local_time.replace(tzinfo=HELSINKI))
    assert result.outcome is outcome
    assert get_fresh(Card, card.id).visits_used == (0 if outcome is UndoOutcome.OK else 1)


@pytest.mark.parametrize("checked_in_by", ["other_instructor", "office"])
def test_instructor_may_not_undo_someone_elses_check_in(world, make_card, make_user, checked_in_by):
    other = make_user(Role.INSTRUCTOR) if checked_in_by == "other_instructor" else world.office
    card = make_card()
    check_id = scan(world, card, by=other)
    result = undo_check_in(check_id, by=world.instructor, reason="väärä kortti", at=on(SESSION_DAY))
    assert result.outcome is UndoOutcome.NOT_PERMITTED
    assert get_fresh(Card, card.id).visits_used == 1
    assert get_fresh(CheckIn, check_id).undone_at is None
    assert audit_events("check_in_undone") == []


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_office_must_give_a_reason(world, make_card, reason):
    card = make_card()
    check_id = scan(world, card)
    result = undo_check_in(check_id, by=world.office, reason=reason, at=on(SESSION_DAY))
    assert result.outcome is UndoOutcome.REASON_REQUIRED
    assert get_fresh(Card, card.id).visits_used == 1
    assert get_fresh(CheckIn, check_id).undone_at is None
    assert audit_events("check_in_undone") == []


@pytest.mark.parametrize("role", [Role.OFFICE, Role.ADMIN])
def test_office_may_undo_anyones_check_in_any_day_with_a_reason(world, make_card, make_user, role):
    card = make_card()
    check_id = scan(world, card)
    staff = make_user(role)
    result = undo_check_in(check_id, by=staff, reason="  väärä kortti  ", at=on(SESSION_DAY + timedelta(days=3)))
    assert (result.outcome, result.visits_left) == (UndoOutcome.OK, 10)
    row = get_fresh(CheckIn, check_id)
    assert (row.undone_by_id, row.undo_reason) == (staff.id, "väärä kortti")
    assert get_fresh(Card, card.id).visits_used == 0


def test_undo_is_in_the_audit_log(world, make_card):
    card = make_card()
    own, other = scan(world, card), scan(world, card, course="dance")
    undo_check_in(own, by=world.instructor, at=on(SESSION_DAY))
    undo_check_in(other, by=world.office, reason=" tuplaskannaus ", at=on(SESSION_DAY))
    events = sorted(audit_events("check_in_undone"), key=lambda e: e.id)
    assert [(e.actor_id, e.card_id, e.details) for e in events] == [
        (world.instructor.id, card.id, {"check_in_id": own, "reason": None}),
        (world.office.id, card.id, {"check_in_id": other, "reason": "tuplaskannaus"}),
    ]
    assert all(e.at is not None for e in events)


def test_undo_twice_gives_the_visit_back_once(world, make_card):
    card = make_card()
    first = scan(world, card)
    scan(world, card, day=SESSION_DAY + timedelta(days=7))
    assert undo_check_in(first, by=world.office, reason="virhe").outcome is UndoOutcome.OK
    again = undo_check_in(first, by=world.office, reason="virhe")
    assert again.outcome is UndoOutcome.ALREADY_UNDONE
    assert undo_check_in(first, by=world.instructor, at=on(SESSION_DAY)).outcome is UndoOutcome.ALREADY_UNDONE
    assert get_fresh(Card, card.id).visits_used == 1
    assert len(audit_events("check_in_undone")) == 1


def test_unknown_check_in_is_not_found(world):
    assert undo_check_in(999_999, by=world.office, reason="virhe").outcome is UndoOutcome.NOT_FOUND


def test_after_undo_the_same_session_can_be_checked_in_again(world, make_card):
    card = make_card()
    first = scan(world, card)
    undo_check_in(first, by=world.instructor, at=on(SESSION_DAY))
    second = scan(world, card)
    assert second != first
    assert get_fresh(Card, card.id).visits_used == 1
    again = check_in(card.number, world.course("gym").id, by=world.instructor, at=on(SESSION_DAY))
    assert (again.outcome, again.check_in_id) == (CheckInOutcome.ALREADY_CHECKED_IN, second)


@pytest.mark.parametrize("replacements", [1, 2])
def test_undo_on_a_replaced_card_gives_the_visit_to_the_replacement(world, make_card, replacements):
    card = make_card()
    check_id = scan(world, card)
    scan(world, card, day=SESSION_DAY + timedelta(days=7))
    current = card
    for _ in range(replacements):
        current = replace_card(current.id, by=world.office, reason="kadonnut").card
    assert get_fresh(Card, current.id).visits_left == 8
    result = undo_check_in(check_id, by=world.office, reason="väärä kortti")
    assert (result.outcome, result.visits_left) == (UndoOutcome.OK, 9)
    new = get_fresh(Card, current.id)
    assert (new.visits_total, new.visits_used, new.visits_left) == (9, 0, 9)
    assert get_fresh(Card, card.id).visits_used == 1  # the old card counts only its remaining check-in
    next_week = SESSION_DAY + timedelta(days=14)
    assert check_in(new.secret, world.course("gym").id, by=world.instructor, at=on(next_week)).visits_left == 8
