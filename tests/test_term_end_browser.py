"""The whole term-end round in a real browser, as the office runs it: list, emails, answers, report.

Gunicorn serves the app and mails through a real local SMTP server; the
buyers answer from the links in the mails they got, on a phone-sized page.
bench/term_end_round.py times the same walk with a larger list.
"""

import csv
import io
from datetime import date

import pytest

from kymppi.documents.spreadsheets import FinnishExcel
from kymppi.domain.checkin import check_in
from tests import pdfs
from tests.chromium import log_in
from tests.factories import on
from tests.feedback_helpers import body
from tests.live_server import gunicorn
from tests.mailbox import smtp_server
from tests.term_end_walk import answer_surveys, finish_round, run_office_round

pytestmark = pytest.mark.slow

# "A few clicks": the list, its file, starting, an edited and previewed message, sending,
# the results and their file, closing, and the PDF report.
MOST_CLICKS = 20


@pytest.fixture
def term_buyers(world, make_card):
    """Three consenting buyers with email (fi, sv, en), one consenting with a phone only, one without consent."""
    cards = [
        make_card(name="Aino Aalto", email="aino@example.org", feedback_consent=True),
        make_card(name="Bertil Berg", email="bertil@example.org", language="sv", feedback_consent=True),
        make_card(name="Chris Cole", email="chris@example.org", language="en", feedback_consent=True),
        make_card(name="Puhelin Pekka", email=None, phone="040 111 2222", feedback_consent=True),
        make_card(name="Ei Lupaa", email="ei@example.org", feedback_consent=False),
    ]
    for card in cards:
        check_in(card.secret, world.course("gym").id, by=world.instructor, at=on(date(2026, 9, 7)))
    return cards


def test_the_office_runs_the_whole_round_in_a_few_clicks(app, browser, world, term_buyers, tmp_path):
    with smtp_server() as (port, inbox):
        environment = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port), "FEEDBACK_BATCH_SIZE": "2"}
        with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, **environment) as base:
            context = browser.new_context(locale="fi-FI", accept_downloads=True)
            try:
                page = context.new_page()
                log_in(page, base, world.office.email)
                walk, round_id = run_office_round(page, base, invited=3)
                mails = {message["To"].addresses[0].addr_spec: message for message in inbox.messages}
                assert sorted(mails) == ["aino@example.org", "bertil@example.org", "chris@example.org"]
                assert mails["bertil@example.org"]["Subject"] != mails["aino@example.org"]["Subject"]
                assert mails["aino@example.org"]["Subject"] == "Miten kymppikortti toimi? Kerro meille"
                links = [body(mails[address]) for address in sorted(mails)]
                answer_surveys(browser, base, links, rating=lambda n: 5 - n)
                finish_round(page, base, walk, round_id)
            finally:
                context.close()

    assert walk.buyer_list_rows == 4  # the consenting ones, the phone-only buyer too; not "Ei Lupaa"
    answers = list(csv.reader(io.StringIO(walk.results_csv.decode("utf-8-sig")), dialect=FinnishExcel))[1:]
    assert sorted(row[1] for row in answers) == ["3", "4", "5"]
    text = pdfs.text(walk.report_pdf).replace("\u00a0", " ")
    for expected in ("Palaute", "Vastauksia", "100 %", "4,0", "Kokonaisarvio keskimäärin (1–5)"):
        assert expected in text, expected
    assert walk.clicks <= MOST_CLICKS, walk.clicks
    assert set(walk.seconds) == {
        "buyer list and its Excel file",
        "start the round, edit and preview the message",
        "send the invitations",
        "read the results, export them, close the round",
        "the report for management as a PDF",
    }
