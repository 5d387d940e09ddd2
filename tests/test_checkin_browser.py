"""The instructor's scan screen in headless Chromium against gunicorn: camera, barcode scanner, undo, offline."""

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from kymppi.documents.card_pdf import CardFace, card_pdf
from kymppi.domain.card_status import cancel_card
from kymppi.domain.codes import card_url
from kymppi.extensions import db
from kymppi.models import Card, CheckIn, Language, RefusedScan, Role
from tests.camera import card_frame, write_y4m
from tests.chromium import launch_chromium, log_in
from tests.factories import PASSWORD


@pytest.fixture
def gym(world):
    return world.course("gym")


@pytest.fixture
def instructor(make_user, gym):
    user = make_user(Role.INSTRUCTOR)
    gym.instructors.append(user)
    db.session.commit()
    return user


@pytest.fixture
def cards(make_card, todays_card_type):
    return [make_card(card_type=todays_card_type, name=name) for name in ("Maija Meikäläinen", "Ville Virtanen")]


def open_scan_screen(page, base, user, course):
    log_in(page, base, user.email)
    expect(page.get_by_role("heading", name="Päivän kurssit")).to_be_visible()
    page.goto(f"{base}/checkin/courses/{course.id}")
    expect(page.get_by_text("Offline-varalla")).to_be_visible()


def wait_until_kept_for_offline(page):
    """The service worker runs and this page is in its cache: a reload without network will work."""
    for _ in range(100):
        if page.evaluate("navigator.serviceWorker.ready.then(() => caches.match(location.href)).then(Boolean)"):
            return
        page.wait_for_timeout(100)
    raise AssertionError("the scan page was not kept for offline use")


def check_ins_of(card: Card) -> list[CheckIn]:
    db.session.expire_all()
    return list(db.session.scalars(select(CheckIn).where(CheckIn.card_id == card.id, CheckIn.undone_at.is_(None))))


def answer(page):
    return page.locator("#answer .answer-box")


def test_a_printed_card_shown_to_the_camera_checks_in_once(playwright, live_server, cards, gym, instructor, tmp_path):
    card = cards[0]
    printed = card_pdf(CardFace.of(card, "Testiopisto", live_server))
    video = write_y4m(tmp_path / "card.y4m", [card_frame(printed)] * 10)
    browser = launch_chromium(
        playwright,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={video}",
    )
    try:
        page = browser.new_context(locale="fi-FI").new_page()
        posts = []
        page.on("request", lambda r: posts.append(r) if r.method == "POST" and "/api/v1/checkins" in r.url else None)
        open_scan_screen(page, live_server, instructor, gym)

        expect(answer(page)).to_have_class("answer-box answer-ok", timeout=10_000)
        expect(answer(page)).to_contain_text("Maija M.")
        expect(answer(page)).to_contain_text("9 käyntiä jäljellä.")
        # The card stays in front of the camera: it still counts once.
        page.wait_for_timeout(3000)
    finally:
        browser.close()

    visits = check_ins_of(card)
    assert [(v.source.value, v.checked_in_by_id) for v in visits] == [("camera", instructor.id)]
    assert len(posts) == 1


def test_a_barcode_scanner_fires_scans_back_to_back(page, live_server, cards, gym, instructor):
    open_scan_screen(page, live_server, instructor, gym)
    field = page.get_by_label("Kortin numero tai QR-koodi")
    for card, holder in zip(cards, ("Maija M.", "Ville V."), strict=True):
        # A keyboard-wedge scanner types the QR's URL in a burst and presses Enter.
        page.keyboard.type(card_url(live_server, card.secret), delay=2)
        page.keyboard.press("Enter")
        expect(answer(page)).to_contain_text(holder)
        expect(field).to_have_value("")
        expect(field).to_be_focused()
    expect(page.locator("[data-session-count]")).to_have_text("2")

    page.keyboard.type(cards[0].number.lower())
    page.keyboard.press("Enter")
    expect(answer(page)).to_have_class("answer-box answer-warn")
    expect(answer(page)).to_contain_text("Leimattu jo tänään klo")

    assert [v.source.value for card in cards for v in check_ins_of(card)] == ["scanner", "scanner"]


def test_an_undo_asks_first_and_gives_the_visit_back(page, live_server, cards, gym, instructor):
    card = cards[0]
    open_scan_screen(page, live_server, instructor, gym)
    page.get_by_label("Kortin numero tai QR-koodi").fill(card.number)
    page.keyboard.press("Enter")
    expect(answer(page)).to_contain_text("9 käyntiä jäljellä.")
    answer(page).click()

    page.get_by_role("link", name="Peru käynti: Maija M.").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("Maija M.")
    dialog.get_by_role("button", name="Älä peru").click()
    expect(dialog).to_be_hidden()
    assert len(check_ins_of(card)) == 1

    page.get_by_role("link", name="Peru käynti: Maija M.").click()
    dialog.get_by_role("button", name="Peru käynti").click()
    expect(answer(page)).to_contain_text("Käynti peruttu ja palautettu kortille.")
    expect(page.locator("[data-session-count]")).to_have_text("0")
    assert check_ins_of(card) == []
    assert db.session.get(Card, card.id).visits_left == 10


