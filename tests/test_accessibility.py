"""Every page of every role checked with axe-core in headless Chromium, in Finnish, Swedish and English:
no WCAG 2.1 A or AA violations, the right `<html lang>`, and no sideways scrolling at 320 px.

One table, PAGES, lists the pages: who opens it (None: nobody logged in), the
path (a function of the test's data) and, for a state reached by using the
page, what to do there first. A new page is one more row.

One test per role, one server and one login for all its pages in all three
languages, each page a subtest that fails on its own: a test per page would
start gunicorn and log in 200-odd times and add minutes to the suite for
nothing it checks. Staff read a language from their own setting (User.language,
changed between the passes), a buyer's pages from the buyer's, and pages
nobody is logged in to from the browser's Accept-Language.

Each page is checked by axe at a desktop's width and again, without
reloading, at 320 px, the narrowest width WCAG 1.4.10 reflow asks for. At
320 px and at 640 px (a 1280 px window zoomed to 200 %, WCAG 1.4.4) the page
must not scroll sideways; a wide table scrolls inside its own focusable region
instead.
"""

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select, update
from werkzeug.exceptions import NotFound

from kymppi.extensions import db
from kymppi.models import Buyer, Card, CheckIn, Language, User
from tests.axe import AXE_SOURCE, assert_accessible, axe_context
from tests.chromium import log_in
from tests.site_pages import ADDRESSES, LANGUAGES, Site, assert_fits

pytestmark = pytest.mark.slow

# What the browser asks for on pages nobody is logged in to: the language the pass checks.
BROWSER_LOCALE = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}


# What to do on a page before it is checked: given the page, the data and the pass's language.
Act = Callable[[Page, Site, str], None]


def scan(card: Callable[[Site, str], Card], answer: str) -> Act:
    """Type the card's number into the scan field, as a barcode scanner would, and wait for the answer
    (`answer` is its class)."""

    def act(page: Page, site: Site, language: str) -> None:
        field = page.locator("input[name=code]")
        field.fill(card(site, language).number)
        field.press("Enter")
        expect(page.locator("#answer .answer-box")).to_have_class(f"answer-box {answer}")

    return act


def _fresh(site: Site, language: str) -> Card:
    return site.fresh[language]


def scan_offline(page: Page, site: Site, language: str) -> None:
    """Lose the network and scan: the tablet answers from its copy of the roster and says it is offline."""
    page.context.set_offline(True)
    scan(_fresh, "answer-warn")(page, site, language)  # checked in by "scan: ok": nothing to queue
    expect(page.locator("[data-connection]")).to_have_class(re.compile(r"\boffline\b"))


def send(form: str = "main form[method=post]", **fields: str) -> Act:
    """Fill the named fields of `form`, press its first submit button and wait for the page that comes
    back (with its errors). Fields and buttons are found by name, not by text, in every language."""

    def act(page: Page, site: Site, language: str) -> None:
        for name, value in fields.items():
            page.locator(f"{form} [name={name}]").fill(value)
        with page.expect_navigation():
            page.locator(f"{form} [type=submit]").first.click()

    return act


def without_csrf_token(form: str) -> Act:
    """Send `form` with its security token gone, as a form left open past its session would be."""

    def act(page: Page, site: Site, language: str) -> None:
        page.locator(f"{form} [name=csrf_token]").evaluate("input => input.remove()")
        send(form)(page, site, language)

    return act


def throttled(page: Page, site: Site, language: str) -> None:
    """Ask for the page from one fresh client address until the throttle answers 429, then show that answer."""
    address = {"X-Forwarded-For": next(ADDRESSES)}
    url = page.url
    for _ in range(200):
        if page.request.get(url, headers=address).status == 429:
            break
    page.set_extra_http_headers(address)
    response = page.goto(url)
    page.set_extra_http_headers({})
    assert response.status == 429


def upload_courses(page: Page, site: Site, language: str) -> None:
    """Preview the example export: its categories and teachers are unknown here, so rows come with errors."""
    page.locator("input[type=file]").set_input_files(Path(__file__).parent / "data" / "courses.csv")
    send()(page, site, language)


def todays_undo(site: Site) -> str:
    """The undo page of the newest check-in: the one the "scan: ok" page made today."""
    db.session.rollback()  # a fresh read: gunicorn wrote it
    return f"/checkin/checkins/{db.session.scalar(select(func.max(CheckIn.id)))}/undo"


def scan_screen(site: Site) -> str:
    return f"/checkin/courses/{site.gym}"


@dataclass(frozen=True)
class Checked:
    role: str | None  # "office", "admin", "instructor", or None for nobody logged in
    path: Callable[[Site], str]
    act: Act | None = None


