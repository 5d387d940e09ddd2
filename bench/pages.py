"""Server time of the office's, the instructor's and the buyer's pages on a generated dataset.

    .venv/bin/python -m bench.pages sqlite:///test-artifacts/bench/full.sqlite3 [--repeat 50]

Each page is requested in-process through Flask's test client, logged in
through the real login form, and timed from the request to the last byte of
the response: routing, the views, every SQL statement and the template, but no
network and no gunicorn. A few requests warm each page up first (templates
compiled, caches filled) and are not counted. Pages that show one card or one
buyer are asked for a different one each time, picked at random with the same
seed each run, so no single row's cache flatters them. Every response must be
a 200, and the statements each request sent are counted, so an N+1 query shows
up as a number that grows with the page instead of as a vague slowness.
"""

import argparse
import itertools
import random
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine, event, select

from bench.common import bench_app, log_in, summary, timed, write_result
from bench.dataset import INSTRUCTOR_EMAIL, OFFICE_EMAIL, PASSWORD
from kymppi.config import database_url
from kymppi.domain.clock import local_date, utcnow
from kymppi.extensions import db
from kymppi.models import Buyer, Card, CheckIn, Term, TermKind

WARM_UP = 3
SEED = 9
# What the secretary types into the sale page's search, one keystroke at a time.
TYPED = ("Vi", "Vir", "Virt", "Virta", "Virtan", "Virtanen", "Virtanen A")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--repeat", type=int, default=50, help="timed requests per page (exports: a fifth)")
    arguments = parser.parse_args()
    run(database_url(arguments.url), repeat=arguments.repeat)


def run(url: str, *, repeat: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as instance:
        app = bench_app(url, Path(instance))
        # Requests must run outside this context: inside it they would share its `g`, and with it the logged-in user.
        with app.app_context():
            targets = Targets.of_database(random.Random(SEED), max(repeat, 1) + WARM_UP)  # noqa: S311 (picks rows)
            engine = db.engine
        pages = measure_pages(app, engine, targets, repeat)
        engine.dispose()
    return write_result("pages", url, {"repeat": repeat, "server_time": "Flask test client, in-process", **pages})


@dataclass(frozen=True)
class Targets:
    """The rows the pages are asked about: real cards, buyers and terms of the generated data."""

    cards: list[tuple[str, str]]
    term: Term
    year: tuple[date, date]
    surname: str

    @classmethod
    def of_database(cls, rng: random.Random, count: int) -> "Targets":
        """`count` cards that have been used (their pages have a history to show), and what to report on:
        the last autumn term that has ended, and its whole academic year for the exports."""
        used = select(Card.number, Card.secret).where(Card.id.in_(select(CheckIn.card_id).distinct()))
        cards = [tuple(row) for row in db.session.execute(used.order_by(Card.id))]
        finished = select(Term).where(Term.kind == TermKind.AUTUMN, Term.ends_on < local_date(utcnow()))
        autumn = db.session.scalars(finished.order_by(Term.starts_on.desc())).first()
        spring = db.session.scalars(
            select(Term).where(Term.kind == TermKind.SPRING, Term.academic_year == autumn.academic_year)
        ).one()
        surname = db.session.scalar(select(Buyer.name).order_by(Buyer.id).limit(1)).split()[-1]
        return cls(rng.sample(cards, min(count, len(cards))), autumn, (autumn.starts_on, spring.ends_on), surname)


def measure_pages(app: Flask, engine: Engine, targets: Targets, repeat: int) -> dict[str, Any]:
    office, instructor, buyer = app.test_client(), app.test_client(), app.test_client()
    log_in(office, OFFICE_EMAIL, PASSWORD)
    log_in(instructor, INSTRUCTOR_EMAIL, PASSWORD)
    term = f"term={targets.term.id}"
    year = f"starts_on={targets.year[0].isoformat()}&ends_on={targets.year[1].isoformat()}"
    numbers = [number for number, _ in targets.cards]
    secrets = [secret for _, secret in targets.cards]
    exports = max(1, repeat // 5)
    pages = {
        "office card list": fixed(office, "/office/cards"),
        "office card list, search": fixed(office, f"/office/cards?q={targets.surname}"),
        "office card list, page 40": fixed(office, "/office/cards?page=40"),
        "buyer search as you type": cycle(office, [f"/office/buyers/search?q={typed}" for typed in TYPED]),
        "office buyer list, by name": fixed(office, "/office/buyers"),
        "office card page": cycle(office, [f"/office/cards/{number}" for number in numbers]),
        "buyer's card page": cycle(buyer, [f"/k/{secret}" for secret in secrets]),
        "instructor's today page": fixed(instructor, "/checkin/"),
        "term buyer list": fixed(office, f"/reports/buyers?{term}"),
        "results report": fixed(office, f"/reports/results?{term}"),
    }
    downloads = {
        "buyer export CSV, academic year": fixed(office, f"/reports/buyers.csv?{year}"),
        "buyer export XLSX, academic year": fixed(office, f"/reports/buyers.xlsx?{year}"),
        "results report PDF": fixed(office, f"/reports/results.pdf?{term}"),
    }
    results = {name: measure(engine, request, repeat) for name, request in pages.items()}
    results |= {name: measure(engine, request, exports) for name, request in downloads.items()}
    csv = office.get(f"/reports/buyers.csv?{year}").get_data(as_text=True)
    for name, figures in results.items():
        print(f"  {name:<34} p50 {figures['p50_ms']:8.1f} ms  p95 {figures['p95_ms']:8.1f} ms", end="")
        print(f"  {figures['statements']} statements, {figures['bytes']} bytes")
    return {
        "pages": results,
        "export_rows": csv.count("\n") - 1,
        "report_term": targets.term.name,
        "export_period": [day.isoformat() for day in targets.year],
    }


Request = Callable[[], Any]


def fixed(client: FlaskClient, path: str) -> Request:
    return lambda: _get(client, path)


def cycle(client: FlaskClient, paths: Sequence[str]) -> Request:
    """A different row's page on each call, round and round."""
    upcoming = itertools.cycle(paths)
    return lambda: _get(client, next(upcoming))


def _get(client: FlaskClient, path: str) -> int:
    response = client.get(path)
    body = response.get_data()
    assert response.status_code == 200, f"{path}: {response.status_code}"
    return len(body)


def measure(engine: Engine, request: Request, repeat: int, *, warm_up: int = WARM_UP) -> dict[str, Any]:
    """Timed requests after the warm-up, with the statements and bytes of the last one."""
    for _ in range(warm_up):
        request()
    durations, statements, size = [], 0, 0
    for _ in range(repeat):
        statements = 0

        def count(*_args):
            nonlocal statements
            statements += 1

        event.listen(engine, "before_cursor_execute", count)
        try:
            seconds, size = timed(request)
        finally:
            event.remove(engine, "before_cursor_execute", count)
        durations.append(seconds)
    return {**summary(durations), "statements": statements, "bytes": size}


if __name__ == "__main__":
    main()
