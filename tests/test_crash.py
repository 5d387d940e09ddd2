"""A crash under load loses nothing a client was told: kill -9 gunicorn mid-check-in, start it again.

Tablets trust a 201: the holder walks in and the tablet forgets the scan. So
every 201 that reached a client must be in the database after the server
dies without warning (power cut, OOM killer), the counters must still add
up, and a scan whose answer never came must be safe to send again with the
same client_id: it is recorded once, whether or not the first try made it.

The load is fixed and small: 600 check-ins of 200 cards into 180 course
sessions from 8 client threads. A third of the cards have two visits, so
their third scans are refused for no visits left and the counters meet
their limit during the crash, not only below it.
"""

import os
import signal
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from sqlalchemy import func, select

from kymppi.domain.staff import create_api_token
from kymppi.extensions import db
from kymppi.models import Card, CardType, CheckIn, RefusedScan
from tests.factories import TERM_END, TERM_START, on
from tests.live_server import gunicorn

CARDS = 200
ROUNDS = 3  # scans per card, each into a session of its own
CLIENTS = 8
TIMEOUT = (5, 10)  # connect, read: a dead server must not hang the test
SESSION_DAYS = 30


@dataclass(frozen=True)
class Answer:
    status: int
    body: dict


def _scans(cards: list[Card], course_ids: tuple[int, int]) -> list[dict]:
    """Round by round, every card into a session (course and date) it hasn't been in yet.

    All dates are well before today, so the office's token may backdate them.
    """
    return [
        {
            "code": card.number,
            "course_id": course_ids[(n + scan) % 2],
            "scanned_at": on(TERM_START + timedelta(days=scan * SESSION_DAYS + n % SESSION_DAYS)).isoformat(),
            "client_id": f"crash-{scan}-{n:04d}",
            "source": "camera",
        }
        for scan in range(ROUNDS)
        for n, card in enumerate(cards)
    ]


def _post(base: str, token: str, body: dict) -> Answer | None:
    """The answer, or None if none came: the server died before or while answering."""
    try:
        response = requests.post(
            f"{base}/api/v1/checkins", json=body, headers={"Authorization": f"Bearer {token}"}, timeout=TIMEOUT
        )
    except requests.RequestException:
        return None
    return Answer(response.status_code, response.json())


def _kill_gunicorn(pid_file: Path) -> None:
    """SIGKILL the master and its workers: nothing gets to finish a request or roll back.

    The server shares pytest's process group, so its processes are killed by
    pid, the master first so it can't fork a replacement for a killed worker.
    """
    master = int(pid_file.read_text())
    workers = [int(pid) for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split()]
    assert len(workers) == 2, workers
    for pid in (master, *workers):
        os.kill(pid, signal.SIGKILL)


def _load_until_killed(base: str, token: str, scans: list[dict], pid_file: Path) -> list[Answer | None]:
    """Send every scan from several threads; kill the server once three in four are answered.

    By then the last round is under way, so two-visit cards are being refused while the server dies.
    """
    answered = Counter()
    mostly_answered = threading.Event()
    lock = threading.Lock()

    def send(body: dict) -> Answer | None:
        answer = _post(base, token, body)
        if answer is not None:
            with lock:
                answered["n"] += 1
                if answered["n"] >= len(scans) * 3 // 4:
                    mostly_answered.set()
        return answer

    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        futures = [pool.submit(send, body) for body in scans]
        assert mostly_answered.wait(timeout=40), "the server answered too few scans in 40 s"
        _kill_gunicorn(pid_file)
        return [future.result(timeout=30) for future in futures]


def _recorded(client_ids: list[str]) -> tuple[dict[str, CheckIn], dict[str, RefusedScan]]:
    db.session.expire_all()
    check_ins = {
        row.client_id: row for row in db.session.scalars(select(CheckIn).where(CheckIn.client_id.in_(client_ids)))
    }
    refusals = {
        row.client_id: row
        for row in db.session.scalars(select(RefusedScan).where(RefusedScan.client_id.in_(client_ids)))
    }
    return check_ins, refusals