def test_scans_taken_offline_reach_the_server_once_after_a_reload(
    page, live_server, cards, gym, instructor, make_card, todays_card_type, world
):
    cancelled = make_card(card_type=todays_card_type, name="Peruttu Kortti")
    assert cancel_card(cancelled.id, by=world.office, reason="ostaja perui").ok
    open_scan_screen(page, live_server, instructor, gym)
    wait_until_kept_for_offline(page)
    sold_since = make_card(card_type=todays_card_type, name="Uusi Ostaja")  # not on the tablet's roster
    page.context.set_offline(True)

    field = page.get_by_label("Kortin numero tai QR-koodi")
    for card, holder in zip(cards, ("Maija M.", "Ville V."), strict=True):
        field.fill(card.number)
        field.press("Enter")
        expect(answer(page)).to_contain_text(holder)
        expect(answer(page)).to_contain_text("Tallennettu offline-tilassa")
        expect(answer(page)).to_have_class("answer-box answer-ok")
    field.fill(cards[0].number)
    field.press("Enter")
    expect(answer(page)).to_have_class("answer-box answer-warn")
    expect(answer(page)).to_contain_text("Leimattu jo tänään klo")
    field.fill(sold_since.number)
    field.press("Enter")
    expect(answer(page)).to_contain_text("Korttia ei ole tämän päivän offline-listalla")
    field.fill(cancelled.number)
    field.press("Enter")
    expect(answer(page)).to_have_class("answer-box answer-refused")
    expect(answer(page)).to_contain_text("Kortti on peruttu.")
    expect(page.locator("[data-queue-count]")).to_have_text("4")

    page.reload()  # from the service worker's cache: the network is still gone
    expect(page.locator("[data-queue-count]")).to_have_text("4")
    assert all(check_ins_of(card) == [] for card in [*cards, sold_since])

    page.context.set_offline(False)
    expect(page.locator("[data-queue]")).to_be_hidden(timeout=20_000)
    page.evaluate("window.dispatchEvent(new Event('online'))")  # syncing again sends nothing twice
    expect(page.locator("[data-session-count]")).to_have_text("3")
    expect(page.locator("[data-conflicts]")).to_be_hidden()

    for card in [*cards, sold_since]:
        assert [(v.source.value, v.checked_in_by_id) for v in check_ins_of(card)] == [("offline", instructor.id)]
        assert db.session.get(Card, card.id).visits_left == 9
    # The card the tablet refused on its own reached the office's list as a refusal, not a conflict.
    refused = db.session.scalars(select(RefusedScan)).one()
    assert (refused.card_id, refused.outcome, refused.source.value) == (cancelled.id, "cancelled", "manual")
    assert check_ins_of(cancelled) == []


def test_a_card_refused_by_the_server_after_an_offline_ok_is_shown_as_a_conflict(
    page, live_server, cards, gym, instructor, world
):
    card = cards[0]
    open_scan_screen(page, live_server, instructor, gym)
    page.context.set_offline(True)
    field = page.get_by_label("Kortin numero tai QR-koodi")
    field.fill(card.number)
    field.press("Enter")
    expect(answer(page)).to_contain_text("Tallennettu offline-tilassa")
    assert cancel_card(card.id, by=world.office, reason="ostaja perui").ok  # meanwhile, at the office

    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    conflicts = page.locator("[data-conflicts]")
    expect(conflicts).to_be_visible(timeout=20_000)
    expect(conflicts).to_contain_text("Maija M.")
    expect(conflicts).to_contain_text("Kortti on peruttu.")
    expect(page.locator("[data-queue]")).to_be_hidden()
    refused = db.session.scalars(select(RefusedScan)).one()
    assert (refused.card_id, refused.source.value, refused.outcome) == (card.id, "offline", "cancelled")


