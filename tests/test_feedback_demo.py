"""The demo's feedback round: open for the autumn term, every invitation sent, a few answers in, loaded once."""

from datetime import date

from kymppi.demo import load_demo
from kymppi.domain.feedback import round_state, rounds
from kymppi.domain.feedback_results import round_results
from kymppi.models import FeedbackRound
from tests.rows import count


def test_the_demo_has_an_open_round_with_answers(app):
    assert load_demo(today=date(2026, 11, 22))
    [round_] = rounds()
    state = round_state(round_.id)
    assert round_.is_open and round_.term.name == "Syksy 2026"
    assert state.invited > 3 and state.sent == state.invited and state.pending == 0
    results = round_results(round_.id)
    assert results.answered == 3 and results.rating_average == 4.0
    assert not load_demo(today=date(2026, 11, 22))
    assert count(FeedbackRound) == 1


def test_early_in_the_term_the_demo_has_no_round(app):
    assert load_demo(today=date(2026, 9, 7))
    assert count(FeedbackRound) == 0
