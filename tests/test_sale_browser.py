"""A sale as the secretary does it: headless Chromium against gunicorn, down to the printed QR."""

import time

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.codes import format_card_number
from kymppi.extensions import db
from kymppi.models import Buyer, Card, Language, Role
from tests import pdfs
from tests.chromium import log_in
from tests.live_server import gunicorn
from tests.mailbox import smtp_server
from tests.rows import count


@pytest.fixture
def desk(app, world, todays_card_type, tmp_path):
    """The app under gunicorn sending mail to a real local SMTP server: (base URL, inbox)."""
    with smtp_server() as (port, inbox):
        uri = app.config["SQLALCHEMY_DATABASE_URI"]
        with gunicorn(uri, tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=str(port)) as base:
            yield base, inbox


def test_a_new_buyer_is_sold_a_card_which_is_printed_and_emailed(desk, page, make_user):
    base, inbox = desk
    log_in(page, base, make_user(Role.OFFICE).email)
    started = time.monotonic()

    page.get_by_label("Nimi", exact=True).fill("Åsa Öhman")
    page.get_by_label("Sähköposti", exact=True).fill("asa@example.org")
    page.get_by_label("ruotsi").check()
    page.get_by_label("Kyllä, uusi asiakas").check()
    page.get_by_label("Ostaja antaa luvan").check()
    expect(page.get_by_label("Hinta (€)")).to_have_value("50,00")
    page.get_by_label("ePassi").check()
    page.get_by_label("Maksun viite").fill("EP-778")
    page.get_by_role("button", name="Myy kortti").click()

    receipt_label = f"{local_date(utcnow()).year}-00001"
    expect(page.get_by_role("status")).to_contain_text(f"myyty. Kuitin numero {receipt_label}")
    seconds = time.monotonic() - started
    card = db.session.scalars(select(Card)).one()
    url = page.locator(".card-url").inner_text()
    assert url == f"{base}/k/{card.secret}"

    printed = page.request.get(base + page.get_by_role("link", name="Tulosta kortti").get_attribute("href"))
    assert printed.headers["content-type"] == "application/pdf"
    assert [[text for text, _ in codes] for codes in pdfs.qr_codes(printed.body())] == [[url]]
    receipt = page.request.get(base + page.get_by_role("link", name="Lataa kuitti").get_attribute("href"))
    assert receipt_label in pdfs.text(receipt.body()) and "ePassi" in pdfs.text(receipt.body())

    page.get_by_role("button", name="Lähetä sähköpostiin asa@example.org").click()
    expect(page.get_by_role("status")).to_have_text("Kortti lähetetty ostajan sähköpostiin.")
    [message] = inbox.messages
    assert url in message.get_body(preferencelist=("plain",)).get_content()
    # Nine interactions; the browser needs well under the minute a person has.
    assert seconds < 10


def test_a_returning_buyer_is_found_as_you_type_and_a_double_click_sells_once(desk, page, make_user, make_card):
    base, _ = desk
    earlier = make_card(name="Maija Meikäläinen", email="maija@example.org")
    log_in(page, base, make_user(Role.OFFICE).email)

    page.get_by_label("Hae aiempaa ostajaa").press_sequentially("meikä")
    page.get_by_role("button", name="Valitse Maija Meikäläinen").click()
    expect(page.locator("#chosen-buyer")).to_contain_text("Maija Meikäläinen, maija@example.org")
    expect(page.get_by_label("Nimi", exact=True)).to_be_hidden()
    page.get_by_label("Käteinen").check()
    page.get_by_role("button", name="Myy kortti").dblclick()

    expect(page.get_by_role("status").first).to_contain_text("Kortti")
    assert count(Card) == 2 and count(Buyer) == 1
    assert {c.buyer_id for c in db.session.scalars(select(Card))} == {earlier.buyer_id}


def test_a_mistake_is_shown_beside_its_field_and_nothing_typed_is_lost(desk, page, make_user):
    base, _ = desk
    log_in(page, base, make_user(Role.OFFICE).email)

    page.get_by_label("Nimi", exact=True).fill("Pekka Virtanen")
    page.get_by_label("Kyllä, uusi asiakas").check()
    page.get_by_label("Käteinen").check()
    page.get_by_label("Hinta (€)").fill("40")
    page.get_by_role("button", name="Myy kortti").click()

    phone = page.get_by_label("Puhelin", exact=True)
    expect(phone).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#phone-error")).to_have_text("Anna sähköposti tai puhelinnumero, jotta ostajan tavoittaa.")
    expect(page.locator("#price_reason-error")).to_contain_text("Kerro, miksi hinta poikkeaa")
    expect(page.get_by_label("Nimi", exact=True)).to_have_value("Pekka Virtanen")
    expect(page.get_by_label("Hinta (€)")).to_have_value("40")
    expect(page.get_by_label("Käteinen")).to_be_checked()

    phone.fill("040 765 4321")
    page.get_by_label("Hinnanmuutoksen syy").fill("Eläkeläisalennus")
    page.get_by_role("button", name="Myy kortti").click()
    expect(page.get_by_role("status")).to_contain_text("myyty")
    assert db.session.scalars(select(Card)).one().price_cents == 4000


def test_the_search_as_you_type_speaks_the_secretarys_language(desk, page, make_user, make_card):
    base, _ = desk
    earlier = make_card(name="Maija Meikäläinen", email="maija@example.org")
    secretary = make_user(Role.OFFICE)
    log_in(page, base, secretary.email)
    secretary.language = Language.SV
    db.session.commit()
    page.goto(f"{base}/office/")
    page.wait_for_load_state("load")

    search = page.get_by_label("Sök en tidigare köpare")
    search.press_sequentially("zzz")
    expect(page.locator("#buyer-matches")).to_have_text("Inga träffar för ”zzz”. Registrera en ny köpare nedan.")
    search.fill("")
    search.press_sequentially("meikä")
    expect(page.locator("#buyer-matches")).to_contain_text(f"kort {format_card_number(earlier.number)}")
    page.get_by_role("button", name="Välj Maija Meikäläinen").click()
    expect(page.locator("#chosen-buyer")).to_contain_text("Maija Meikäläinen, maija@example.org")
