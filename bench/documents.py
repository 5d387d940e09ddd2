"""Time and size of the PDFs the office prints: a card, a receipt, an A4 sheet of 500 cards, the term report.

    .venv/bin/python -m bench.documents sqlite:///test-artifacts/bench/full.sqlite3 [--repeat 20]

Asked for through the app's own addresses in-process, as in `bench.pages`, so
each figure includes finding the rows, drawing the PDF and sending it: what
the secretary waits for after the click. The sheet is posted as the card
list's "print selected" form posts it, with 500 card numbers, the most one
sheet may hold.
"""

import argparse
import random
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bench.common import bench_app, log_in, write_result
from bench.dataset import OFFICE_EMAIL, PASSWORD
from bench.pages import Targets, cycle, fixed, measure
from kymppi.config import database_url
from kymppi.domain.listings import MAX_SHEET_CARDS
from kymppi.extensions import db
from kymppi.models import Card, CardStatus

SEED = 11


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--repeat", type=int, default=20, help="timed documents of each kind (the sheet: a fifth)")
    arguments = parser.parse_args()
    run(database_url(arguments.url), repeat=arguments.repeat)


def run(url: str, *, repeat: int) -> dict[str, Any]:
    rng = random.Random(SEED)  # noqa: S311 (picks rows)
    with tempfile.TemporaryDirectory() as instance:
        app = bench_app(url, Path(instance))
        with app.app_context():
            printable = list(db.session.scalars(select(Card.number).where(Card.status == CardStatus.ACTIVE)))
            term = Targets.of_database(rng, 1).term.id
            engine = db.engine
        office = app.test_client()
        log_in(office, OFFICE_EMAIL, PASSWORD)
        cards = rng.sample(printable, min(len(printable), repeat + 3))
        sheet = rng.sample(printable, min(len(printable), MAX_SHEET_CARDS))

        def print_sheet() -> int:
            response = office.post("/office/cards/sheet.pdf", data={"number": sheet})
            assert response.status_code == 200 and response.mimetype == "application/pdf", response.status_code
            return len(response.get_data())

        documents = {
            "card PDF": measure(engine, cycle(office, [f"/office/cards/{n}/card.pdf" for n in cards]), repeat),
            "receipt PDF": measure(engine, cycle(office, [f"/office/cards/{n}/receipt.pdf" for n in cards]), repeat),
            f"A4 sheet of {len(sheet)} cards": measure(engine, print_sheet, max(1, repeat // 5), warm_up=1),
            "term report PDF": measure(engine, fixed(office, f"/reports/results.pdf?term={term}"), repeat),
        }
        engine.dispose()
    for name, figures in documents.items():
        print(
            f"  {name:<24} p50 {figures['p50_ms']:8.1f} ms  p95 {figures['p95_ms']:8.1f} ms  {figures['bytes']} bytes"
        )
    return write_result("documents", url, {"repeat": repeat, "documents": documents})


if __name__ == "__main__":
    main()
