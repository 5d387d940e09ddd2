"""Every Finnish page of every role checked with axe-core in headless Chromium: no WCAG 2.1 A or AA violations.

One table, PAGES, lists the pages: who opens it (None: nobody logged in), the
path (a function of the test's data) and, for a state reached by using the
page, what to do there first. A new page is one more row.

One test per role, one server and one login for all its pages, each page a
subtest that fails on its own: a test per page would start gunicorn and log
in 60-odd times and add minutes to the suite for nothing it checks. Each page
is checked at a desktop's width and again, without reloading, at 320 px
(the narrowest width WCAG 1.4.10 reflow asks for).
"""

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import func, select
from werkzeug.exceptions import NotFound

from kymppi.domain.card_status import cancel_card, refund_card, suspend_card
from kymppi.domain.checkin import check_in
from kymppi.domain.feedback import start_round
from kymppi.domain.periods import Period
from kymppi.domain.replacement import replace_card
from kymppi.extensions import db
from kymppi.models import Card, CheckIn, Role, User
from tests.axe import AXE_SOURCE, assert_accessible, axe_context
from tests.chromium import log_in
from tests.factories import SESSION_DAY, World, on
from tests.feedback_helpers import AT, invite

pytestmark = pytest.mark.slow


@dataclass
class Site:
    """What the pages show: a term with sales, a check-in, a refused scan and a feedback round."""

    world: World
    office: User
    admin: User
    active: Card  # valid today, on the real clock: the one the scan screen takes
    used_up: Card
    cancelled: Card
    statuses: dict[str, Card]  # the buyer's card in each other state: expired, not yet valid, suspended, ...
    round_id: int
    token: str

    @property
    def term(self) -> str:
        return f"term={self.world.term.id}"

    @property
    def gym(self) -> int:
        return self.world.course("gym").id


@pytest.fixture
def site(world, make_user, make_card, todays_card_type) -> Site:
    office, admin = make_user(Role.OFFICE), make_user(Role.ADMIN)
    active = make_card(card_type=todays_card_type, name="Maija Meikäläinen", feedback_consent=True)
    used_up = make_card(visits=1, name="Ville Virtanen", email="ville@example.org", feedback_consent=True)
    cancelled = make_card(name="Kaisa Korhonen", email="kaisa@example.org")
    gym = world.course("gym").id
    check_in(active.number, gym, by=world.instructor, at=on(todays_card_type.valid_from))
    check_in(used_up.number, gym, by=world.instructor, at=on(SESSION_DAY))
    cancel_card(cancelled.id, by=office, reason="Ostaja perui", at=on(SESSION_DAY))
    check_in(cancelled.number, gym, by=world.instructor, at=on(SESSION_DAY))  # a refused scan for the office
    statuses = {
        state: make_card(name=f"Kortti {state}", email=f"{state.replace(' ', '-')}@example.org")
        for state in ("expired", "not yet valid", "suspended", "refunded", "replaced")
    }
    statuses["expired"].valid_from, statuses["expired"].valid_until = date(2020, 1, 1), date(2020, 5, 31)
    statuses["not yet valid"].valid_from, statuses["not yet valid"].valid_until = date(2099, 1, 1), date(2099, 5, 31)
    db.session.commit()
    suspend_card(statuses["suspended"].id, by=office, reason="Sairaus", at=on(SESSION_DAY))
    refund_card(statuses["refunded"].id, by=office, reason="Muutti pois", at=on(SESSION_DAY))
    replace_card(statuses["replaced"].id, by=office, reason="Hukkui", at=on(SESSION_DAY))
    round_id = start_round(Period.of_term(world.term), by=office, at=AT).round_id
    return Site(world, office, admin, active, used_up, cancelled, statuses, round_id, invite(round_id, used_up))


def scan(card: Callable[[Site], Card], answer: str) -> Callable[[Page, Site], None]:
    """Type the card's number into the scan field, as a barcode scanner would, and wait for the answer
    (`answer` is its class); the pages share a server, so the first scan of "ok" was the card's first."""

    def act(page: Page, site: Site) -> None:
        field = page.get_by_label("Kortin numero tai QR-koodi")
        field.fill(card(site).number)
        field.press("Enter")
        expect(page.locator("#answer .answer-box")).to_have_class(f"answer-box {answer}")

    return act


def send(button: str, **fields: str) -> Callable[[Page, Site], None]:
    """Fill the labelled fields, press the button and wait for the page that comes back (with its errors)."""

    def act(page: Page, site: Site) -> None:
        for label, value in fields.items():
            page.get_by_label(label, exact=True).fill(value)
        with page.expect_navigation():
            page.get_by_role("button", name=button, exact=True).click()

    return act


