"""The buyer's card on a phone and a tablet in headless Chromium: visits, history and a QR that scans."""

import io

import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import expect

from kymppi.domain.checkin import check_in
from kymppi.domain.codes import card_url
from tests.factories import on


@pytest.mark.parametrize("viewport", [(390, 844), (1024, 768)], ids=["phone", "tablet"])
def test_the_card_page_shows_visits_history_and_a_scannable_qr(
    browser, live_server, world, make_card, todays_card_type, viewport
):
    card = make_card(card_type=todays_card_type, name="Maija Meikäläinen")
    check_in(card.number, world.course("gym").id, by=world.instructor, at=on(todays_card_type.valid_from))
    width, height = viewport
    context = browser.new_context(viewport={"width": width, "height": height}, locale="fi-FI")
    try:
        page = context.new_page()
        page.goto(f"{live_server}/k/{card.secret}")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Kymppikortti")
        expect(page.locator(".visits-count")).to_contain_text("9 / 10")
        expect(page.get_by_role("heading", name="Käynnit")).to_be_visible()
        expect(page.get_by_role("cell", name="Gym")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no sideways scrolling
        qr = page.locator(".qr-code svg")
        qr.scroll_into_view_if_needed()
        shot = Image.open(io.BytesIO(qr.screenshot()))
    finally:
        context.close()
    [found] = zxingcpp.read_barcodes(shot, formats=zxingcpp.BarcodeFormat.QRCode)
    assert found.text == card_url(live_server, card.secret)