def test_a_shared_tablet_sends_each_users_scans_under_their_own_login(
    page, live_server, cards, gym, instructor, make_user
):
    card = cards[0]
    open_scan_screen(page, live_server, instructor, gym)
    wait_until_kept_for_offline(page)
    page.context.set_offline(True)
    field = page.get_by_label("Kortin numero tai QR-koodi")
    field.fill(card.number)
    field.press("Enter")
    expect(answer(page)).to_contain_text("Tallennettu offline-tilassa")

    page.context.clear_cookies()  # the instructor's session ends before the network returns
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("[data-connection]")).to_contain_text("Kirjautuminen on päättynyt")
    expect(page.locator("[data-queue-count]")).to_have_text("1")

    colleague = make_user(Role.INSTRUCTOR)
    open_scan_screen(page, live_server, colleague, gym)
    expect(page.locator("[data-queue-others]")).to_contain_text("1 toisen käyttäjän leimaus odottaa")
    page.wait_for_timeout(500)
    assert check_ins_of(card) == []

    page.get_by_role("button", name="Kirjaudu ulos").click()
    expect(page).to_have_url(f"{live_server}/login")
    for _ in range(50):  # the login page forgets the kept pages
        if not page.evaluate("caches.has('kymppi-pages')"):
            break
        page.wait_for_timeout(100)
    else:
        raise AssertionError("the login page did not forget the kept check-in pages")
    open_scan_screen(page, live_server, instructor, gym)
    expect(page.locator("[data-session-count]")).to_have_text("1", timeout=20_000)
    expect(page.locator("[data-queue]")).to_be_hidden()
    assert [(v.source.value, v.checked_in_by_id) for v in check_ins_of(card)] == [("offline", instructor.id)]


def test_a_scan_the_server_trips_on_does_not_hold_back_the_others(browser, live_server, cards, gym, instructor):
    # Without the service worker, so the test can make the server answer one scan with a 500.
    context = browser.new_context(locale="fi-FI", service_workers="block")
    page = context.new_page()
    try:
        open_scan_screen(page, live_server, instructor, gym)
        context.set_offline(True)
        field = page.get_by_label("Kortin numero tai QR-koodi")
        for card, holder in zip(cards, ("Maija M.", "Ville V."), strict=True):
            field.fill(card.number)
            field.press("Enter")
            expect(answer(page)).to_contain_text(holder)
        expect(page.locator("[data-queue-count]")).to_have_text("2")

        tripping = f"{cards[0].number[:4]}-{cards[0].number[4:]}"

        def server_error_for_the_first(route):
            if tripping in (route.request.post_data or ""):
                route.fulfill(status=500, body="Internal Server Error")
            else:
                route.continue_()

        page.route("**/api/v1/checkins", server_error_for_the_first)
        context.set_offline(False)
        page.evaluate("window.dispatchEvent(new Event('online'))")
        expect(page.locator("[data-connection]")).to_contain_text("Palvelimella on häiriö: 1 leimaus odottaa")
        expect(page.locator("[data-queue-count]")).to_have_text("1")
        assert (len(check_ins_of(cards[0])), len(check_ins_of(cards[1]))) == (0, 1)

        page.unroute("**/api/v1/checkins")
        page.evaluate("window.dispatchEvent(new Event('online'))")
        expect(page.locator("[data-queue]")).to_be_hidden(timeout=20_000)
        assert [len(check_ins_of(card)) for card in cards] == [1, 1]
    finally:
        context.close()


def test_an_english_instructors_tablet_answers_in_english_without_a_network(
    page, live_server, cards, gym, instructor, world
):
    """The offline answers are the server's texts in the instructor's language, carried by the page and the roster."""
    instructor.language = Language.EN
    db.session.commit()
    assert cancel_card(cards[1].id, by=world.office, reason="ostaja perui").ok
    page.goto(f"{live_server}/login")
    page.get_by_label("Sähköposti").fill(instructor.email)
    page.get_by_label("Salasana").fill(PASSWORD)
    page.get_by_role("button", name="Kirjaudu").click()
    expect(page.get_by_role("heading", name="Today's courses")).to_be_visible()
    page.goto(f"{live_server}/checkin/courses/{gym.id}")
    expect(page.get_by_text("Details of 2 cards kept for offline use")).to_be_visible()
    expect(page.locator("[data-session-rows]")).to_contain_text("No check-ins yet.")

    page.context.set_offline(True)
    field = page.get_by_label("Card number or QR code")
    field.fill(cards[0].number)
    field.press("Enter")
    expect(answer(page)).to_contain_text("9 visits left.")
    expect(answer(page)).to_contain_text("Saved offline: sent to the server when the connection is back.")
    expect(page.locator("[data-connection]")).to_have_text(
        "No connection to the server: check-ins are saved on this device."
    )
    field.fill(cards[1].number)
    field.press("Enter")
    expect(answer(page)).to_have_class("answer-box answer-refused")
    expect(answer(page)).to_contain_text("Refused")
    expect(answer(page)).to_contain_text("The card has been cancelled.")
    expect(page.locator("[data-queue-line]")).to_have_text("2 offline check-ins waiting to be sent.")
    page.context.set_offline(False)
