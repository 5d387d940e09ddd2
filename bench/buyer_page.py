"""What the buyer's card page costs a phone: bytes transferred and load time, on loopback.

    .venv/bin/python bench/buyer_page.py

Serves `kymppi demo` data with gunicorn from a temporary instance, opens a
card's page in headless Chromium at phone size with a cold cache ten times,
and reports every response's bytes (body and headers as Chromium received
them) and the navigation timing's load event. Bounded: ten page loads.
Results are written up in docs/performance.md.
"""

import statistics
import sys
import tempfile
from pathlib import Path

from flask_migrate import upgrade
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kymppi import create_app
from kymppi.demo import load_demo
from kymppi.extensions import db
from kymppi.models import Card, CardStatus
from kymppi.security import redact
from tests.chromium import launch_chromium
from tests.live_server import gunicorn

LOADS = 10


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        uri = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        secret = _demo_card(uri)
        with gunicorn(uri, Path(folder)) as base, sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            loads = [_load(browser, f"{base}/k/{secret}") for _ in range(LOADS)]
            browser.close()
    sizes = loads[0][1]
    print(f"requests: {len(sizes)}; bytes transferred: {sum(sizes.values())}")
    for url, size in sorted(sizes.items(), key=lambda item: -item[1]):
        print(f"  {size:>7}  {redact('/' + url.split('/', 3)[-1])}")
    times = sorted(load for load, _ in loads)
    print(f"load event over {LOADS} cold loads: median {statistics.median(times):.0f} ms, max {times[-1]:.0f} ms")


def _demo_card(uri: str) -> str:
    app = create_app({"SQLALCHEMY_DATABASE_URI": uri, "SECRET_KEY": "bench"})
    with app.app_context():
        upgrade()
        load_demo()
        secret = db.session.query(Card.secret).filter(Card.status == CardStatus.ACTIVE).first()[0]
        db.engine.dispose()
    return secret


def _load(browser, url: str) -> tuple[float, dict[str, int]]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="fi-FI")
    page = context.new_page()
    responses = []
    page.on("requestfinished", lambda request: responses.append(request))
    page.goto(url, wait_until="load")
    load = page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd")
    sizes = {}
    for request in responses:
        transferred = request.sizes()
        sizes[request.url] = transferred["responseBodySize"] + transferred["responseHeadersSize"]
    context.close()
    return load, sizes


if __name__ == "__main__":
    main()
