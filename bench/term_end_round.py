"""The office's term-end round timed end to end in headless Chromium: list, emails, answers, report.

    .venv/bin/python bench/term_end_round.py [buyers]

Sells cards to `buyers` consenting buyers (default 300) on a temporary SQLite
database, serves it with gunicorn mailing to a local SMTP server, and walks
the round as the secretary does it (tests/term_end_walk.py): the buyer list
and its Excel file, starting the round with an edited and previewed message,
sending every invitation in batches, then — after thirty buyers have answered
from their mails on a phone — the results, their CSV, closing the round and
the PDF report. Prints the clicks and each step's machine time. Bounded: one
walk, one browser. Loopback only. Results are written up in docs/performance.md.
"""

import sys
import tempfile
from datetime import date
from pathlib import Path

from flask_migrate import upgrade
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kymppi import create_app
from kymppi.domain.clock import local_noon, utcnow
from kymppi.domain.passwords import hash_password
from kymppi.domain.sales import BuyerDetails, Sale, sell_card
from kymppi.extensions import db
from kymppi.models import CardType, CourseCategory, Language, Organization, PaymentMethod, Role, Term, TermKind, User
from tests.chromium import launch_chromium, log_in
from tests.feedback_helpers import body
from tests.live_server import gunicorn
from tests.mailbox import smtp_server
from tests.term_end_walk import answer_surveys, finish_round, run_office_round

PASSWORD = "bench-office-password"
ANSWERING = 30


def main() -> None:
    buyers = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as folder:
        uri = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        email = _term_of_buyers(uri, buyers)
        with smtp_server() as (port, inbox), sync_playwright() as playwright:
            # Every buyer answers from this one loopback address: lift the per-address survey throttle.
            environment = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port), "SURVEY_PAGE_LIMIT": "1000 per minute"}
            with gunicorn(uri, Path(folder), **environment) as base:
                browser = launch_chromium(playwright)
                page = browser.new_context(locale="fi-FI", accept_downloads=True).new_page()
                log_in(page, base, email, PASSWORD)
                walk, round_id = run_office_round(page, base, invited=buyers)
                links = [body(message) for message in inbox.messages[:ANSWERING]]
                answer_surveys(browser, base, links, rating=lambda n: 1 + n % 5)
                finish_round(page, base, walk, round_id)
                browser.close()
    print(f"{buyers} consenting buyers, {len(inbox.messages)} invitations mailed, {ANSWERING} answered")
    print(f"buyer list file: {walk.buyer_list_rows} rows; report PDF: {len(walk.report_pdf)} bytes")
    print(f"office clicks: {walk.clicks}")
    for step, seconds in walk.seconds.items():
        print(f"  {seconds:6.1f} s  {step}")
    print(f"  {walk.office_seconds:6.1f} s  machine time of the office's part in all")


def _term_of_buyers(uri: str, buyers: int) -> str:
    """A term, a card type and `buyers` cards sold to consenting buyers in three languages."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": uri, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        term_start, term_end = date(2026, 8, 24), date(2026, 12, 13)
        office = User(
            email="office@bench.example",
            name="Bench Office",
            role=Role.OFFICE,
            password_hash=hash_password(PASSWORD),
            created_at=utcnow(),
        )
        sport = CourseCategory(code="sport", name="Liikunta")
        card_type = CardType(
            name="Kymppikortti",
            visits=10,
            price_cents=5000,
            valid_from=term_start,
            valid_until=term_end,
            categories=[sport],
        )
        term = Term(
            name="Syksy 2026", kind=TermKind.AUTUMN, academic_year="2026-2027", starts_on=term_start, ends_on=term_end
        )
        db.session.add_all([Organization(name="Benchopisto"), office, sport, card_type, term])
        db.session.commit()
        languages = list(Language)
        for n in range(buyers):
            details = BuyerDetails(
                f"Ostaja {n:04d}",
                True,
                email=f"ostaja{n}@example.org",
                language=languages[n % 3],
                feedback_consent=True,
            )
            sale = Sale(card_type_id=card_type.id, payment_method=PaymentMethod.CASH, new_buyer=details)
            sell_card(sale, by=office, at=local_noon(date(2026, 9, 1)))
        email = office.email
        db.engine.dispose()
    return email


if __name__ == "__main__":
    main()
