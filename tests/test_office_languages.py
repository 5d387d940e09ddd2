"""The office in Swedish and English: pages, form errors, messages and values in the staff member's own language.

The Finnish pages are the other office tests' business; these check that a
secretary who chose Swedish or English on their profile reads the desk in it.
"""

from html import unescape

import pytest
from flask_babel import force_locale

from kymppi.domain.errors import InvalidInput, check_text
from kymppi.domain.sales import MAX_PRICE_CENTS, PRICE_RANGE_MESSAGE
from kymppi.models import Buyer, Language
from tests.conftest import csrf_token
from tests.test_card_page import post
from tests.test_sale_page import new_buyer, sale_form


def text_of(response) -> str:
    return unescape(response.get_data(as_text=True))


@pytest.fixture
def swedish(world, login):
    return login(language=Language.SV)


@pytest.fixture
def english(world, login):
    return login(language=Language.EN)


def test_a_swedish_secretary_gets_the_sale_page_and_its_script_texts_in_swedish(client, swedish, todays_card_type):
    page = text_of(client.get("/office/"))

    assert '<html lang="sv">' in page
    assert "<h1>Sälj ett tiokort</h1>" in page and "Myy kymppikortti" not in page
    assert f"{todays_card_type.name} – 10 besök – 50,00\u00a0€ – giltigt " in page
    assert "Onko ostaja" not in page and "Är köparen ny kund vid medborgarinstitutet?" in page
    # What sale.js writes as you type comes from the page, its marks left for the script to fill.
    assert 'data-choose="Välj {name}"' in page
    assert 'data-no-matches="Inga träffar för ”{query}”. Registrera en ny köpare nedan."' in page
    assert 'data-card="kort {number}"' in page
    assert 'data-pending="Säljer…">Sälj kortet</button>' in page


def test_an_english_secretary_reads_the_sale_form_errors_beside_the_fields_in_english(
    client, english, todays_card_type
):
    fields = new_buyer(name="", municipality="m" * 101, price="-5", payment_method="bitcoin")
    response = client.post("/office/", data=sale_form(client) | {"card_type": str(todays_card_type.id)} | fields)

    page = text_of(response)
    assert response.status_code == 422 and '<html lang="en">' in page
    assert "The card was not sold. Check these:" in page
    assert '<p class="error" id="name-error">Enter the buyer\'s name.</p>' in page
    assert '<p class="error" id="municipality-error">At most 100 characters.</p>' in page
    assert '<p class="error" id="price-error">The price must be €0–10,000.</p>' in page
    assert "Not a valid choice" in page
    assert "Anna ostajan nimi" not in page and "Enintään" not in page


def test_a_sale_is_confirmed_in_the_secretarys_language(client, swedish, todays_card_type):
    data = sale_form(client) | {"card_type": str(todays_card_type.id)} | new_buyer()
    sold = client.post("/office/", data=data)

    page = text_of(client.get(sold.headers["Location"]))
    assert "sålt. Kvittots nummer " in page
    assert "Ge kortet till köparen" in page and "Sälj nästa kort" in page


def test_an_english_secretary_reads_a_card_with_english_money_dates_and_history(client, english, make_card):
    card = make_card(name="Maija Meikäläinen")

    page = text_of(client.get(f"/office/cards/{card.number}"))
    assert '<html lang="en">' in page
    assert "<strong>10</strong> / 10 visits left" in page
    assert "24 Aug 2026–13 Dec 2026" in page
    assert "€50.00, Cash, receipt 2026-00001" in page
    assert "Replace a lost card" in page and "Kortti" not in page


def test_a_card_change_is_refused_and_confirmed_in_the_secretarys_language(client, swedish, make_card):
    card = make_card()

    refused = post(client, card, "cancel", reason="  ")
    assert refused.status_code == 422
    assert "Skriv en orsak: den sparas i kortets händelser." in text_of(refused)

    done = post(client, card, "cancel", reason="Flyttade")
    page = text_of(client.get(done.headers["Location"]))
    assert "Kortet har annullerats." in page
    assert "Annullerat" in page and "”Flyttade”" in page


def test_extending_a_card_type_says_how_many_cards_and_days_in_english(client, english, world, make_card):
    make_card()
    data = {"csrf_token": csrf_token(client, "/office/extend"), "card_type": world.card_type.id, "days": "7"}

    done = client.post("/office/extend", data=data | {"note": "Hall closed"})
    assert "The validity of 1 card was extended by 7 days." in text_of(client.get(done.headers["Location"]))


def test_list_counts_take_the_plural_of_the_secretarys_language(client, english, make_card):
    make_card()
    assert '<p class="muted">1 card' in text_of(client.get("/office/cards"))
    make_card(email="toinen@example.org")
    assert '<p class="muted">2 cards' in text_of(client.get("/office/cards"))
    assert '<p class="muted">2 buyers' in text_of(client.get("/office/buyers"))


def test_a_swedish_secretary_reads_a_buyer_and_the_edit_form_errors_in_swedish(client, swedish, make_card):
    buyer = make_card(language=Language.EN).buyer

    page = text_of(client.get(f"/office/buyers/{buyer.id}"))
    assert '<html lang="sv">' in page
    assert "<dt>Kontaktspråk</dt><dd>engelska</dd>" in page

    path = f"/office/buyers/{buyer.id}/edit"
    data = {"csrf_token": csrf_token(client, path), "name": buyer.name, "email": buyer.email, "language": "xx"}
    response = client.post(path, data=data)
    page = text_of(response)
    assert response.status_code == 422
    assert "Kontrollera de markerade fälten. Ingenting sparades." in page
    assert "Välj språk: finska, svenska eller engelska." in page


def test_a_refused_check_in_list_in_swedish(client, swedish):
    page = text_of(client.get("/office/refused-scans"))
    assert "<h1>Avvisade registreringar</h1>" in page
    assert "Inga avvisade registreringar motsvarar sökvillkoren." in page


def test_a_domain_refusal_is_a_plain_string_in_the_language_it_was_raised_in(app):
    with force_locale("en"), pytest.raises(InvalidInput) as raised:
        check_text("name", "x" * 201, Buyer.name)
    assert raised.value.message == "At most 200 characters."
    assert type(raised.value.message) is str  # an API's JSON takes it as it is


def test_the_price_ceiling_in_the_finnish_refusal_is_the_domains(app):
    assert str(PRICE_RANGE_MESSAGE) == f"Hinnan on oltava 0–{MAX_PRICE_CENTS // 100:,} €.".replace(",", " ")
