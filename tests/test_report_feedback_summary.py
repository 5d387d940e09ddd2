"""The results report shows the period's feedback round: response rate, ratings, buy-again; page and PDF.

The round is hand-counted: four of the term's buyers gave consent and were
mailed; three answered (ratings 5, 4 and 4; buy again yes, yes, maybe).
"""

from datetime import date

import pytest

from kymppi.documents.report_pdf import report_pdf
from kymppi.domain.feedback import close_round, start_round
from kymppi.domain.feedback_answers import Answer, save_answer
from kymppi.domain.organization import opisto
from kymppi.domain.periods import Period
from kymppi.domain.term_results import term_results
from kymppi.extensions import db
from kymppi.models import BuyAgain, Buyer
from kymppi.reports import results as results_view
from tests import pdfs
from tests.factories import on
from tests.feedback_helpers import invite
from tests.queries import statements_of

MID_TERM = date(2026, 11, 30)
ANSWERS = {"aino": (5, BuyAgain.YES), "bertta": (4, BuyAgain.YES), "cecilia": (4, BuyAgain.MAYBE)}


@pytest.fixture
def answered_round(term_sales):
    cards = term_sales.cards
    for key in ("aino", "bertta", "cecilia", "daniel"):
        db.session.get(Buyer, cards[key].buyer_id).feedback_consent = True
    db.session.commit()
    term = Period.of_term(term_sales.world.term)
    round_id = start_round(term, by=term_sales.world.office, at=on(date(2026, 12, 1))).round_id
    tokens = {key: invite(round_id, cards[key]) for key in ("aino", "bertta", "cecilia", "daniel")}
    for key, (rating, again) in ANSWERS.items():
        save_answer(tokens[key], Answer(rating=rating, buy_again=again), at=on(date(2026, 12, 2)))
    return round_id, tokens


def test_the_report_has_the_rounds_figures(term_sales, answered_round):
    feedback = term_results(Period.of_term(term_sales.world.term), today=MID_TERM).feedback
    assert (feedback.sent, feedback.answered) == (4, 3)
    assert feedback.response_rate == 0.75
    assert feedback.rating_average == pytest.approx(13 / 3)
    assert feedback.rating_counts == {1: 0, 2: 0, 3: 0, 4: 2, 5: 1}
    assert feedback.buy_again_counts == {BuyAgain.YES: 2, BuyAgain.NO: 0, BuyAgain.MAYBE: 1}


def test_a_period_without_a_round_has_no_feedback(term_sales):
    assert term_results(Period.of_term(term_sales.world.term), today=MID_TERM).feedback is None
    october = Period(date(2026, 10, 1), date(2026, 10, 31))
    assert term_results(october, today=MID_TERM).feedback is None


def test_the_feedback_costs_a_fixed_number_of_queries_however_many_answered(term_sales, answered_round):
    term = Period.of_term(term_sales.world.term)

    def queries() -> int:
        db.session.expire_all()  # counted cold, as a new request would
        return statements_of(lambda: term_results(term, today=MID_TERM))

    before = queries()
    _, tokens = answered_round
    save_answer(tokens["daniel"], Answer(rating=2, buy_again=BuyAgain.NO), at=on(date(2026, 12, 3)))
    assert queries() == before


@pytest.fixture
def office(client, login, monkeypatch):
    login()
    monkeypatch.setattr(results_view, "utcnow", lambda: on(MID_TERM))
    return client


def test_the_dashboard_shows_the_feedback_summary_and_its_chart(office, term_sales, answered_round):
    page = office.get("/reports/results", query_string={"term": term_sales.world.term.id}).get_data(as_text=True)
    text = page.replace("\u00a0", " ")
    assert "Palautteen vastausprosentti" in text and "75 %" in text
    assert "Kokonaisarvio keskimäärin (1–5)" in text and "4,3" in text
    assert "Ostaisi kortin uudelleen: kyllä" in text
    assert "vielä avoinna" in text
    chart = office.get("/reports/results/ratings.svg", query_string={"term": term_sales.world.term.id})
    assert chart.status_code == 200 and chart.mimetype == "image/svg+xml"
    assert "<rect" in chart.get_data(as_text=True)


def test_a_closed_round_says_when(office, term_sales, answered_round):
    close_round(answered_round[0], by=term_sales.world.office, at=on(date(2026, 12, 14)))
    page = office.get("/reports/results", query_string={"term": term_sales.world.term.id}).get_data(as_text=True)
    assert "suljettu 14.12.2026" in page


def test_without_a_round_the_dashboard_says_so(office, term_sales):
    page = office.get("/reports/results", query_string={"term": term_sales.world.term.id}).get_data(as_text=True)
    assert "<dt>Palautekierros</dt><dd>ei tehty</dd>" in page
    assert "Palautteen vastausprosentti" not in page and "ratings.svg" not in page


def test_the_pdf_has_the_feedback_summary(term_sales, answered_round):
    results = term_results(Period.of_term(term_sales.world.term), today=MID_TERM)
    text = pdfs.text(report_pdf(results, opisto(), made_on=MID_TERM)).replace("\u00a0", " ")
    for expected in ("Palaute", "Vastausprosentti", "75 %", "4,3", "Ostaisi kortin uudelleen: ehkä"):
        assert expected in text, expected
