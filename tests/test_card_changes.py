"""The office's changes to a sold card: cancel, refund, suspend/resume (rule 5), replace (rule 7), transfer (rule 9)."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from kymppi.domain.card_status import cancel_card, paused_days, refund_card, resume_card, suspend_card
from kymppi.domain.checkin import check_in
from kymppi.domain.errors import InvalidInput
from kymppi.domain.outcomes import CardChangeOutcome as Outcome
from kymppi.domain.outcomes import CheckInOutcome
from kymppi.domain.replacement import replace_card, transfer_visits
from kymppi.extensions import db
from kymppi.models import AuditEvent, Card, CardStatus, PaymentMethod, VisitTransfer
from tests.factories import SESSION_DAY, TERM_END, TERM_START, on
from tests.rows import audit_events, reload


def changes() -> list[AuditEvent]:
    return list(db.session.scalars(select(AuditEvent).where(AuditEvent.action != "card_sold")))


def scan(world, card, day=SESSION_DAY, code=None):
    return check_in(code or card.secret, world.course("gym").id, by=world.instructor, at=on(day))


def change(name: str, world, card: Card, other: Card, *, by=None, reason="  kadonnut  "):
    """Apply one reason-taking change by `by` (default: the office)."""
    by = by or world.office
    return {
        "cancel": lambda: cancel_card(card.id, by=by, reason=reason),
        "refund": lambda: refund_card(card.id, by=by, reason=reason),
        "suspend": lambda: suspend_card(card.id, by=by, reason=reason, at=on(SESSION_DAY)),
        "replace": lambda: replace_card(card.id, by=by, reason=reason),
        "transfer": lambda: transfer_visits(card.id, other.id, 2, by=by, reason=reason, at=on(SESSION_DAY)),
    }[name]()


ACTIONS = {
    "cancel": "card_cancelled",
    "refund": "card_refunded",
    "suspend": "card_suspended",
    "replace": "card_replaced",
    "transfer": "visits_transferred_out",
}


@pytest.mark.parametrize("name", ACTIONS)
def test_every_change_is_audited_with_the_stripped_reason(world, make_card, name):
    card, other = make_card(), make_card()
    assert change(name, world, card, other).ok
    [event] = audit_events(ACTIONS[name])
    assert (event.card_id, event.actor_id, event.details["reason"]) == (card.id, world.office.id, "kadonnut")
    if name != "transfer":
        assert reload(card).status_reason == "kadonnut"


@pytest.mark.parametrize("reason", ["", "   ", "\t\n", None])
@pytest.mark.parametrize("name", ACTIONS)
def test_blank_reason_counts_as_missing(world, make_card, name, reason):
    card, other = make_card(), make_card()
    assert change(name, world, card, other, reason=reason).outcome is Outcome.REASON_REQUIRED
    assert (reload(card).status, reload(card).visits_total, reload(other).visits_total) == (CardStatus.ACTIVE, 10, 10)
    assert changes() == []


@pytest.mark.parametrize("name", ACTIONS)
def test_instructor_may_not_change_cards(world, make_card, name):
    card, other = make_card(), make_card()
    assert change(name, world, card, other, by=world.instructor).outcome is Outcome.NOT_PERMITTED
    assert (reload(card).status, reload(card).visits_total, reload(other).visits_total) == (CardStatus.ACTIVE, 10, 10)
    assert changes() == []


def test_instructor_is_refused_before_anything_else_is_checked(world, make_card):
    card = make_card()
    assert refund_card(card.id, by=world.instructor, reason="x", amount_cents=-5).outcome is Outcome.NOT_PERMITTED
    assert resume_card(card.id, by=world.instructor).outcome is Outcome.NOT_PERMITTED


@pytest.mark.parametrize("name", ACTIONS)
def test_unknown_card_is_not_found(world, make_card, name):
    ghost = SimpleNamespace(id=999_999)
    assert change(name, world, ghost, make_card()).outcome is Outcome.NOT_FOUND
    assert resume_card(999_999, by=world.office).outcome is Outcome.NOT_FOUND


def test_cancel_active_or_suspended_card_but_only_once(world, make_card):
    card, suspended = make_card(), make_card()
    suspend_card(suspended.id, by=world.office, reason="sairaus", at=on(SESSION_DAY))
    for target in (card, suspended):
        result = cancel_card(target.id, by=world.office, reason="asiakkaan pyyntö")
        assert (result.outcome, result.card.id) == (Outcome.OK, target.id)
        assert reload(target).status is CardStatus.CANCELLED
    assert cancel_card(card.id, by=world.office, reason="uudestaan").outcome is Outcome.WRONG_STATUS
    assert reload(card).status_reason == "asiakkaan pyyntö"
    assert len(audit_events("card_cancelled")) == 2


@pytest.mark.parametrize(("amount", "refunded"), [(None, 5000), (5000, 5000), (2000, 2000), (0, 0)])
def test_refund_full_or_partial(world, make_card, amount, refunded):
    card = make_card()
    assert refund_card(card.id, by=world.office, reason="muutto", amount_cents=amount).ok
    card = reload(card)
    assert (card.status, card.refunded_cents) == (CardStatus.REFUNDED, refunded)
    [event] = audit_events("card_refunded")
    assert event.details == {"reason": "muutto", "refunded_cents": refunded}


@pytest.mark.parametrize("amount", [5001, -1])
def test_refund_beyond_the_price_paid_is_refused(world, make_card, amount):
    card = make_card()
    assert refund_card(card.id, by=world.office, reason="muutto", amount_cents=amount).outcome is Outcome.INVALID_AMOUNT
    assert (reload(card).status, reload(card).refunded_cents) == (CardStatus.ACTIVE, None)
    assert changes() == []


def test_replacement_card_refunds_the_original_price(world, make_card):
    card = make_card()
    new = replace_card(card.id, by=world.office, reason="kadonnut").card
    assert refund_card(new.id, by=world.office, reason="muutto", amount_cents=5001).outcome is Outcome.INVALID_AMOUNT
    refunded = refund_card(new.id, by=world.office, reason="muutto")
    assert refunded.ok
    assert (refunded.card.status, refunded.card.refunded_cents) == (CardStatus.REFUNDED, 5000)


def test_cancelled_card_may_be_refunded_once(world, make_card):
    card = make_card()
    cancel_card(card.id, by=world.office, reason="asiakkaan pyyntö")
    assert refund_card(card.id, by=world.office, reason="hyvitys", amount_cents=3000).ok
    again = refund_card(card.id, by=world.office, reason="hyvitys", amount_cents=1000)
    assert again.outcome is Outcome.WRONG_STATUS
    assert (reload(card).status, reload(card).refunded_cents) == (CardStatus.REFUNDED, 3000)
    assert len(audit_events("card_refunded")) == 1


def test_resume_extends_validity_by_the_paused_days(world, make_card):
    card = make_card()
    suspended = suspend_card(card.id, by=world.office, reason="sairausloma", at=on(SESSION_DAY))
    assert (suspended.card.status, suspended.card.suspended_on) == (CardStatus.SUSPENDED, SESSION_DAY)
    assert suspend_card(card.id, by=world.office, reason="taas", at=on(SESSION_DAY)).outcome is Outcome.WRONG_STATUS
    assert resume_card(card.id, by=world.instructor, at=on(SESSION_DAY)).outcome is Outcome.NOT_PERMITTED
    assert resume_card(card.id, by=world.office, at=on(SESSION_DAY + timedelta(days=10))).ok
    card = reload(card)
    assert (card.status, card.suspended_on) == (CardStatus.ACTIVE, None)
    assert card.valid_until == TERM_END + timedelta(days=10)
    assert [e.details for e in audit_events("card_resumed")] == [{"reason": None, "extended_days": 10}]
    assert scan(world, card, TERM_END + timedelta(days=10)).ok
    assert resume_card(card.id, by=world.office).outcome is Outcome.WRONG_STATUS


def test_resume_after_the_validity_ended_gives_every_paused_day_back(world, make_card):
    card = make_card()
    suspend_card(card.id, by=world.office, reason="sairausloma", at=on(TERM_END - timedelta(days=12)))
    resumed_on = TERM_END + timedelta(days=20)
    assert resume_card(card.id, by=world.office, at=on(resumed_on)).ok
    # 13 paused days were inside the validity: 13 usable days from the resume on.
    assert reload(card).valid_until == resumed_on + timedelta(days=12)
    assert scan(world, card, resumed_on + timedelta(days=12)).ok
    assert scan(world, card, resumed_on + timedelta(days=13)).outcome is CheckInOutcome.EXPIRED


def test_resume_on_the_same_day_extends_nothing(world, make_card):
    card = make_card()
    suspend_card(card.id, by=world.office, reason="vahinko", at=on(SESSION_DAY))
    assert resume_card(card.id, by=world.office, at=on(SESSION_DAY)).card.valid_until == TERM_END


@pytest.mark.parametrize(
    ("suspended_on", "resumed_on", "days"),
    [
        (SESSION_DAY, SESSION_DAY + timedelta(days=10), 10),
        (SESSION_DAY, SESSION_DAY, 0),
        (TERM_START - timedelta(days=10), TERM_START + timedelta(days=7), 7),
        (TERM_START - timedelta(days=30), TERM_START, 0),
        (TERM_END - timedelta(days=3), TERM_END + timedelta(days=20), 4),
        (TERM_END + timedelta(days=1), TERM_END + timedelta(days=9), 0),
        (TERM_START - timedelta(days=1), TERM_END + timedelta(days=1), (TERM_END - TERM_START).days + 1),
    ],
    ids=["inside", "same-day", "from-before-start", "ends-before-start", "past-the-end", "after-end", "whole-validity"],
)
def test_paused_days_count_only_days_inside_validity(suspended_on, resumed_on, days):
    assert paused_days(suspended_on, resumed_on, TERM_START, TERM_END) == days


def test_replacement_has_new_codes_and_carries_visits_left(world, make_card):
    old = make_card(payment_method=PaymentMethod.INVOICE)
    for week in range(3):
        assert scan(world, old, SESSION_DAY - timedelta(days=7 * week)).ok
    result = replace_card(old.id, by=world.office, reason=" kadonnut ")
    assert result.ok
    new, old = reload(result.card), reload(old)
    assert (old.status, old.replaced_by_id, old.status_reason) == (CardStatus.REPLACED, new.id, "kadonnut")
    assert new.number != old.number and new.secret != old.secret and len(new.secret) == 32
    assert (new.visits_total, new.visits_used, new.status) == (7, 0, CardStatus.ACTIVE)
    assert (new.buyer_id, new.card_type_id, new.payment_method) == (old.buyer_id, old.card_type_id, old.payment_method)
    assert (new.valid_from, new.valid_until) == (old.valid_from, old.valid_until)
    assert [e.details for e in audit_events("card_replaced")] == [
        {"new_card_id": new.id, "reason": "kadonnut", "visits_carried": 7}
    ]
    [issued] = audit_events("card_issued_as_replacement")
    assert (issued.card_id, issued.details) == (new.id, {"old_card_id": old.id})
    next_week = SESSION_DAY + timedelta(days=7)
    assert scan(world, old, next_week).outcome is CheckInOutcome.REPLACED
    assert scan(world, old, next_week, code=old.number).outcome is CheckInOutcome.REPLACED
    assert scan(world, new, next_week).visits_left == 6


def test_a_card_is_replaced_only_once(world, make_card):
    card = make_card()
    assert replace_card(card.id, by=world.office, reason="kadonnut").ok
    assert replace_card(card.id, by=world.office, reason="kadonnut").outcome is Outcome.WRONG_STATUS
    assert db.session.scalar(select(func.count()).select_from(Card)) == 2
    assert len(audit_events("card_replaced")) == 1


@pytest.mark.parametrize("method", [PaymentMethod.EPASSI, PaymentMethod.SMARTUM, PaymentMethod.EDENRED])
def test_sport_benefit_cards_are_personal(world, make_card, method):
    personal, other = make_card(payment_method=method), make_card()
    result = transfer_visits(personal.id, other.id, 1, by=world.office, reason="lahja", at=on(SESSION_DAY))
    assert (result.outcome, result.card.id) == (Outcome.PERSONAL_CARD, personal.id)
    # The payment method travels to a replacement card, and the replacement stays personal.
    replacement = replace_card(personal.id, by=world.office, reason="kadonnut").card
    result = transfer_visits(replacement.id, other.id, 1, by=world.office, reason="lahja", at=on(SESSION_DAY))
    assert result.outcome is Outcome.PERSONAL_CARD
    assert reload(replacement).visits_total == reload(other).visits_total == 10
    assert audit_events("visits_transferred_out") == []
    assert db.session.scalar(select(func.count()).select_from(VisitTransfer)) == 0


@pytest.mark.parametrize("visits", [1, 4, 9])
def test_unused_visits_move_to_another_card(world, make_card, visits):
    source, target = make_card(), make_card(payment_method=PaymentMethod.EPASSI)
    assert scan(world, source).ok
    result = transfer_visits(source.id, target.id, visits, by=world.office, reason=" perhe ", at=on(SESSION_DAY))
    assert (result.outcome, result.card.id) == (Outcome.OK, source.id)
    source, target = reload(source), reload(target)
    assert (source.visits_total, source.visits_used, source.visits_left) == (10 - visits, 1, 9 - visits)
    assert (target.visits_total, target.visits_left) == (10 + visits, 10 + visits)
    transfer = db.session.scalars(select(VisitTransfer)).one()
    assert (transfer.from_card_id, transfer.to_card_id, transfer.visits) == (source.id, target.id, visits)
    assert (transfer.reason, transfer.transferred_by_id) == ("perhe", world.office.id)
    [out], [into] = audit_events("visits_transferred_out"), audit_events("visits_transferred_in")
    assert out.details == {"to_card_id": target.id, "visits": visits, "reason": "perhe"}
    assert (into.card_id, into.details) == (target.id, {"from_card_id": source.id, "visits": visits})


@pytest.mark.parametrize(
    ("visits", "to_same", "outcome"),
    [
        pytest.param(10, False, Outcome.NOT_ENOUGH_VISITS, id="more-than-left"),
        pytest.param(0, False, Outcome.INVALID_AMOUNT, id="zero"),
        pytest.param(-2, False, Outcome.INVALID_AMOUNT, id="negative"),
        pytest.param(1, True, Outcome.SAME_CARD, id="same-card"),
    ],
)
def test_transfer_refusals_change_nothing(world, make_card, visits, to_same, outcome):
    source, other = make_card(), make_card()
    assert scan(world, source).ok
    target = source if to_same else other
    assert (
        transfer_visits(source.id, target.id, visits, by=world.office, reason="perhe", at=on(SESSION_DAY)).outcome
        is outcome
    )
    assert (reload(source).visits_total, reload(other).visits_total) == (10, 10)
    assert db.session.scalar(select(func.count()).select_from(VisitTransfer)) == 0
    assert changes() == []


def test_transfer_needs_active_cards(world, make_card):
    """Both cards active; a refused receiver is told apart from a refused giver."""
    source, target = make_card(), make_card()
    cancel_card(target.id, by=world.office, reason="peruttu")
    to_cancelled = transfer_visits(source.id, target.id, 1, by=world.office, reason="x", at=on(SESSION_DAY))
    from_cancelled = transfer_visits(target.id, source.id, 1, by=world.office, reason="x", at=on(SESSION_DAY))
    assert (to_cancelled.outcome, from_cancelled.outcome) == (Outcome.TARGET_UNUSABLE, Outcome.WRONG_STATUS)
    assert (reload(source).visits_total, reload(target).visits_total) == (10, 10)


def test_too_long_reason_is_invalid_input(world, make_card):
    card = make_card()
    with pytest.raises(InvalidInput) as error:
        cancel_card(card.id, by=world.office, reason="x" * 501)
    assert error.value.field == "reason"
    assert reload(card).status is CardStatus.ACTIVE


def test_transfer_needs_cards_still_valid(world, make_card):
    """An expired card's visits are gone: moving them would bring them back; an expired receiver can't use them."""
    source, target = make_card(), make_card()
    after_term = on(TERM_END + timedelta(days=1))
    assert transfer_visits(source.id, target.id, 1, by=world.office, reason="x", at=after_term).outcome is (
        Outcome.EXPIRED
    )
    assert (reload(source).visits_total, reload(target).visits_total) == (10, 10)
