"""Keyboard alone, as someone who can't use a mouse works: the office sells a card, an instructor checks one
in by typing its number, a buyer reads their card. Only key presses and typing, no clicks, and at every
element the keyboard reaches the focus must show (WCAG 2.1.1 keyboard, 2.4.7 focus visible).
"""

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from kymppi.domain.clock import local_date, utcnow
from kymppi.extensions import db
from kymppi.models import Card, Role
from tests.factories import PASSWORD

pytestmark = pytest.mark.slow

# What has the focus, and whether it shows: an outline or a box shadow of its own.
FOCUSED = """() => {
    const element = document.activeElement;
    const style = getComputedStyle(element);
    const outlined = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    return {html: element.outerHTML.slice(0, 160), shown: outlined || style.boxShadow !== 'none',
            isBody: element === document.body};
}"""
MOST_TABS = 60


def focused(page: Page) -> dict:
    return page.evaluate(FOCUSED)


def assert_focus_shows(page: Page) -> None:
    now = focused(page)
    assert now["shown"], f"no visible focus indicator on {now['html']}"


def tab_to(page: Page, selector: str) -> None:
    """Press Tab until the element `selector` finds has the focus, checking each stop on the way shows it;
    a closed <details> on the way is opened with Enter, as a keyboard user would look inside."""
    target = page.locator(selector)
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        if focused(page)["isBody"]:
            continue
        assert_focus_shows(page)
        if target.evaluate_all("(found) => found.includes(document.activeElement)"):
            return
        if page.evaluate("document.activeElement.matches('details:not([open]) > summary')"):
            page.keyboard.press("Enter")
    raise AssertionError(f"{MOST_TABS} presses of Tab never reached {selector}")


def log_in_by_keyboard(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/login")
    tab_to(page, "input[name=email]")
    page.keyboard.type(email)
    tab_to(page, "input[name=password]")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")  # the page's module scripts run before keys are typed there


def test_an_office_secretary_sells_a_card_by_keyboard(live_server, page, make_user, todays_card_type):
    log_in_by_keyboard(page, live_server, make_user(Role.OFFICE).email)

    tab_to(page, "#name")
    page.keyboard.type("Kalle Näppäin")
    tab_to(page, "#email")
    page.keyboard.type("kalle@example.org")
    tab_to(page, "input[name=new_customer]")
    page.keyboard.press("Space")  # the first choice: a new customer
    tab_to(page, "#card_type")
    page.keyboard.press("ArrowDown")  # today's card type, the one on sale now
    tab_to(page, "input[name=payment_method]")
    page.keyboard.press("Space")
    tab_to(page, "#sale-form [type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("myyty")
    db.session.rollback()
    card = db.session.scalars(select(Card)).one()
    assert card.buyer.name == "Kalle Näppäin" and card.card_type_id == todays_card_type.id


def test_an_instructor_checks_a_card_in_by_typing_its_number(live_server, page, world, make_card, todays_card_type):
    gym = world.course("gym")
    gym.weekday = local_date(utcnow()).weekday()  # today's course, first on the instructor's list
    card = make_card(card_type=todays_card_type, name="Maija Meikäläinen")
    db.session.commit()
    log_in_by_keyboard(page, live_server, world.instructor.email)

    tab_to(page, f"a[href$='/checkin/courses/{gym.id}']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    field = page.locator("input[name=code]")
    if not field.evaluate("(input) => input === document.activeElement"):
        tab_to(page, "input[name=code]")
    assert_focus_shows(page)
    page.keyboard.type(card.number.replace("-", ""))
    page.keyboard.press("Enter")

    # The answer is said by the aria-live region, and the field keeps the focus for the next card.
    answer = page.locator("#answer[aria-live]")
    expect(answer.locator(".answer-box")).to_have_class("answer-box answer-ok")
    expect(answer).to_contain_text("Maija")
    expect(field).to_be_focused()
    assert_focus_shows(page)


def test_a_buyer_reads_their_card_by_keyboard(live_server, page, make_card, todays_card_type):
    card = make_card(card_type=todays_card_type, name="Maija Meikäläinen")
    page.goto(f"{live_server}/k/{card.secret}")

    page.keyboard.press("Tab")  # the first stop skips to the content
    expect(page.locator(".skip-link")).to_be_focused()
    assert_focus_shows(page)
    page.keyboard.press("Enter")
    assert page.url.endswith("#main")
    expect(page.locator("main")).to_contain_text(re.compile(r"10\s+käyntiä"))

    # Every stop after it, to the end of the page and round again, shows the focus.
    seen = set()
    for _ in range(MOST_TABS):
        page.keyboard.press("Tab")
        now = focused(page)
        if now["isBody"] or now["html"] in seen:
            break
        seen.add(now["html"])
        assert now["shown"], f"no visible focus indicator on {now['html']}"
    assert len(seen) >= 3  # the language choices at least
