"""Rules 3 and 4 through real HTTP: gunicorn with two worker processes, many requests at once."""

from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import requests

from kymppi.domain.staff import create_api_token
from kymppi.extensions import db
from kymppi.models import Card
from tests.factories import SESSION_DAY, TERM_START, on
from tests.live_server import gunicorn


@pytest.fixture
def server(app, tmp_path):
    """Two worker processes with eight threads each, on the test's database."""
    with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, workers=2, threads=8) as base:
        yield base


def _post_all(base: str, token: str, bodies: list[dict]) -> list[requests.Response]:
    def post(body):
        return requests.post(
            f"{base}/api/v1/checkins", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=60
        )

    with ThreadPoolExecutor(max_workers=len(bodies)) as pool:
        return list(pool.map(post, bodies))


def test_thirty_http_scans_on_thirty_dates_take_exactly_ten_visits(server, world, make_card):
    card = make_card()
    # Scans from months back: only the office may date them so far in the past.
    token = create_api_token(world.office)
    bodies = [
        {
            "code": card.number,
            "course_id": world.course("gym").id,
            "scanned_at": on(TERM_START + timedelta(days=i)).isoformat(),
            "client_id": f"concurrent-{i:04d}",
        }
        for i in range(30)
    ]

    responses = _post_all(server, token, bodies)

    assert Counter((r.status_code, r.json()["status"]) for r in responses) == {
        (201, "ok"): 10,
        (409, "no_visits_left"): 20,
    }
    db.session.expire_all()
    assert db.session.get(Card, card.id).visits_left == 0


def test_twenty_http_scans_of_one_session_take_one_visit(server, world, make_card):
    card = make_card()
    token = create_api_token(world.office)
    body = {"code": card.secret, "course_id": world.course("gym").id, "scanned_at": on(SESSION_DAY).isoformat()}

    responses = _post_all(server, token, [body] * 20)

    assert Counter((r.status_code, r.json()["status"]) for r in responses) == {
        (201, "ok"): 1,
        (200, "already_checked_in"): 19,
    }
    db.session.expire_all()
    assert db.session.get(Card, card.id).visits_used == 1
