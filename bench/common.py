"""What the benchmarks share: the app on a generated database, timing summaries and the results' files.

Each benchmark writes one JSON file to test-artifacts/bench/, named after
itself and the database backend, so a run on SQLite and one on PostgreSQL sit
side by side and `python -m bench` can turn them into the tables of
docs/performance.md without measuring anything again.
"""

import json
import os
import platform
import sqlite3
import statistics
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.engine import make_url

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESULTS = PROJECT_ROOT / "test-artifacts" / "bench"


def backend_of(url: str) -> str:
    """ "sqlite" or "postgresql": the part of a result's file name that says where it was measured."""
    return make_url(url).get_backend_name()


def bench_app(url: str, instance: Path) -> Flask:
    """The real app on `url`, as gunicorn would build it, minus what would skew the timing.

    CSRF is off so a benchmark can post forms without first fetching them, and
    rate limits are off because a benchmark is one client asking a thousand
    times; neither is on the path being measured. The instance folder is the
    benchmark's own, so nothing is written into the project's instance/.
    """
    from kymppi import create_app

    os.environ["KYMPPI_INSTANCE_PATH"] = str(instance)
    return create_app(
        {
            "SQLALCHEMY_DATABASE_URI": url,
            "SECRET_KEY": "bench",
            "BASE_URL": "http://127.0.0.1",
            "WTF_CSRF_ENABLED": False,
            "RATELIMIT_ENABLED": False,
        }
    )


def log_in(client: FlaskClient, email: str, password: str) -> None:
    """Log the test client in through the real login form, so the session is the one a browser gets."""
    response = client.post("/login", data={"email": email, "password": password})
    assert response.status_code == 302, f"login as {email} failed: {response.status_code}"


def timed(call: Callable[[], Any]) -> tuple[float, Any]:
    """Seconds `call()` took, and what it returned."""
    start = time.perf_counter()
    value = call()
    return time.perf_counter() - start, value


def summary(durations: list[float]) -> dict[str, float]:
    """Count, p50, p95, p99 and mean of durations in seconds, as milliseconds."""
    ordered = sorted(durations)
    if len(ordered) == 1:
        cuts = [ordered[0]] * 99
    else:
        cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "n": len(ordered),
        "p50_ms": round(cuts[49] * 1000, 2),
        "p95_ms": round(cuts[94] * 1000, 2),
        "p99_ms": round(cuts[98] * 1000, 2),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 2),
    }


def write_result(name: str, url: str, data: dict[str, Any]) -> Path:
    """Save one benchmark's figures with the machine and database they were measured on."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}-{backend_of(url)}.json"
    document = {"benchmark": name, "machine": machine(url), **data}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {path.relative_to(PROJECT_ROOT)}")
    return path


def machine(url: str) -> dict[str, Any]:
    """Where a figure was measured: without this a number can't be compared with the next run's."""
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "database": backend_of(url),
        "database_version": _database_version(url),
    }


def _cpu_model() -> str:
    lscpu = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    for line in lscpu.splitlines():
        if line.startswith("Model name:"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def _database_version(url: str) -> str:
    if backend_of(url) == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    from sqlalchemy import create_engine

    from kymppi.config import database_url

    engine = create_engine(database_url(url))
    try:
        with engine.connect() as connection:
            return f"PostgreSQL {connection.scalar(text('SHOW server_version'))}"
    finally:
        engine.dispose()