def _assert_counters_add_up(cards: list[Card]) -> None:
    """Rule 4 and the ledger: each card's used visits are exactly its active check-ins, within 0 … total."""
    active = dict(
        db.session.execute(
            select(CheckIn.card_id, func.count()).where(CheckIn.undone_at.is_(None)).group_by(CheckIn.card_id)
        ).all()
    )
    for card in cards:
        row = db.session.get(Card, card.id)
        assert 0 <= row.visits_used <= row.visits_total, (row.number, row.visits_used, row.visits_total)
        assert row.visits_used == active.get(card.id, 0), (row.number, row.visits_used, active.get(card.id, 0))


@pytest.fixture
def cards(world, make_card) -> list[Card]:
    """Ten-visit cards, and every third card with two visits."""
    two_visits = CardType(
        name="Kaksi käyntiä",
        visits=2,
        price_cents=1000,
        valid_from=TERM_START,
        valid_until=TERM_END,
        categories=world.card_type.categories,
    )
    db.session.add(two_visits)
    db.session.commit()
    return [make_card(card_type=two_visits if n % 3 == 0 else None) for n in range(CARDS)]


@pytest.mark.slow
def test_kill_9_under_check_in_load_loses_no_answered_visit(app, world, cards, tmp_path):
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    token = create_api_token(world.office)
    scans = _scans(cards, (world.course("gym").id, world.course("dance").id))
    client_ids = [scan["client_id"] for scan in scans]
    before, after = tmp_path / "before-crash", tmp_path / "after-crash"
    before.mkdir()
    after.mkdir()
    pid_file = before / "gunicorn.pid"

    with gunicorn(uri, before, workers=2, GUNICORN_CMD_ARGS=f"--pid {pid_file}") as base:
        answers = _load_until_killed(base, token, scans, pid_file)

    unanswered = [scan for scan, answer in zip(scans, answers, strict=True) if answer is None]
    statuses = Counter(answer.status for answer in answers if answer is not None)
    assert unanswered, "the crash came after the last scan; nothing was in flight"
    assert set(statuses) <= {201, 409}, statuses

    # What each client was told is what the database holds.
    check_ins, refusals = _recorded(client_ids)
    told = dict(zip(client_ids, answers, strict=True))
    lost = [cid for cid, answer in told.items() if answer and answer.status == 201 and cid not in check_ins]
    unlogged = [cid for cid, answer in told.items() if answer and answer.status == 409 and cid not in refusals]
    assert (lost, unlogged) == ([], [])
    assert not set(check_ins) & set(refusals), "a scan was both taken and refused"
    _assert_counters_add_up(cards)

    # The tablets send the unanswered scans again with the same client_id.
    with gunicorn(uri, after, workers=2) as base:
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            replays = list(pool.map(lambda body: _post(base, token, body), unanswered, timeout=60))

    for scan, replay in zip(unanswered, replays, strict=True):
        cid = scan["client_id"]
        assert replay is not None, cid
        answer = (replay.status, replay.body["status"], replay.body["replayed"])
        if cid in check_ins:
            assert answer == (200, "ok", True) and replay.body["checkin_id"] == check_ins[cid].id, cid
        elif cid in refusals:
            assert answer == (409, refusals[cid].outcome, True), cid
        else:
            assert answer in {(201, "ok", False), (409, "no_visits_left", False)}, (cid, answer)

    # Every scan is now recorded exactly once, and no visit was taken twice.
    check_ins, refusals = _recorded(client_ids)
    assert not set(check_ins) & set(refusals)
    assert set(check_ins) | set(refusals) == set(client_ids)
    _assert_counters_add_up(cards)

    # The run's numbers, for `pytest -rP`.
    recorded_before = sum(replay.body["replayed"] for replay in replays)
    print(
        f"sent {len(scans)}, answered 201: {statuses[201]}, 409: {statuses[409]}; unanswered {len(unanswered)}"
        f" ({recorded_before} recorded before the crash, replayed once); lost {len(lost)}"
    )
