"""How the pages look: thumb-sized targets on the check-in screens, the opisto's colour, and screenshots
of the main pages at a phone's, a tablet's and a desktop's size for a person to review.

The screenshots land in test-artifacts/screenshots/ (not in git), named page-widthxheight.png.
"""

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from kymppi.domain.look import DEFAULT_ACCENT, contrast, darker, is_readable, weakest_contrast
from kymppi.domain.organization import opisto
from kymppi.extensions import db
from kymppi.models import Role
from tests.chromium import log_in
from tests.conftest import csrf_token
from tests.site_pages import Site, assert_fits

pytestmark = pytest.mark.slow

SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
SIZES = {"phone": (390, 844), "tablet": (1024, 768), "desktop": (1440, 900)}
SMALLEST_TARGET = 48  # CSS px a thumb needs; WCAG 2.5.5 asks 44

# Every control a finger might touch that is on the screen now: its size and what it is.
TARGETS = """() => [...document.querySelectorAll('a, button, input:not([type=hidden]), select, summary')]
    .filter(element => !element.closest('.skip-link, [hidden], .answer') && element.getClientRects().length
        && !element.matches('.skip-link'))
    .map(element => {
        const box = element.getBoundingClientRect();
        return {html: element.outerHTML.slice(0, 120), width: box.width, height: box.height};
    })"""


def small_targets(page: Page) -> list[str]:
    return [
        f"{target['width']:.0f}×{target['height']:.0f}: {target['html']}"
        for target in page.evaluate(TARGETS)
        if min(target["width"], target["height"]) < SMALLEST_TARGET
    ]


def test_the_check_in_screens_have_thumb_sized_targets(browser, server, site):
    context = browser.new_context(locale="fi-FI", viewport={"width": 1024, "height": 768})
    try:
        page = context.new_page()
        log_in(page, server, site.world.instructor.email)
        for path in ("/checkin/", f"/checkin/courses/{site.gym}"):
            page.goto(server + path)
            page.wait_for_load_state("load")
            assert small_targets(page) == [], path
            page.set_viewport_size({"width": 390, "height": 844})
            assert small_targets(page) == [], f"{path} on a phone"
            page.set_viewport_size({"width": 1024, "height": 768})
    finally:
        context.close()


# On paper: is any menu, button or form still drawn, and does each table fill the page's width?
PRINTED = """() => ({
    drawn: [...document.querySelectorAll('.site-header, button, .button, form')]
        .filter(element => element.getClientRects().length).map(element => element.outerHTML.slice(0, 80)),
    narrow: [...document.querySelectorAll('main table')]
        .filter(table => table.getBoundingClientRect().width < document.querySelector('main').clientWidth - 1)
        .map(table => table.outerHTML.slice(0, 80)),
})"""


def test_lists_print_on_the_full_width_without_menu_or_buttons(browser, server, site):
    context = browser.new_context(locale="fi-FI")
    try:
        page = context.new_page()
        log_in(page, server, site.office.email)
        page.emulate_media(media="print")
        for path in ("/office/cards", "/office/buyers", f"/reports/buyers?{site.term}"):
            page.goto(server + path)
            assert page.evaluate(PRINTED) == {"drawn": [], "narrow": []}, path
    finally:
        context.close()


def test_the_default_colour_keeps_white_text_readable():
    assert is_readable(DEFAULT_ACCENT)
    assert contrast(darker(DEFAULT_ACCENT), "#ffffff") > contrast(DEFAULT_ACCENT, "#ffffff")
    assert not is_readable("#ffcc00") and weakest_contrast("#ffcc00") < 2


def test_the_admin_sets_the_opisto_colour_and_a_pale_one_is_refused(app, client, login):
    login(Role.ADMIN)
    form = {"name": "Esimerkkiopisto", "email": "toimisto@opisto.example", "csrf_token": csrf_token(client)}

    refused = client.post("/admin/organization", data={**form, "accent_colour": "#7fb2e5"})
    assert refused.status_code == 422
    page = refused.get_data(as_text=True)
    assert 'aria-describedby="accent_colour-hint accent_colour-error"' in page
    assert "kontrasti 2,0:1" in page

    saved = client.post("/admin/organization", data={**form, "accent_colour": "#6B1F7A"})
    assert saved.status_code == 302
    db.session.expire_all()
    assert (opisto().name, opisto().accent_colour) == ("Esimerkkiopisto", "#6b1f7a")
    stylesheet = client.get("/opisto.css")
    assert "--opisto-accent: #6b1f7a;" in stylesheet.get_data(as_text=True)
    assert client.get("/opisto.css", headers={"If-None-Match": stylesheet.headers["ETag"]}).status_code == 304


@dataclass(frozen=True)
class Shot:
    role: str | None
    path: Callable[[Site], str]
    act: Callable[[Page, Site], None] | None = None


def _scan_ok(page: Page, site: Site) -> None:
    field = page.locator("input[name=code]")
    field.fill(site.fresh["fi"].number)
    field.press("Enter")
    expect(page.locator("#answer .answer-box")).to_have_class("answer-box answer-ok")


MAIN_PAGES = {
    "login": Shot(None, lambda s: "/login"),
    "sale": Shot("office", lambda s: "/office/"),
    "card-list": Shot("office", lambda s: "/office/cards"),
    "card-page": Shot("office", lambda s: f"/office/cards/{s.active.number}"),
    "results": Shot("office", lambda s: f"/reports/results?{s.term}"),
    "today": Shot("instructor", lambda s: "/checkin/"),
    "scan-ok": Shot("instructor", lambda s: f"/checkin/courses/{s.gym}", _scan_ok),
    "buyer-card": Shot(None, lambda s: f"/k/{s.active.secret}"),
    "survey": Shot(None, lambda s: f"/palaute/{s.token}"),
    "accessibility-statement": Shot(None, lambda s: "/saavutettavuus"),
    "opisto-settings": Shot("admin", lambda s: "/admin/organization"),
}


@pytest.mark.parametrize("size", SIZES)
def test_screenshots_of_the_main_pages(browser, server, site, size):
    """Pictures to look at, not to compare: each page must at least render, whole, without sideways scrolling."""
    width, height = SIZES[size]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    contexts = {}
    try:
        for name, shot in MAIN_PAGES.items():
            if shot.role not in contexts:
                contexts[shot.role] = browser.new_context(locale="fi-FI", viewport={"width": width, "height": height})
                if shot.role:
                    log_in(contexts[shot.role].new_page(), server, site.users[shot.role].email)
            context = contexts[shot.role]
            page = context.pages[0] if context.pages else context.new_page()
            page.goto(server + shot.path(site))
            page.wait_for_load_state("load")
            if shot.act:
                shot.act(page, site)
            page.screenshot(path=SCREENSHOTS / f"{name}-{width}x{height}.png", full_page=True, animations="disabled")
            assert_fits(page, f"{width} px")
    finally:
        for context in contexts.values():
            context.close()
