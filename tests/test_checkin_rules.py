"""Rules 2–5 and 8 through `check_in`: one test per outcome."""

from datetime import UTC, datetime, timedelta

import pytest

from kymppi.domain.card_status import cancel_card, refund_card, resume_card, suspend_card
from kymppi.domain.checkin import check_in
from kymppi.domain.codes import card_url
from kymppi.domain.errors import ClientIdReused, NotFound
from kymppi.domain.outcomes import CheckInOutcome
from kymppi.domain.replacement import replace_card
from kymppi.extensions import db
from kymppi.models import Card, CheckIn
from tests.factories import SESSION_DAY, TERM_END, TERM_START, on


def scan(world, card_or_code, course="gym", day=SESSION_DAY, **kwargs):
    code = card_or_code if isinstance(card_or_code, str) else card_or_code.number
    return check_in(code, world.course(course).id, by=world.instructor, at=on(day), **kwargs)


def test_ok_deducts_one_visit_and_names_the_holder(world, make_card):
    card = make_card(name="Maija Meikäläinen")
    result = scan(world, card)
    assert result.outcome is CheckInOutcome.OK
    assert (result.visits_left, result.visits_total, result.holder) == (9, 10, "Maija M.")
    assert db.session.get(Card, card.id).visits_used == 1
    row = db.session.get(CheckIn, result.check_in_id)
    assert (row.session_date, row.checked_in_by_id) == (SESSION_DAY, world.instructor.id)


@pytest.mark.parametrize("form", ["url", "secret", "number", "typed number"])
def test_card_is_found_by_qr_url_secret_or_typed_number(world, make_card, form):
    card = make_card()
    code = {
        "url": card_url("https://opisto.example", card.secret),
        "secret": card.secret,
        "number": card.number,
        "typed number": f" {card.number[:4].lower()}-{card.number[4:].lower()} ",
    }[form]
    assert scan(world, code).outcome is CheckInOutcome.OK


@pytest.mark.parametrize("code", ["", "hello", "https://x.test/k/short", "ABCD-EFGH", "0" * 43])
def test_unknown_card(world, make_card, code):
    make_card()
    assert scan(world, code).outcome is CheckInOutcome.UNKNOWN_CARD


def test_unknown_course_is_broken_input_not_an_outcome(world, make_card):
    card = make_card()
    with pytest.raises(NotFound):
        check_in(card.number, 999_999, by=world.instructor, at=on(SESSION_DAY))


def test_second_scan_in_same_session_deducts_nothing(world, make_card):
    card = make_card()
    first = scan(world, card)
    second = scan(world, card)
    assert second.outcome is CheckInOutcome.ALREADY_CHECKED_IN
    assert second.checked_in_at == first.checked_in_at
    assert second.visits_left == 9
    assert db.session.get(Card, card.id).visits_used == 1


def test_same_card_may_visit_another_course_or_another_day(world, make_card):
    card = make_card()
    assert scan(world, card, "gym").ok
    assert scan(world, card, "dance").ok
    assert scan(world, card, "gym", SESSION_DAY + timedelta(days=7)).ok
    assert db.session.get(Card, card.id).visits_used == 3


def test_session_is_the_local_helsinki_date(world, make_card):
    """22:30 UTC on Monday is 00:30 on Tuesday in Helsinki: Tuesday's session."""
    card = make_card()
    monday_late_utc = datetime(2026, 11, 23, 22, 30, tzinfo=UTC)  # 00:30 on Tuesday in Helsinki
    result = check_in(card.number, world.course("gym").id, by=world.instructor, at=monday_late_utc)
    assert db.session.get(CheckIn, result.check_in_id).session_date == SESSION_DAY + timedelta(days=1)


def test_no_visits_left_and_never_below_zero(world, make_card):
    card = make_card(visits=2)
    assert scan(world, card, day=SESSION_DAY).ok
    assert scan(world, card, day=SESSION_DAY + timedelta(days=7)).visits_left == 0
    refused = scan(world, card, day=SESSION_DAY + timedelta(days=14))
    assert refused.outcome is CheckInOutcome.NO_VISITS_LEFT
    assert refused.visits_left == 0
    assert db.session.get(Card, card.id).visits_used == 2


def test_expired_after_validity(world, make_card):
    card = make_card()
    assert scan(world, card, day=TERM_END).ok
    assert scan(world, card, day=TERM_END + timedelta(days=1)).outcome is CheckInOutcome.EXPIRED


