"""From a card in front of the tablet's camera to the answer on screen, in headless Chromium.

    .venv/bin/python bench/camera_scan.py

Serves the app with gunicorn on a temporary SQLite database, sells cards, and
films each printed card as a Y4M video that Chromium's fake camera plays to the
scan page (--use-file-for-fake-video-capture). Two measurements:

* latency: a fresh page per card, the card in view from the first frame; the
  time from the camera stream playing to the answer drawn (the page's own
  performance marks), which covers the first decode, the POST and the drawing;
* queue: ten card holders, each showing a card for 1.5 s with 0.5 s of empty
  view between them, as at the door; the time until all ten are checked in.

Bounded: eleven browser launches, about a minute in all. Loopback only.
Results are written up in docs/performance.md.
"""

import statistics
import sys
import tempfile
from datetime import time as clock_time
from datetime import timedelta
from pathlib import Path

from flask_migrate import upgrade
from PIL import Image
from playwright.sync_api import expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kymppi import create_app
from kymppi.documents.card_pdf import CardFace, card_pdf
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.passwords import hash_password
from kymppi.domain.sales import BuyerDetails, Sale, sell_card
from kymppi.extensions import db
from kymppi.models import (
    CardType,
    CheckIn,
    Course,
    CourseCategory,
    Organization,
    PaymentMethod,
    Role,
    Term,
    TermKind,
    User,
)
from tests.camera import HEIGHT, WIDTH, card_frame, write_y4m
from tests.chromium import launch_chromium
from tests.live_server import gunicorn

LATENCY_RUNS = 10
QUEUE = 10
FPS = 10
PASSWORD = "bench-camera-2026"
CAMERA = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream"]


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        uri = f"sqlite:///{tmp / 'bench.sqlite3'}"
        with gunicorn(uri, tmp, threads=8) as base:
            faces, course_id = _setup(uri, base)
            with sync_playwright() as playwright:
                latencies = [_latency(playwright, base, course_id, face, tmp) for face in faces[:LATENCY_RUNS]]
                queue_ms = _queue(playwright, base, course_id, faces[LATENCY_RUNS:], tmp)
            checked_in = _count_check_ins(uri)
    print(
        f"camera to answer over {len(latencies)} cards: median {statistics.median(latencies):.0f} ms, "
        f"min {min(latencies):.0f} ms, max {max(latencies):.0f} ms"
    )
    print(f"queue of {QUEUE} card holders (1.5 s each, 0.5 s between): all in {queue_ms / 1000:.1f} s after the camera")
    print(f"check-ins in the database: {checked_in} (expected {LATENCY_RUNS + QUEUE})")


def _setup(uri: str, base: str) -> tuple[list[CardFace], int]:
    app = create_app({"SQLALCHEMY_DATABASE_URI": uri, "SECRET_KEY": "live-server-test", "BASE_URL": base})
    with app.app_context():
        upgrade()
        today = local_date(utcnow())
        sport = CourseCategory(code="liikunta", name="Liikunta")
        term = Term(
            name="Bench",
            kind=TermKind.AUTUMN,
            academic_year=f"{today.year}-{today.year + 1}",
            starts_on=today - timedelta(days=30),
            ends_on=today + timedelta(days=30),
        )
        instructor = User(
            email="opettaja@bench.example",
            name="Bench Opettaja",
            role=Role.INSTRUCTOR,
            password_hash=hash_password(PASSWORD),
            created_at=utcnow(),
        )
        course = Course(
            code="B1",
            name="Kuntojumppa",
            category=sport,
            term=term,
            accepts_cards=True,
            weekday=today.weekday(),
            starts_at=clock_time(18),
            ends_at=clock_time(19),
            instructors=[instructor],
        )
        card_type = CardType(
            name="Kymppikortti",
            price_cents=5000,
            valid_from=term.starts_on,
            valid_until=term.ends_on,
            categories=[sport],
        )
        office = User(email="toimisto@bench.example", name="Bench Toimisto", role=Role.OFFICE, password_hash="-")
        office.created_at = utcnow()
        db.session.add_all([Organization(name="Benchopisto"), instructor, office, course, card_type])
        db.session.commit()
        faces = []
        for n in range(LATENCY_RUNS + QUEUE):
            buyer = BuyerDetails(name=f"Kortti Haltija{n}", new_customer=True, email=f"h{n}@bench.example")
            sale = Sale(card_type_id=card_type.id, payment_method=PaymentMethod.CASH, new_buyer=buyer)
            faces.append(CardFace.of(sell_card(sale, by=office).card, "Benchopisto", base))
        course_id = course.id
        db.engine.dispose()
    return faces, course_id


def _open(playwright, base: str, course_id: int, video: Path):
    browser = launch_chromium(playwright, *CAMERA, f"--use-file-for-fake-video-capture={video}")
    page = browser.new_context(locale="fi-FI").new_page()
    page.goto(f"{base}/login")
    page.fill("#email", "opettaja@bench.example")
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/checkin/")
    page.goto(f"{base}/checkin/courses/{course_id}")
    return browser, page


def _latency(playwright, base: str, course_id: int, face: CardFace, tmp: Path) -> float:
    video = write_y4m(tmp / "one.y4m", [card_frame(card_pdf(face))] * FPS, fps=FPS)
    browser, page = _open(playwright, base, course_id, video)
    try:
        page.wait_for_selector("#answer .answer-ok", timeout=15_000)
        return page.evaluate(
            "performance.getEntriesByName('kymppi:answer-shown')[0].startTime"
            " - performance.getEntriesByName('kymppi:camera-ready')[0].startTime"
        )
    finally:
        browser.close()


def _queue(playwright, base: str, course_id: int, faces: list[CardFace], tmp: Path) -> float:
    empty = Image.new("L", (WIDTH, HEIGHT), 90)
    frames = []
    for face in faces:
        frames += [card_frame(card_pdf(face))] * int(1.5 * FPS) + [empty] * int(0.5 * FPS)
    video = write_y4m(tmp / "queue.y4m", frames, fps=FPS)
    browser, page = _open(playwright, base, course_id, video)
    try:
        # The latency runs checked their cards in to the same session before.
        everyone = str(LATENCY_RUNS + len(faces))
        expect(page.locator("[data-session-count]")).to_have_text(everyone, timeout=90_000)
        return page.evaluate("performance.now() - performance.getEntriesByName('kymppi:camera-ready')[0].startTime")
    finally:
        browser.close()


def _count_check_ins(uri: str) -> int:
    app = create_app({"SQLALCHEMY_DATABASE_URI": uri, "SECRET_KEY": "bench"})
    with app.app_context():
        count = db.session.query(CheckIn).filter(CheckIn.undone_at.is_(None)).count()
        db.engine.dispose()
    return count


if __name__ == "__main__":
    main()
