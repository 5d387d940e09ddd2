"""Rules 3, 4, 6, 8 and 10 under concurrent requests, each thread on its own connection."""

from collections import Counter
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from kymppi.domain.card_status import cancel_card
from kymppi.domain.checkin import check_in, undo_check_in
from kymppi.domain.outcomes import CardChangeOutcome, CheckInOutcome, UndoOutcome
from kymppi.domain.replacement import transfer_visits
from kymppi.domain.sales import BuyerDetails, Sale, sell_card
from kymppi.extensions import db
from kymppi.models import Card, CheckIn, CheckInSource, PaymentMethod, Receipt, RefusedScan, User
from tests.concurrency import THREADS_POOL, run_at_once
from tests.factories import SESSION_DAY, TERM_START, on


@pytest.fixture
def app_config():
    return THREADS_POOL


OFFLINE = CheckInSource.OFFLINE


def outcomes(results):
    return Counter(r.outcome for r in results)


def scan_in_thread(card_number, course_id, instructor_id, day, **kwargs):
    return check_in(card_number, course_id, by=db.session.get(User, instructor_id), at=on(day), **kwargs)


def test_fifty_scans_on_fifty_dates_take_exactly_ten_visits(app, world, make_card):
    card = make_card()
    number, course_id, by = card.number, world.course("gym").id, world.instructor.id

    results = run_at_once(app, 50, lambda i: scan_in_thread(number, course_id, by, TERM_START + timedelta(days=i)))

    assert outcomes(results) == {CheckInOutcome.OK: 10, CheckInOutcome.NO_VISITS_LEFT: 40}
    db.session.expire_all()
    stored = db.session.get(Card, card.id)
    assert (stored.visits_used, stored.visits_left) == (10, 0)
    active = select(func.count()).select_from(CheckIn).where(CheckIn.card_id == card.id, CheckIn.undone_at.is_(None))
    assert db.session.scalar(active) == 10


def test_twenty_scans_of_one_session_take_one_visit(app, world, make_card):
    card = make_card()
    number, course_id, by = card.number, world.course("gym").id, world.instructor.id

    results = run_at_once(app, 20, lambda i: scan_in_thread(number, course_id, by, SESSION_DAY))

    assert outcomes(results) == {CheckInOutcome.OK: 1, CheckInOutcome.ALREADY_CHECKED_IN: 19}
    db.session.expire_all()
    assert db.session.get(Card, card.id).visits_used == 1


def test_twenty_replays_of_one_client_id_all_get_the_original_result(app, world, make_card):
    card = make_card()
    number, course_id, by = card.number, world.course("gym").id, world.instructor.id

    results = run_at_once(
        app, 20, lambda i: scan_in_thread(number, course_id, by, SESSION_DAY, client_id="tablet-3-000042")
    )

    assert all(r.outcome is CheckInOutcome.OK for r in results)
    assert len({r.check_in_id for r in results}) == 1
    assert sum(not r.replayed for r in results) == 1
    db.session.expire_all()
    assert db.session.get(Card, card.id).visits_used == 1


def test_twenty_replays_of_a_refused_scan_answer_alike_and_log_it_once(app, world, make_card):
    """An offline queue synced from two tabs at once: the refusal is one conflict, not twenty."""
    card = make_card()
    assert cancel_card(card.id, by=world.office, reason="peruttu").ok
    number, course_id, by = card.number, world.course("gym").id, world.instructor.id

    results = run_at_once(
        app,
        20,
        lambda i: scan_in_thread(number, course_id, by, SESSION_DAY, client_id="tablet-3-000043", source=OFFLINE),
    )

    assert outcomes(results) == {CheckInOutcome.CANCELLED: 20}
    db.session.expire_all()
    [logged] = db.session.scalars(select(RefusedScan)).all()
    assert (logged.card_id, logged.outcome, logged.source) == (card.id, "cancelled", OFFLINE)


def test_capped_course_admits_exactly_the_cap(app, world, make_card):
    numbers = [make_card().number for _ in range(12)]
    course_id, by = world.course("capped").id, world.instructor.id

    results = run_at_once(app, 12, lambda i: scan_in_thread(numbers[i], course_id, by, SESSION_DAY))

    assert outcomes(results) == {CheckInOutcome.OK: 2, CheckInOutcome.COURSE_FULL: 10}
    used = db.session.scalar(select(func.sum(Card.visits_used)).where(Card.number.in_(numbers)))
    assert used == 2


def test_concurrent_undos_give_the_visit_back_once(app, world, make_card):
    card = make_card()
    check_in_id = check_in(card.number, world.course("gym").id, by=world.instructor, at=on(SESSION_DAY)).check_in_id
    office_id = world.office.id

    results = run_at_once(
        app, 10, lambda i: undo_check_in(check_in_id, by=db.session.get(User, office_id), reason="väärä kortti")
    )

    assert Counter(r.outcome for r in results) == {UndoOutcome.OK: 1, UndoOutcome.ALREADY_UNDONE: 9}
    db.session.expire_all()
    assert db.session.get(Card, card.id).visits_used == 0


def test_concurrent_sales_get_consecutive_receipt_numbers(app, world):
    card_type_id, office_id = world.card_type.id, world.office.id

    def sell(i):
        buyer = BuyerDetails(f"Ostaja {i}", True, email=f"ostaja{i}@example.org")
        sale = Sale(card_type_id=card_type_id, payment_method=PaymentMethod.CASH, new_buyer=buyer)
        return sell_card(sale, by=db.session.get(User, office_id), at=on(SESSION_DAY)).outcome

    run_at_once(app, 10, sell)

    numbers = db.session.scalars(select(Receipt.number).where(Receipt.year == 2026).order_by(Receipt.number)).all()
    assert numbers == list(range(1, 11))


def test_crossed_transfers_between_two_cards_all_complete(app, world, make_card):
    """A→B and B→A at once: locks taken in id order, so no deadlock and no lost visit."""
    first, second = make_card().id, make_card().id
    office_id = world.office.id

    def transfer(i):
        giver, taker = (first, second) if i % 2 else (second, first)
        return transfer_visits(
            giver, taker, 1, by=db.session.get(User, office_id), reason="siirto", at=on(SESSION_DAY)
        ).outcome

    results = run_at_once(app, 20, transfer)

    assert Counter(results) == {CardChangeOutcome.OK: 20}
    db.session.expire_all()
    assert (db.session.get(Card, first).visits_total, db.session.get(Card, second).visits_total) == (10, 10)
