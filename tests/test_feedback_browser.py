"""The feedback round in headless Chromium against gunicorn: the survey on a phone, the office's progress bar."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from kymppi.extensions import db
from kymppi.models import BuyAgain, FeedbackInvitation, Language
from tests.chromium import log_in
from tests.live_server import gunicorn

pytest_plugins = ["tests.feedback_fixtures"]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, locale="fi-FI", is_mobile=True, has_touch=True)
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    yield page, problems
    context.close()


def answer_of(card) -> FeedbackInvitation:
    db.session.expire_all()
    return db.session.scalars(select(FeedbackInvitation).where(FeedbackInvitation.buyer_id == card.buyer_id)).one()


def test_a_buyer_answers_and_edits_the_survey_on_a_phone(phone, live_server, world, buyers, token):
    page, problems = phone
    page.goto(f"{live_server}/palaute/{token}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Palautekysely: kymppikortti")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # no sideways scrolling

    # A rating tile is a thumb-sized target.
    tile = page.locator(".rating .tile").nth(3)
    box = tile.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    tile.tap()
    page.get_by_label("Gym").check()
    page.get_by_label("Mikä oli hyvää?").fill("Sai käydä silloin kun ehti")
    page.locator(".buy-again .tile", has_text="Ehkä").tap()
    page.get_by_role("button", name="Lähetä vastaus").tap()

    expect(page.get_by_role("status")).to_contain_text("Kiitos vastauksestasi!")
    expect(page.get_by_label("4")).to_be_checked()
    invitation = answer_of(buyers.maija)
    assert (invitation.rating, invitation.good, invitation.buy_again) == (
        4,
        "Sai käydä silloin kun ehti",
        BuyAgain.MAYBE,
    )

    page.get_by_role("link", name="English").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Feedback survey: the ten-visit card")
    page.locator(".rating .tile").nth(4).tap()
    page.get_by_role("button", name="Save the changes").tap()
    expect(page.get_by_role("status")).to_contain_text("Thank you for your answer!")
    assert answer_of(buyers.maija).rating == 5
    assert problems == []


def test_a_missing_rating_is_shown_next_to_the_field_on_the_phone(phone, live_server, buyers, token):
    page, _ = phone
    page.goto(f"{live_server}/palaute/{token}")
    page.get_by_label("Mitä pitäisi parantaa?").fill("Enemmän iltavuoroja")
    page.get_by_role("button", name="Lähetä vastaus").tap()
    expect(page.locator("#rating-error")).to_have_text("Valitse arvosana 1–5.")
    expect(page.get_by_label("Mitä pitäisi parantaa?")).to_have_value("Enemmän iltavuoroja")


def test_the_round_page_sends_in_batches_and_shows_the_progress(smtp, browser, app, make_user, round_id, tmp_path):
    """Gunicorn sends to the test's SMTP server; the script posts batches until none is left."""
    settings, inbox = smtp
    office = make_user()
    environment = {"SMTP_HOST": settings.host, "SMTP_PORT": str(settings.port), "FEEDBACK_BATCH_SIZE": "1"}
    with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, **environment) as base:
        context = browser.new_context(locale="fi-FI")
        try:
            page = context.new_page()
            batches = []
            page.on("request", lambda r: batches.append(r) if r.method == "POST" and r.url.endswith("/send") else None)
            log_in(page, base, office.email)
            page.goto(f"{base}/reports/feedback/{round_id}")
            expect(page.locator("#send-progress")).to_have_attribute("value", "0")
            page.get_by_role("button", name="Lähetä kutsut").click()
            # The page reloads when done and lists the refused address with the server's reason.
            expect(page.get_by_role("heading", name="Epäonnistuneet osoitteet")).to_be_visible(timeout=15_000)
            expect(page.locator("#send-progress")).to_have_attribute("value", "4")
            expect(page.get_by_role("cell", name="refused@example.org")).to_be_visible()
            assert len(batches) == 4  # one invitation per batch here
            assert all(r.headers.get("x-csrftoken") for r in batches)
        finally:
            context.close()
    assert len(inbox.messages) == 3


def test_the_round_page_script_speaks_the_staff_members_language(browser, live_server, make_user, round_id):
    """The script's texts come from the page: an English secretary reads why a batch stopped in English."""
    office = make_user()
    context = browser.new_context(locale="fi-FI")  # the login helper reads the Finnish login page
    try:
        page = context.new_page()
        log_in(page, live_server, office.email)
        office.language = Language.EN  # the staff member's own choice outranks the browser's
        db.session.commit()
        page.route("**/send", lambda route: route.fulfill(status=503, body="busy"))
        page.goto(f"{live_server}/reports/feedback/{round_id}")
        page.get_by_role("button", name="Send the invitations").click()
        expect(page.get_by_role("status")).to_have_text(
            "Sending stopped (HTTP 503). Reload the page and carry on: invitations already sent are not sent again."
        )
        expect(page.get_by_role("button", name="Send the invitations")).to_be_enabled()
    finally:
        context.close()
