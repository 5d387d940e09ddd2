"""Rules 3 and 4 through real HTTP: gunicorn with two worker processes, many requests at once."""

import os
import socket
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import requests

from kymppi.domain.staff import create_api_token
from kymppi.extensions import db
from kymppi.models import Card
from tests.factories import SESSION_DAY, TERM_START, on


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def server(app, tmp_path):
    """The app served by gunicorn, 2 workers × 8 threads, on the test's own database."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "SECRET_KEY": "served-test",
        "KYMPPI_INSTANCE_PATH": str(tmp_path),
    }
    log = open(tmp_path / "gunicorn.log", "w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            "2",
            "--threads",
            "8",
            "--bind",
            f"127.0.0.1:{port}",
            "kymppi:create_app()",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


def _wait_until_up(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn exited"
        try:
            if requests.get(f"{base}/login", timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start in 30 s")


def _post_all(base: str, token: str, bodies: list[dict]) -> list[requests.Response]:
    def post(body):
        return requests.post(
            f"{base}/api/v1/check-ins", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=60
        )

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(post, bodies))


def test_fifty_http_scans_on_fifty_dates_take_exactly_ten_visits(server, world, make_card):
    card = make_card()
    token = create_api_token(world.instructor)
    bodies = [
        {"code": card.number, "course_id": world.course("gym").id, "at": on(TERM_START + timedelta(days=i)).isoformat()}
        for i in range(50)
    ]

    responses = _post_all(server, token, bodies)

    assert Counter((r.status_code, r.json()["outcome"]) for r in responses) == {
        (201, "ok"): 10,
        (200, "no_visits_left"): 40,
    }
    db.session.expire_all()
    assert db.session.get(Card, card.id).visits_left == 0


def test_twenty_http_scans_of_one_session_take_one_visit(server, world, make_card):
    card = make_card()
    token = create_api_token(world.instructor)
    body = {"code": card.secret, "course_id": world.course("gym").id, "at": on(SESSION_DAY).isoformat()}

    responses = _post_all(server, token, [body] * 20)

    assert Counter((r.status_code, r.json()["outcome"]) for r in responses) == {
        (201, "ok"): 1,
        (200, "already_checked_in"): 19,
    }
    db.session.expire_all()
    assert db.session.get(Card, card.id).visits_used == 1
