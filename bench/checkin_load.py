"""Check-ins under load on gunicorn, measured against the same server's /healthz.

    .venv/bin/python -m bench.checkin_load sqlite:///test-artifacts/bench/full.sqlite3 [--requests 3000 --seconds 15]

gunicorn serves the app on the generated database on 127.0.0.1 only, with 2
and then 4 workers of 4 threads each (docs/production.md runs it with
threads). For each concurrency (1, 8, 32) a load generator in a second process
(`bench.load_client`) first asks GET /healthz, then posts real check-ins to
POST /api/v1/checkins with an instructor's bearer token: the QR code's URL of
a distinct card each, valid today, with visits left, to one course session per
run. Every run is bounded by a request count and by time. /healthz is one
`SELECT 1` through the whole stack (gunicorn, Flask, the session, the
database), so the ratio of check-in to /healthz throughput says how much of
the framework's own ceiling a check-in's real work leaves.
"""

import argparse
import json
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bench.common import PROJECT_ROOT, bench_app, summary, write_result
from bench.dataset import INSTRUCTOR_EMAIL
from kymppi.config import database_url
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.staff import create_api_token, user_by_email
from kymppi.extensions import db
from kymppi.models import Card, CardStatus, CheckIn, Course
from tests.live_server import gunicorn

WORKERS = (2, 4)
THREADS = 4
CONCURRENCY = (1, 8, 32)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("--requests", type=int, default=3000, help="at most this many requests per run")
    parser.add_argument("--seconds", type=float, default=15, help="no new request after this long in a run")
    arguments = parser.parse_args()
    run(database_url(arguments.url), requests=arguments.requests, seconds=arguments.seconds)


def run(url: str, *, requests: int, seconds: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as folder:
        app = bench_app(url, Path(folder))
        with app.app_context():
            token = create_api_token(user_by_email(INSTRUCTOR_EMAIL))
            courses = iter(courses_taking_cards(len(WORKERS) * len(CONCURRENCY)))
        servers = {}
        for workers in WORKERS:
            runs = {}
            with gunicorn(url, Path(folder), workers=workers, threads=THREADS) as base:
                for concurrency in CONCURRENCY:
                    healthz = _load(base, "GET", "/healthz", concurrency, requests, seconds, bodies=None)
                    with app.app_context():
                        bodies = scans_for(base, next(courses), requests)
                    checkin = _load(base, "POST", "/api/v1/checkins", concurrency, requests, seconds, bodies, token)
                    ratio = checkin["per_second"] / healthz["per_second"]
                    runs[concurrency] = {"healthz": healthz, "checkin": checkin, "ratio": round(ratio, 3)}
                    print(
                        f"  {workers} workers, concurrency {concurrency:>2}: check-in {checkin['per_second']:7.1f}/s "
                        f"p99 {checkin['p99_ms']:6.1f} ms; /healthz {healthz['per_second']:7.1f}/s; ratio {ratio:.2f}"
                    )
            servers[workers] = runs
        with app.app_context():
            db.engine.dispose()
    return write_result(
        "checkin_load",
        url,
        {
            "gunicorn": {"workers": WORKERS, "threads": THREADS, "bind": "127.0.0.1"},
            "bounds": {"requests": requests, "seconds": seconds},
            "servers": servers,
        },
    )


def courses_taking_cards(count: int) -> list[int]:
    """Card-taking courses with no cap, one per run, so each run's scans are one session of their own."""
    found = db.session.scalars(
        select(Course.id).where(Course.accepts_cards.is_(True), Course.card_cap.is_(None)).order_by(Course.id.desc())
    ).all()
    if len(found) < count:
        raise SystemExit(f"the dataset has {len(found)} courses taking cards; the load needs {count}")
    return list(found[:count])


def scans_for(base: str, course_id: int, count: int) -> list[dict[str, Any]]:
    """What the scan page posts for `count` distinct cards that this course's session will accept today.

    Picked just before the run, so visits taken by the runs before it are
    counted; every scan carries its own client_id, as the page's offline queue sends.
    """
    today = local_date(utcnow())
    in_today = select(CheckIn.card_id).where(
        CheckIn.course_id == course_id, CheckIn.session_date == today, CheckIn.undone_at.is_(None)
    )
    secrets = db.session.scalars(
        select(Card.secret)
        .where(
            Card.status == CardStatus.ACTIVE,
            Card.valid_from <= today,
            Card.valid_until >= today,
            Card.visits_used < Card.visits_total,
            Card.id.not_in(in_today),
        )
        .order_by(Card.id)
        .limit(count)
    ).all()
    if not secrets:
        raise SystemExit("no card in the dataset is valid today with visits left")
    return [
        {"code": f"{base}/k/{secret}", "course_id": course_id, "source": "camera", "client_id": uuid.uuid4().hex}
        for secret in secrets
    ]


def _load(
    base: str,
    method: str,
    path: str,
    concurrency: int,
    requests: int,
    seconds: float,
    bodies: list[dict[str, Any]] | None,
    token: str | None = None,
) -> dict[str, Any]:
    job = {
        "base_url": base,
        "method": method,
        "path": path,
        "bodies": bodies,
        "requests": requests,
        "token": token,
        "concurrency": concurrency,
        "seconds": seconds,
    }
    client = subprocess.run(
        [sys.executable, "-m", "bench.load_client"],
        input=json.dumps(job),
        capture_output=True,
        text=True,
        check=True,
        cwd=PROJECT_ROOT,
    )
    figures = json.loads(client.stdout)
    expected = 201 if bodies is not None else 200
    statuses = {int(status): count for status, count in figures["statuses"].items()}
    unexpected = sum(count for status, count in statuses.items() if status != expected)
    return {
        **summary(figures["latencies"]),
        "per_second": round(len(figures["latencies"]) / figures["wall_seconds"], 1),
        "statuses": statuses,
        "unexpected": unexpected,
    }


if __name__ == "__main__":
    main()