def test_not_yet_valid_before_validity(world, make_card):
    card = make_card()
    assert scan(world, card, day=TERM_START - timedelta(days=1)).outcome is CheckInOutcome.NOT_YET_VALID
    assert scan(world, card, day=TERM_START).ok


def test_cancelled_card_is_refused(world, make_card):
    card = make_card()
    cancel_card(card.id, by=world.office, reason="asiakkaan pyyntö")
    assert scan(world, card).outcome is CheckInOutcome.CANCELLED


def test_refunded_card_is_refused(world, make_card):
    card = make_card()
    refund_card(card.id, by=world.office, reason="muutto")
    assert scan(world, card).outcome is CheckInOutcome.REFUNDED


def test_suspended_card_is_refused_until_resumed(world, make_card):
    card = make_card()
    suspend_card(card.id, by=world.office, reason="sairausloma", at=on(SESSION_DAY))
    assert scan(world, card).outcome is CheckInOutcome.SUSPENDED
    resume_card(card.id, by=world.office, at=on(SESSION_DAY + timedelta(days=1)))
    assert scan(world, card, day=SESSION_DAY + timedelta(days=1)).ok


def test_replaced_card_is_refused_and_replacement_works(world, make_card):
    card = make_card()
    new = replace_card(card.id, by=world.office, reason="kadonnut").card
    assert scan(world, card).outcome is CheckInOutcome.REPLACED
    assert scan(world, new).ok


@pytest.mark.parametrize(
    "course", ["reduced_gym", "language", "choir"], ids=["not-full-price", "not-accepting", "category-not-on-card"]
)
def test_course_not_eligible(world, make_card, course):
    card = make_card()
    result = scan(world, card, course)
    assert result.outcome is CheckInOutcome.COURSE_NOT_ELIGIBLE
    assert db.session.get(Card, card.id).visits_used == 0


def test_course_full_at_cap(world, make_card):
    cards = [make_card() for _ in range(3)]
    assert scan(world, cards[0], "capped").ok
    assert scan(world, cards[1], "capped").ok
    full = scan(world, cards[2], "capped")
    assert full.outcome is CheckInOutcome.COURSE_FULL
    assert db.session.get(Card, cards[2].id).visits_used == 0
    # The cap is per session: next week there is room again.
    assert scan(world, cards[2], "capped", SESSION_DAY + timedelta(days=7)).ok


def test_already_checked_in_wins_over_course_full(world, make_card):
    cards = [make_card() for _ in range(2)]
    for card in cards:
        assert scan(world, card, "capped").ok
    assert scan(world, cards[0], "capped").outcome is CheckInOutcome.ALREADY_CHECKED_IN


def test_client_id_replay_returns_the_original_visit(world, make_card):
    card = make_card()
    first = scan(world, card, client_id="tablet-1-000001")
    again = scan(world, card, client_id="tablet-1-000001")
    assert again.ok and again.replayed
    assert again.check_in_id == first.check_in_id
    assert db.session.get(Card, card.id).visits_used == 1


@pytest.mark.parametrize("other", ["card", "course", "unknown card"])
def test_client_id_reused_for_another_scan_is_refused_not_replayed(world, make_card, other):
    card, second = make_card(), make_card()
    scan(world, card, client_id="tablet-1-000001")
    code, course = {"card": (second.number, "gym"), "course": (card.number, "dance"), "unknown card": ("XXXX", "gym")}[
        other
    ]
    with pytest.raises(ClientIdReused):
        scan(world, code, course, client_id="tablet-1-000001")
    assert db.session.get(Card, second.id).visits_used == 0


def test_every_outcome_is_covered_by_a_test():
    """A new outcome without a test here fails this list, and so gets one."""
    tested = {
        CheckInOutcome.OK,
        CheckInOutcome.ALREADY_CHECKED_IN,
        CheckInOutcome.NO_VISITS_LEFT,
        CheckInOutcome.EXPIRED,
        CheckInOutcome.NOT_YET_VALID,
        CheckInOutcome.CANCELLED,
        CheckInOutcome.REFUNDED,
        CheckInOutcome.SUSPENDED,
        CheckInOutcome.REPLACED,
        CheckInOutcome.COURSE_NOT_ELIGIBLE,
        CheckInOutcome.COURSE_FULL,
        CheckInOutcome.UNKNOWN_CARD,
    }
    assert tested == set(CheckInOutcome)
