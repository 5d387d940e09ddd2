"""The results dashboard in headless Chromium against gunicorn: the charts load and draw in colour under the CSP."""

import io

from PIL import Image
from playwright.sync_api import expect

from kymppi.documents.charts import ACCENT
from tests.chromium import log_in
from tests.term_sales import build_term_sales

CHARTS = ("sales", "customers", "revenue", "courses", "weekdays")


def has_accent_pixels(png: bytes) -> bool:
    """The bars' blue is in the picture: with inline styles blocked they would be black."""
    target = tuple(round(channel * 255) for channel in ACCENT.rgb())
    raw = Image.open(io.BytesIO(png)).convert("RGB").tobytes()
    colours = set(zip(raw[0::3], raw[1::3], raw[2::3], strict=True))
    return any(all(abs(a - b) <= 8 for a, b in zip(colour, target, strict=True)) for colour in colours)


def test_the_dashboard_shows_its_charts_without_csp_violations(page, live_server, world, make_user):
    build_term_sales(world)
    office = make_user()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    log_in(page, live_server, office.email)
    page.goto(f"{live_server}/reports/results?term={world.term.id}")
    expect(page.get_by_role("heading", name="Tulosraportti", exact=True)).to_be_visible()
    expect(page.get_by_text("230,00 €").first).to_be_visible()
    for chart in CHARTS:
        image = page.locator(f"#{chart} img")
        expect(image).to_be_visible()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        assert image.get_attribute("alt")
        assert has_accent_pixels(image.screenshot()), chart
    assert problems == []


def test_a_chart_opened_on_its_own_draws_in_colour_under_its_own_csp(page, live_server, world, make_user):
    build_term_sales(world)
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    log_in(page, live_server, make_user().email)
    page.goto(f"{live_server}/reports/results/courses.svg?term={world.term.id}")
    assert has_accent_pixels(page.screenshot())
    assert problems == []
