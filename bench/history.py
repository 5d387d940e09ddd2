"""Cost that does not grow with history: a check-in and a card's pages on 1 000 000 check-ins against 1 000.

    .venv/bin/python -m bench.history LONG_URL SHORT_URL [--repeat 200]

LONG_URL and SHORT_URL are datasets from `bench.dataset`, the second made with
`--short-history`: as many buyers, cards and courses, with a thousand
check-ins instead of a million. On each, in-process as in `bench.pages`, an
instructor's token posts sequential check-ins of distinct cards to one
session, and the office's and the buyer's pages of cards that have used the
same number of visits in both datasets are opened, so each page shows as much
history on both and only the size of the tables around it differs. Within 20 % is the target.
"""

import argparse
import random
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench.checkin_load import courses_taking_cards, scans_for
from bench.common import bench_app, log_in, write_result
from bench.dataset import INSTRUCTOR_EMAIL, OFFICE_EMAIL, PASSWORD
from bench.pages import WARM_UP, cycle, measure
from kymppi.config import database_url
from kymppi.domain.staff import create_api_token, user_by_email
from kymppi.extensions import db
from kymppi.models import Card, CheckIn

SEED = 13
MEASURED = ("check-in", "office card page", "buyer's card page")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("long_url")
    parser.add_argument("short_url")
    parser.add_argument("--repeat", type=int, default=200, help="timed check-ins and pages of each kind")
    arguments = parser.parse_args()
    run(database_url(arguments.long_url), database_url(arguments.short_url), repeat=arguments.repeat)


def run(long_url: str, short_url: str, *, repeat: int) -> dict[str, Any]:
    long_counts, short_counts = _cards_by_visits(long_url), _cards_by_visits(short_url)
    visits = max(
        (used for used in long_counts.keys() & short_counts.keys() if used > 0),
        key=lambda used: min(long_counts[used], short_counts[used]),
        default=None,
    )
    if visits is None:
        raise SystemExit("no card of one dataset has used as many visits as a card of the other")
    long, short = measure_history(long_url, visits, repeat), measure_history(short_url, visits, repeat)
    ratios = {name: round(long[name]["p50_ms"] / short[name]["p50_ms"], 3) for name in MEASURED}
    for name in MEASURED:
        print(
            f"  {name:<18} p50 {long[name]['p50_ms']:7.1f} ms with {long['check_ins']} check-ins, "
            f"{short[name]['p50_ms']:7.1f} ms with {short['check_ins']}: ×{ratios[name]:.2f}"
        )
    return write_result("history", long_url, {"repeat": repeat, "long": long, "short": short, "ratio_p50": ratios})


def _cards_by_visits(url: str) -> dict[int, int]:
    """How many cards have used each number of visits: the card pages compared must show as much history."""
    with tempfile.TemporaryDirectory() as instance:
        app = bench_app(url, Path(instance))
        with app.app_context():
            counts = dict(db.session.execute(select(Card.visits_used, func.count()).group_by(Card.visits_used)).all())
            db.engine.dispose()
    return counts


def measure_history(url: str, visits: int, repeat: int) -> dict[str, Any]:
    rng = random.Random(SEED)  # noqa: S311 (picks rows)
    with tempfile.TemporaryDirectory() as instance:
        app = bench_app(url, Path(instance))
        with app.app_context():
            token = create_api_token(user_by_email(INSTRUCTOR_EMAIL))
            scans = scans_for("http://127.0.0.1", courses_taking_cards(1)[0], repeat + WARM_UP)
            cards = db.session.execute(select(Card.number, Card.secret).where(Card.visits_used == visits)).all()
            cards = rng.sample(cards, min(len(cards), repeat + WARM_UP))
            check_ins = db.session.scalar(select(func.count()).select_from(CheckIn))
            engine = db.engine
        office, buyer, tablet = app.test_client(), app.test_client(), app.test_client()
        log_in(office, OFFICE_EMAIL, PASSWORD)
        queue = iter(scans)

        def check_in() -> int:
            response = tablet.post("/api/v1/checkins", json=next(queue), headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 201, response.get_json()
            return len(response.get_data())

        figures = {
            "check_ins": check_ins,
            "card_visits": visits,
            "check-in": measure(engine, check_in, min(repeat, len(scans) - WARM_UP)),
            "office card page": measure(engine, cycle(office, [f"/office/cards/{n}" for n, _ in cards]), repeat),
            "buyer's card page": measure(engine, cycle(buyer, [f"/k/{s}" for _, s in cards]), repeat),
        }
        engine.dispose()
    return figures


if __name__ == "__main__":
    main()
