"""A round's results checked by hand: counts, response rate, distributions, mentions, free text, and the CSV."""

import csv
import io
from datetime import timedelta

import pytest

from kymppi.documents.spreadsheets import BOM, FinnishExcel
from kymppi.domain.errors import NotFound
from kymppi.domain.feedback_answers import Answer, save_answer
from kymppi.domain.feedback_results import CourseMentions, round_for_period, round_results
from kymppi.domain.feedback_sending import send_batch
from kymppi.domain.organization import opisto
from kymppi.models import BuyAgain
from tests.feedback_helpers import AT, BASE_URL, tokens_by_address

pytest_plugins = ["tests.feedback_fixtures"]


@pytest.fixture
def answered(smtp, world, round_id):
    """Four invited: three sent (one fails), two answer, one of them twice (the second counts)."""
    settings, inbox = smtp
    send_batch(round_id, base_url=BASE_URL, settings=settings, organization=opisto(), at=AT, size=10)
    tokens = tokens_by_address(inbox)
    gym, dance = world.course("gym").id, world.course("dance").id
    save_answer(tokens["maija@example.org"], Answer(rating=2), at=AT)
    save_answer(
        tokens["maija@example.org"],
        Answer(rating=5, course_ids=[gym, dance], good="Joustava, ei sitoutumista", buy_again=BuyAgain.YES),
        at=AT + timedelta(hours=1),
    )
    save_answer(
        tokens["anna@example.org"],
        Answer(rating=4, course_ids=[gym], improve='=HYPERLINK("http://x")', comment="Tack!\nHej då"),
        at=AT + timedelta(hours=2),
    )
    return round_id


def test_the_figures_match_a_hand_count(answered, period):
    results = round_results(answered)
    assert (results.invited, results.sent, results.failed, results.answered) == (4, 3, 1, 2)
    assert results.response_rate == pytest.approx(2 / 3)
    assert results.rating_average == pytest.approx(4.5)
    assert results.rating_counts == {1: 0, 2: 0, 3: 0, 4: 1, 5: 1}
    assert results.buy_again_counts == {BuyAgain.YES: 1, BuyAgain.NO: 0, BuyAgain.MAYBE: 0}
    assert results.buy_again_unanswered == 1
    assert results.course_mentions == [CourseMentions("Gym", 2), CourseMentions("Dance", 1)]
    assert [answer.good for answer in results.answers] == ["Joustava, ei sitoutumista", None]
    assert results.answers[1].comment == "Tack!\nHej då"
    assert (results.term_name, results.closed_at) == ("Syksy 2026", None)
    assert round_for_period(period) == answered


def test_a_round_nobody_answered_has_no_average(round_id):
    results = round_results(round_id)
    assert (results.answered, results.rating_average, results.response_rate) == (0, None, None)
    assert results.rating_counts == dict.fromkeys(range(1, 6), 0)


def test_an_unknown_round_raises_not_found(app):
    with pytest.raises(NotFound):
        round_results(404)


def test_the_results_page_shows_the_figures_and_escapes_the_answers(client, login, answered):
    login()
    page = client.get(f"/reports/feedback/{answered}/results").get_data(as_text=True)
    assert "<strong>67\u00a0%</strong> lähetetyistä" in page
    assert "Keskiarvo: <strong>4,5</strong>" in page
    assert "Joustava, ei sitoutumista" in page
    assert "=HYPERLINK(&#34;http://x&#34;)" in page and '=HYPERLINK("http://x")' not in page
    assert "Maija" not in page and "Anna Svensson" not in page  # no names for management


def test_the_csv_reads_back_in_the_finnish_excel_dialect(client, login, answered):
    login()
    response = client.get(f"/reports/feedback/{answered}/results.csv")
    assert response.headers["Content-Disposition"] == 'attachment; filename="palaute-2026-08-24-2026-12-13.csv"'
    text = response.get_data().decode("utf-8")
    assert text.startswith(BOM)
    rows = list(csv.reader(io.StringIO(text[len(BOM) :], newline=""), dialect=FinnishExcel))
    assert rows[0] == [
        "Vastattu",
        "Arvosana (1–5)",
        "Kurssit",
        "Mikä oli hyvää",
        "Mitä parantaa",
        "Ostaisi uudelleen",
        "Kommentti",
    ]
    assert rows[1] == ["23.11.2026 13:00", "5", "Dance, Gym", "Joustava, ei sitoutumista", "", "kyllä", ""]
    assert rows[2] == ["23.11.2026 14:00", "4", "Gym", "", '\'=HYPERLINK("http://x")', "", "Tack!\nHej då"]
    assert len(rows) == 3
