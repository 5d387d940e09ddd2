"""Check-in latency through the domain layer, sequential and with concurrent threads.

    .venv/bin/python bench/checkin_latency.py                      # SQLite in a temp dir
    .venv/bin/python bench/checkin_latency.py postgresql://postgres@127.0.0.1/test

For PostgreSQL the URL names a database the benchmark may use to create (and
drop) its own. Results are written up in docs/performance.md.
"""

import secrets
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from datetime import time as clock_time

import psycopg
from flask_migrate import upgrade
from sqlalchemy.engine import make_url

from kymppi import create_app
from kymppi.config import database_url
from kymppi.domain.checkin import check_in
from kymppi.domain.clock import local_noon, utcnow
from kymppi.domain.sales import BuyerDetails, Sale, sell_card
from kymppi.extensions import db
from kymppi.models import CardType, Course, CourseCategory, PaymentMethod, Role, Term, TermKind, User

CARDS = 400
THREADS = 8
DAY = date(2026, 11, 23)


def main() -> None:
    target = sys.argv[1] if len(sys.argv) > 1 else None
    url, cleanup = _database(target)
    try:
        app = create_app(
            {
                "SQLALCHEMY_DATABASE_URI": url,
                "SECRET_KEY": "bench",
                "SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": THREADS + 2},
            }
        )
        with app.app_context():
            upgrade()
            course_id, numbers, user = _setup()
            sequential = _timed(
                [lambda n=n: check_in(n, course_id, by=user, at=local_noon(DAY)) for n in numbers[:200]]
            )
            concurrent, wall = _concurrent(app, course_id, numbers[200:], user.id)
            db.engine.dispose()
        backend = make_url(url).get_backend_name()
        print(
            f"{backend}: sequential check-in p50 {_ms(sequential, 50)} p95 {_ms(sequential, 95)} ms; "
            f"{THREADS} threads p50 {_ms(concurrent, 50)} p95 {_ms(concurrent, 95)} ms, "
            f"{len(concurrent) / wall:.0f} check-ins/s"
        )
    finally:
        cleanup()


def _database(target: str | None):
    if target is None:
        folder = tempfile.TemporaryDirectory()
        return f"sqlite:///{folder.name}/bench.sqlite3", folder.cleanup
    admin = make_url(database_url(target)).set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"kymppi_bench_{secrets.token_hex(4)}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")

    def drop():
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    return make_url(database_url(target)).set(database=name).render_as_string(hide_password=False), drop


def _setup():
    sport = CourseCategory(code="liikunta", name="Liikunta")
    term = Term(
        name="Syksy",
        kind=TermKind.AUTUMN,
        academic_year="2026-2027",
        starts_on=date(2026, 8, 24),
        ends_on=date(2026, 12, 13),
    )
    card_type = CardType(
        name="Kymppikortti", price_cents=5000, valid_from=term.starts_on, valid_until=term.ends_on, categories=[sport]
    )
    office = User(email="office@bench", name="Office", role=Role.OFFICE, password_hash="x", created_at=utcnow())
    instructor = User(
        email="teacher@bench", name="Teacher", role=Role.INSTRUCTOR, password_hash="x", created_at=utcnow()
    )
    course = Course(
        code="B1",
        name="Jumppa",
        category=sport,
        term=term,
        accepts_cards=True,
        weekday=0,
        starts_at=clock_time(18),
        ends_at=clock_time(19),
        card_cap=None,
    )
    db.session.add_all([sport, term, card_type, office, instructor, course])
    db.session.commit()
    buyer = BuyerDetails("Bench Buyer", True, email="buyer@example.org")
    numbers = [
        sell_card(Sale(card_type.id, PaymentMethod.CASH, new_buyer=buyer), by=office, at=local_noon(DAY)).card.number
        for _ in range(CARDS)
    ]
    return course.id, numbers, instructor


def _timed(calls) -> list[float]:
    durations = []
    for call in calls:
        start = time.perf_counter()
        assert call().ok
        durations.append(time.perf_counter() - start)
    return durations


def _concurrent(app, course_id: int, numbers: list[str], user_id: int):
    chunks = [numbers[i::THREADS] for i in range(THREADS)]
    durations: list[float] = []
    lock = threading.Lock()

    def work(chunk):
        with app.app_context():
            user = db.session.get(User, user_id)
            mine = _timed(
                [lambda n=n: check_in(n, course_id, by=user, at=local_noon(DAY) + timedelta(hours=1)) for n in chunk]
            )
            db.session.remove()
        with lock:
            durations.extend(mine)

    threads = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return durations, time.perf_counter() - start


def _ms(durations: list[float], percentile: int) -> str:
    return f"{statistics.quantiles(durations, n=100)[percentile - 1] * 1000:.1f}"


if __name__ == "__main__":
    main()