PAGES: dict[str, Checked] = {
    "login": Checked(None, lambda s: "/login"),
    "login: wrong password": Checked(None, lambda s: "/login", send(email="a@b.fi", password="x")),
    "not found (404)": Checked(None, lambda s: "/no-such-page"),
    "forbidden (403)": Checked("instructor", lambda s: "/office/"),
    "own profile": Checked("instructor", lambda s: "/profile"),
    "accessibility statement": Checked(None, lambda s: "/saavutettavuus"),
    "accessibility statement, logged in": Checked("office", lambda s: "/saavutettavuus"),
    "privacy notice": Checked(None, lambda s: "/tietosuoja"),
    # office
    "sale": Checked("office", lambda s: "/office/"),
    "sale: errors": Checked("office", lambda s: "/office/", send("#sale-form")),
    "extend cards": Checked("office", lambda s: "/office/extend"),
    "card list": Checked("office", lambda s: "/office/cards"),
    "buyer list": Checked("office", lambda s: "/office/buyers"),
    "card page": Checked("office", lambda s: f"/office/cards/{s.active.number}"),
    "cancelled card page": Checked("office", lambda s: f"/office/cards/{s.cancelled.number}"),
    "suspended card page": Checked("office", lambda s: f"/office/cards/{s.statuses['suspended'].number}"),
    "replaced card page": Checked("office", lambda s: f"/office/cards/{s.statuses['replaced'].number}"),
    "buyer page": Checked("office", lambda s: f"/office/buyers/{s.active.buyer_id}"),
    "buyer edit": Checked("office", lambda s: f"/office/buyers/{s.active.buyer_id}/edit"),
    "refused scans": Checked("office", lambda s: "/office/refused-scans"),
    # admin
    "admin index": Checked("admin", lambda s: "/admin/"),
    "opisto settings": Checked("admin", lambda s: "/admin/organization"),
    "opisto settings: too pale a colour": Checked(
        "admin", lambda s: "/admin/organization", send(accent_colour="#ffcc00")
    ),
    "terms": Checked("admin", lambda s: "/admin/terms"),
    "new term: errors": Checked("admin", lambda s: "/admin/terms/new", send()),
    "new card type": Checked("admin", lambda s: "/admin/card-types/new"),
    "new course": Checked("admin", lambda s: "/admin/courses/new"),
    "term form": Checked("admin", lambda s: f"/admin/terms/{s.world.term.id}"),
    "card types": Checked("admin", lambda s: "/admin/card-types"),
    "card type form": Checked("admin", lambda s: f"/admin/card-types/{s.world.card_type.id}"),
    "categories": Checked("admin", lambda s: "/admin/categories"),
    "courses": Checked("admin", lambda s: "/admin/courses"),
    "course form": Checked("admin", lambda s: f"/admin/courses/{s.gym}"),
    "course import": Checked("admin", lambda s: "/admin/courses/import"),
    "course import preview": Checked("admin", lambda s: "/admin/courses/import", upload_courses),
    "categories: errors": Checked("admin", lambda s: "/admin/categories", send()),
    "staff": Checked("admin", lambda s: "/admin/staff"),
    "staff member": Checked("admin", lambda s: f"/admin/staff/{s.office.id}"),
    "new staff member": Checked("admin", lambda s: "/admin/staff/new"),
    "new staff member: errors": Checked("admin", lambda s: "/admin/staff/new", send()),
    "api tokens": Checked("admin", lambda s: "/admin/api-tokens"),
    "audit log": Checked("admin", lambda s: "/admin/audit"),
    # instructor
    "check-in today": Checked("instructor", lambda s: "/checkin/"),
    "scan screen": Checked("instructor", scan_screen),
    "scan: ok": Checked("instructor", scan_screen, scan(_fresh, "answer-ok")),
    "scan: already checked in": Checked("instructor", scan_screen, scan(_fresh, "answer-warn")),
    "scan: refused": Checked("instructor", scan_screen, scan(lambda s, language: s.cancelled, "answer-refused")),
    "scan: unknown card": Checked(
        "instructor", scan_screen, scan(lambda s, language: Card(number="AAAA0000"), "answer-refused")
    ),
    "undo check-in": Checked("instructor", todays_undo),
    "scan: offline": Checked("instructor", scan_screen, scan_offline),
    "roster": Checked("instructor", lambda s: f"/checkin/courses/{s.gym}/roster"),
    # the buyer, with no account
    "buyer's card": Checked(None, lambda s: f"/k/{s.active.secret}"),
    "buyer's used-up card": Checked(None, lambda s: f"/k/{s.used_up.secret}"),
    "buyer's cancelled card": Checked(None, lambda s: f"/k/{s.cancelled.secret}"),
    **{
        f"buyer's {state} card": Checked(None, lambda s, state=state: f"/k/{s.statuses[state].secret}")
        for state in ("expired", "not yet valid", "suspended", "refunded", "replaced")
    },
    "buyer's card not found": Checked(None, lambda s: "/k/no-such-secret"),
    "buyer's card: too many requests (429)": Checked(None, lambda s: f"/k/{s.active.secret}", throttled),
    "lost card link": Checked(None, lambda s: "/k/lost"),
    "lost card link: errors": Checked(None, lambda s: "/k/lost", send()),
    "lost card link sent": Checked(None, lambda s: "/k/lost/sent"),
    "survey": Checked(None, lambda s: f"/palaute/{s.token}"),
    "survey sent empty": Checked(None, lambda s: f"/palaute/{s.token}", send()),
    "survey: form expired": Checked(None, lambda s: f"/palaute/{s.token}", without_csrf_token("main form")),
    "survey: round closed": Checked(None, lambda s: f"/palaute/{s.closed_token}"),
    "survey not found": Checked(None, lambda s: "/palaute/no-such-token"),
    "survey: too many requests (429)": Checked(None, lambda s: f"/palaute/{s.token}", throttled),
    # term end
    "reports": Checked("office", lambda s: f"/reports/?{s.term}"),
    "report: buyers": Checked("office", lambda s: f"/reports/buyers?{s.term}"),
    "report: feedback rounds": Checked("office", lambda s: f"/reports/feedback?{s.term}"),
    "report: feedback round": Checked("office", lambda s: f"/reports/feedback/{s.round_id}"),
    "report: feedback message": Checked("office", lambda s: f"/reports/feedback/{s.round_id}/message"),
    "report: round results": Checked("office", lambda s: f"/reports/feedback/{s.round_id}/results"),
    "report: results": Checked("office", lambda s: f"/reports/results?{s.term}"),
    "report: reconciliation": Checked("office", lambda s: f"/reports/reconciliation?{s.term}"),
}