def upload_courses(page: Page, site: Site) -> None:
    """Preview the example export: its categories and teachers are unknown here, so rows come with errors."""
    page.locator("input[type=file]").set_input_files(Path(__file__).parent / "data" / "courses.csv")
    with page.expect_navigation():
        page.get_by_role("button", name="Esikatsele").click()


def todays_undo(site: Site) -> str:
    """The undo page of the newest check-in: the one the "scan: ok" page made today."""
    db.session.rollback()  # a fresh read: gunicorn wrote it
    return f"/checkin/checkins/{db.session.scalar(select(func.max(CheckIn.id)))}/undo"


def scan_screen(site: Site) -> str:
    return f"/checkin/courses/{site.gym}"


def active(site: Site) -> Card:
    return site.active


def cancelled(site: Site) -> Card:
    return site.cancelled


@dataclass(frozen=True)
class Checked:
    role: str | None  # "office", "admin", "instructor", or None for nobody logged in
    path: Callable[[Site], str]
    act: Callable[[Page, Site], None] | None = None


PAGES: dict[str, Checked] = {
    "login": Checked(None, lambda s: "/login"),
    "login: wrong password": Checked(None, lambda s: "/login", send("Kirjaudu", Sähköposti="a@b.fi", Salasana="x")),
    "not found (404)": Checked(None, lambda s: "/no-such-page"),
    "forbidden (403)": Checked("instructor", lambda s: "/office/"),
    # office
    "sale": Checked("office", lambda s: "/office/"),
    "sale: errors": Checked("office", lambda s: "/office/", send("Myy kortti")),
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
    "terms": Checked("admin", lambda s: "/admin/terms"),
    "new term: errors": Checked("admin", lambda s: "/admin/terms/new", send("Tallenna")),
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
    "categories: errors": Checked("admin", lambda s: "/admin/categories", send("Lisää kategoria")),
    "staff": Checked("admin", lambda s: "/admin/staff"),
    "staff member": Checked("admin", lambda s: f"/admin/staff/{s.office.id}"),
    "new staff member": Checked("admin", lambda s: "/admin/staff/new"),
    "new staff member: errors": Checked("admin", lambda s: "/admin/staff/new", send("Tallenna")),
    # instructor
    "check-in today": Checked("instructor", lambda s: "/checkin/"),
    "scan screen": Checked("instructor", scan_screen),
    "scan: ok": Checked("instructor", scan_screen, scan(active, "answer-ok")),
    "scan: already checked in": Checked("instructor", scan_screen, scan(active, "answer-warn")),
    "scan: refused": Checked("instructor", scan_screen, scan(cancelled, "answer-refused")),
    "scan: unknown card": Checked("instructor", scan_screen, scan(lambda s: Card(number="AAAA0000"), "answer-refused")),
    "undo check-in": Checked("instructor", todays_undo),
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
    "lost card link": Checked(None, lambda s: "/k/lost"),
    "lost card link: errors": Checked(None, lambda s: "/k/lost", send("Lähetä linkki")),
    "lost card link sent": Checked(None, lambda s: "/k/lost/sent"),
    "survey": Checked(None, lambda s: f"/palaute/{s.token}"),
    "survey sent empty": Checked(None, lambda s: f"/palaute/{s.token}", send("Lähetä vastaus")),
    "survey not found": Checked(None, lambda s: "/palaute/no-such-token"),
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


DESKTOP, PHONE = {"width": 1280, "height": 720}, {"width": 320, "height": 640}
ROLES = sorted({checked.role or "nobody" for checked in PAGES.values()})


@pytest.mark.parametrize("role", ROLES)
def test_the_pages_have_no_wcag_violations(browser, live_server, site, subtests, role):
    users = {"office": site.office, "admin": site.admin, "instructor": site.world.instructor}
    context = axe_context(browser)
    try:
        page = context.new_page()
        if role in users:
            log_in(page, live_server, users[role].email)
        for name, checked in PAGES.items():
            if (checked.role or "nobody") != role:
                continue
            with subtests.test(msg=name):
                page.set_viewport_size(DESKTOP)
                page.goto(live_server + checked.path(site))
                page.wait_for_load_state("load")
                if checked.act:
                    checked.act(page, site)
                assert_accessible(page)
                page.set_viewport_size(PHONE)  # where wide tables scroll sideways
                assert_accessible(page)
    finally:
        context.close()


# What the browser gets from these is no HTML page (files, JSON, redirects): nothing for axe to check.
NOT_PAGES = {
    "auth.index",  # redirects to the login or the role's home page
    "health.healthz",
    "static",
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
