"""Random sequences of sell / check-in / undo / cancel / replace / transfer against a simple model.

The model predicts every outcome; after every step the database must agree:
each card's used visits equal its active check-ins, and visits left are
never negative.
"""

from dataclasses import dataclass, field
from datetime import time, timedelta
from itertools import count

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, precondition, rule, run_state_machine_as_test
from sqlalchemy import func, select

from kymppi.domain.card_status import cancel_card
from kymppi.domain.checkin import check_in, undo_check_in
from kymppi.domain.outcomes import CardChangeOutcome, CheckInOutcome, UndoOutcome
from kymppi.domain.replacement import replace_card, transfer_visits
from kymppi.domain.sales import BuyerDetails, Sale, sell_card
from kymppi.extensions import db
from kymppi.models import Card, CardStatus, CheckIn, Course, PaymentMethod
from tests.factories import SESSION_DAY, TERM_START, on

CAP = 2
_run = count()


@dataclass
class ModelCard:
    total: int
    personal: bool
    status: CardStatus = CardStatus.ACTIVE
    sessions: dict[tuple[int, int], int] = field(default_factory=dict)  # (course, day) → check-in id
    replaced_by: int | None = None

    @property
    def left(self) -> int:
        return self.total - len(self.sessions)


def test_random_operation_sequences_keep_the_ledger_consistent(app, world):
    office, instructor = world.office, world.instructor

    class Ledger(RuleBasedStateMachine):
        cards = Bundle("cards")

        def __init__(self):
            super().__init__()
            # Fresh courses for each run, so the capped session counts start at zero.
            run = next(_run)
            self.courses = [self._course(f"free-{run}", None), self._course(f"capped-{run}", CAP)]
            self.model: dict[int, ModelCard] = {}

        @staticmethod
        def _course(code, cap):
            gym = world.course("gym")
            course = Course(
                code=code,
                name=code,
                category_id=gym.category_id,
                term_id=gym.term_id,
                accepts_cards=True,
                weekday=0,
                starts_at=time(18),
                ends_at=time(19),
                card_cap=cap,
            )
            db.session.add(course)
            db.session.commit()
            return course.id

        @rule(target=cards, method=st.sampled_from(list(PaymentMethod)))
        def sell(self, method):
            buyer = BuyerDetails("Testi Ostaja", True, email="ostaja@example.org")
            sale = Sale(card_type_id=world.card_type.id, payment_method=method, new_buyer=buyer)
            card = sell_card(sale, by=office, at=on(TERM_START)).card
            self.model[card.id] = ModelCard(total=card.visits_total, personal=method.is_sport_benefit)
            return card.id

        @rule(card_id=cards, course=st.integers(0, 1), day=st.integers(0, 13))
        def scan(self, card_id, course, day):
            card = self.model[card_id]
            number = db.session.get(Card, card_id).number
            result = check_in(number, self.courses[course], by=instructor, at=on(TERM_START + timedelta(days=day)))
            assert result.outcome is self._expected_scan(card, course, day)
            if result.ok:
                card.sessions[(course, day)] = result.check_in_id

        def _expected_scan(self, card, course, day):
            if card.status is not CardStatus.ACTIVE:
                return CheckInOutcome(card.status.value)
            if (course, day) in card.sessions:
                return CheckInOutcome.ALREADY_CHECKED_IN
            if card.left <= 0:
                return CheckInOutcome.NO_VISITS_LEFT
            in_session = sum((course, day) in c.sessions for c in self.model.values())
            if course == 1 and in_session >= CAP:
                return CheckInOutcome.COURSE_FULL
            return CheckInOutcome.OK

        @precondition(lambda self: any(c.sessions for c in self.model.values()))
        @rule(data=st.data())
        def undo(self, data):
            card_id, session = data.draw(
                st.sampled_from(sorted((cid, s) for cid, c in self.model.items() for s in c.sessions))
            )
            check_in_id = self.model[card_id].sessions.pop(session)
            assert undo_check_in(check_in_id, by=office, reason="testi").outcome is UndoOutcome.OK
            holder = self.model[card_id]
            while holder.replaced_by is not None:
                holder = self.model[holder.replaced_by]
            if holder is not self.model[card_id]:
                holder.total += 1

        @rule(card_id=cards)
        def cancel(self, card_id):
            card = self.model[card_id]
            result = cancel_card(card_id, by=office, reason="testi")
            if card.status in (CardStatus.ACTIVE, CardStatus.SUSPENDED):
                assert result.outcome is CardChangeOutcome.OK
                card.status = CardStatus.CANCELLED
            else:
                assert result.outcome is CardChangeOutcome.WRONG_STATUS

        @rule(target=cards, card_id=cards)
        def replace(self, card_id):
            card = self.model[card_id]
            result = replace_card(card_id, by=office, reason="kadonnut")
            if card.status is not CardStatus.ACTIVE:
                assert result.outcome is CardChangeOutcome.WRONG_STATUS
                return card_id
            assert result.outcome is CardChangeOutcome.OK
            new_id = result.card.id
            card.status, card.replaced_by = CardStatus.REPLACED, new_id
            self.model[new_id] = ModelCard(total=card.left, personal=card.personal)
            return new_id

        @rule(giver_id=cards, taker_id=cards, visits=st.integers(1, 4))
        def transfer(self, giver_id, taker_id, visits):
            result = transfer_visits(giver_id, taker_id, visits, by=office, reason="testi", at=on(SESSION_DAY))
            giver, taker = self.model[giver_id], self.model[taker_id]
            if giver_id == taker_id:
                expected = CardChangeOutcome.SAME_CARD
            elif giver.personal:
                expected = CardChangeOutcome.PERSONAL_CARD
            elif giver.status is not CardStatus.ACTIVE:
                expected = CardChangeOutcome.WRONG_STATUS
            elif taker.status is not CardStatus.ACTIVE:
                expected = CardChangeOutcome.TARGET_UNUSABLE
            elif giver.left < visits:
                expected = CardChangeOutcome.NOT_ENOUGH_VISITS
            else:
                expected = CardChangeOutcome.OK
                giver.total -= visits
                taker.total += visits
            assert result.outcome is expected

        @invariant()
        def database_agrees_with_the_model(self):
            db.session.expire_all()
            for card_id, expected in self.model.items():
                card = db.session.get(Card, card_id)
                active = db.session.scalar(
                    select(func.count())
                    .select_from(CheckIn)
                    .where(CheckIn.card_id == card_id, CheckIn.undone_at.is_(None))
                )
                assert card.visits_used == active == len(expected.sessions)
                assert card.visits_total == expected.total
                assert card.visits_left == expected.left >= 0
                assert card.status is expected.status

    run_state_machine_as_test(
        Ledger,
        settings=settings(
            max_examples=40,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
            database=None,
        ),
    )