DESKTOP, ZOOMED, PHONE = {"width": 1280, "height": 720}, {"width": 640, "height": 360}, {"width": 320, "height": 640}
ROLES = sorted({checked.role or "nobody" for checked in PAGES.values()})


def speak_in(site: Site, role: str, language: str) -> None:
    """Make the pass's reader speak `language`: the staff member's own setting, or every buyer's."""
    if role == "nobody":
        db.session.execute(update(Buyer).values(language=Language(language)))
    else:
        db.session.execute(update(User).where(User.id == site.users[role].id).values(language=Language(language)))
    db.session.commit()


def check(page: Page, checked: Checked, site: Site, base: str, language: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(base + checked.path(site))
    page.wait_for_load_state("load")
    if checked.act:
        checked.act(page, site, language)
    assert page.locator("html").get_attribute("lang") == language
    assert_accessible(page)
    page.set_viewport_size(ZOOMED)
    assert_fits(page, "640 px (200 % zoom)")
    page.set_viewport_size(PHONE)  # where wide tables scroll sideways, inside their own region
    assert_fits(page, "320 px")
    assert_accessible(page)


@pytest.mark.parametrize("role", ROLES)
def test_the_pages_have_no_wcag_violations(browser, server, site, subtests, role):
    rows = {name: checked for name, checked in PAGES.items() if (checked.role or "nobody") == role}
    staff = None
    if role != "nobody":  # one login for the three passes; the language is the user's, read on each request
        staff = axe_context(browser)
        log_in(staff.new_page(), server, site.users[role].email)
    try:
        for language in LANGUAGES:
            speak_in(site, role, language)
            context = staff or axe_context(
                browser, BROWSER_LOCALE[language], extra_http_headers={"X-Forwarded-For": next(ADDRESSES)}
            )
            try:
                page = context.pages[0] if context.pages else context.new_page()
                for name, checked in rows.items():
                    with subtests.test(msg=f"{language}: {name}"):
                        try:
                            check(page, checked, site, server, language)
                        finally:
                            context.set_offline(False)
            finally:
                if staff is None:
                    context.close()
    finally:
        if staff is not None:
            staff.close()


# What the browser gets from these is no HTML page (files, JSON, redirects): nothing for axe to check.
NOT_PAGES = {
    "auth.index",  # redirects to the login or the role's home page
    "health.healthz",
    "static",
    "about.stylesheet",
    "office.buyer_search",  # JSON for the sale page's search
    "card.manifest",
    "checkin_pwa.manifest",
    "checkin_pwa.service_worker",
}
NOT_PAGE_ENDING = (".pdf", ".csv", ".svg", ".xlsx", "_csv", "_pdf", "_export", "_chart")


def test_every_page_of_the_app_is_in_the_table(app, site):
    """A new page fails here until it has a row in PAGES (or is said above not to be a page)."""
    urls = app.url_map.bind("kymppi.test")
    covered = set()
    for checked in PAGES.values():
        try:
            covered.add(urls.match(checked.path(site).partition("?")[0])[0])
        except NotFound:
            continue  # the 404 page's row
    pages = {
        rule.endpoint
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods
        and not rule.endpoint.startswith(("api.", "api_docs."))
        and rule.endpoint not in NOT_PAGES
        and not rule.endpoint.endswith(NOT_PAGE_ENDING)
    }
    assert pages - covered == set()


def test_the_vendored_axe_is_the_one_its_note_names():
    """An update that forgets VENDORED.md, or an edited copy, fails here."""
    folder = Path(__file__).parent / "vendor" / "axe-core"
    note = (folder / "VENDORED.md").read_text()
    assert hashlib.sha256((folder / "axe.min.js").read_bytes()).hexdigest() in note
    assert f'axe.version="{re.search(r"axe-core` ([0-9.]+)", note).group(1)}"' in AXE_SOURCE
