"""The sale page: a new or found buyer, a card type, the payment; bad input re-shown, never sold twice."""

import re

import pytest
from sqlalchemy import select

from kymppi.extensions import db
from kymppi.models import Buyer, Card, CardType, PaymentMethod, Receipt
from tests.conftest import csrf_token
from tests.rows import audit_events, count

SALE_KEY_RE = re.compile(r'name="sale_key" type="hidden" value="([^"]+)"')


def sale_form(client) -> dict:
    page = client.get("/office/").get_data(as_text=True)
    return {"csrf_token": csrf_token(client, "/office/"), "sale_key": SALE_KEY_RE.search(page).group(1)}


def new_buyer(**overrides) -> dict:
    return {
        "name": "Åsa Öhman",
        "email": "asa@example.org",
        "phone": "040 123 4567",
        "language": "sv",
        "municipality": "Hausjärvi",
        "new_customer": "yes",
        "feedback_consent": "y",
        "price": "50,00",
        "payment_method": "epassi",
        "payment_reference": "EP-778",
    } | overrides


@pytest.fixture
def office(world, login):
    return login()


def sell(client, card_type, **fields):
    data = sale_form(client) | {"card_type": str(card_type.id)} | new_buyer(**fields)
    return client.post("/office/", data={k: v for k, v in data.items() if v is not None})


def test_the_page_offers_the_card_type_with_its_price_and_consent_unticked(client, world, office, todays_card_type):
    page = client.get("/office/").get_data(as_text=True)
    assert f"{todays_card_type.name} – 10 käyntiä – 50,00\u00a0€" in page
    assert 'name="price" type="text" value="50,00"' in page
    consent = re.search(r"<input[^>]*id=\"feedback_consent\"[^>]*>", page).group(0)
    assert "checked" not in consent


def test_a_sale_creates_buyer_card_and_receipt_and_shows_the_card(client, world, office, todays_card_type):
    response = sell(client, todays_card_type)

    card = db.session.scalars(select(Card)).one()
    assert response.status_code == 302
    assert response.headers["Location"] == f"/office/cards/{card.number}?sold=1"
    buyer = card.buyer
    assert (buyer.name, buyer.email, buyer.phone, buyer.language.value) == (
        "Åsa Öhman",
        "asa@example.org",
        "040 123 4567",
        "sv",
    )
    assert (buyer.new_customer, buyer.feedback_consent, buyer.municipality) == (True, True, "Hausjärvi")
    assert (card.price_cents, card.payment_method, card.payment_reference) == (5000, PaymentMethod.EPASSI, "EP-778")
    assert card.sold_by_id == office.id and card.receipt.number == 1
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert f"Kuitin numero {card.receipt.label}" in page
    assert f"http://kymppi.test/k/{card.secret}" in page
    assert "Tulosta kortti" in page and "Lataa kuitti" in page and "Lähetä sähköpostiin asa@example.org" in page


def test_consent_is_off_unless_ticked(client, world, office, todays_card_type):
    sell(client, todays_card_type, feedback_consent=None, new_customer="no")
    buyer = db.session.scalars(select(Buyer)).one()
    assert (buyer.feedback_consent, buyer.new_customer) == (False, False)


def test_a_double_submit_sells_one_card(client, world, office, todays_card_type):
    data = sale_form(client) | {"card_type": str(todays_card_type.id)} | new_buyer()
    first = client.post("/office/", data=data)
    second = client.post("/office/", data=data)

    assert count(Card) == 1 and count(Receipt) == 1 and count(Buyer) == 1
    assert first.headers["Location"] == second.headers["Location"]
    assert "myytiin vain kerran" in client.get(second.headers["Location"]).get_data(as_text=True)


def test_each_page_load_gets_its_own_sale_key(client, world, office):
    assert sale_form(client)["sale_key"] != sale_form(client)["sale_key"]


def test_selling_to_a_found_buyer_adds_no_new_buyer(client, world, office, make_card, todays_card_type):
    earlier = make_card(name="Maija Meikäläinen")
    data = sale_form(client) | {
        "card_type": str(todays_card_type.id),
        "buyer_id": str(earlier.buyer_id),
        "price": "50,00",
        "payment_method": "cash",
    }
    response = client.post("/office/", data=data)

    assert response.status_code == 302
    assert count(Buyer) == 1 and count(Card) == 2


def test_a_buyer_chosen_by_link_is_shown_instead_of_the_new_buyer_fields(client, world, office, make_card):
    earlier = make_card(name="Maija Meikäläinen", email="maija@example.org")
    page = client.get(f"/office/?buyer={earlier.buyer_id}").get_data(as_text=True)
    assert "Maija Meikäläinen, maija@example.org" in page
    assert f'name="buyer_id" id="buyer_id" value="{earlier.buyer_id}"' in page
    assert '<fieldset id="new-buyer" hidden disabled>' in page


def test_search_without_javascript_lists_links_to_choose_a_buyer(client, world, office, make_card):
    earlier = make_card(name="Maija Meikäläinen")
    page = client.get("/office/?q=meikäl").get_data(as_text=True)
    assert f'href="/office/?buyer={earlier.buyer_id}"' in page
    assert "Ei osumia" in client.get("/office/?q=zzzz").get_data(as_text=True)


def test_a_changed_price_with_a_reason_is_sold_and_logged(client, world, office, todays_card_type):
    sell(client, todays_card_type, price="25", price_reason="Opiskelija-alennus")
    card = db.session.scalars(select(Card)).one()
    [event] = audit_events("card_sold")
    assert card.price_cents == 2500
    assert event.details["list_price_cents"] == 5000 and event.details["price_reason"] == "Opiskelija-alennus"


BAD_SALES = [
    ({"name": ""}, "name", "Anna ostajan nimi."),
    ({"name": "x" * 201}, "name", "Enintään 200 merkkiä."),
    ({"email": "", "phone": ""}, "phone", "Anna sähköposti tai puhelinnumero"),
    ({"email": "not-an-email"}, "email", "Tarkista sähköpostiosoite"),
    ({"email": "a..b@example.org"}, "email", "Tarkista sähköpostiosoite"),
    ({"phone": "4" * 41}, "phone", "Enintään 40 merkkiä."),
    ({"municipality": "m" * 101}, "municipality", "Enintään 100 merkkiä."),
    ({"new_customer": None}, "new_customer", "Kysy ostajalta, onko hän opiston uusi asiakas."),
    ({"language": "xx"}, "language", "Virheellinen valinta"),
    ({"payment_method": None}, "payment_method", "Valitse maksutapa."),
    ({"payment_method": "bitcoin"}, "payment_method", "Virheellinen valinta"),
    ({"payment_reference": "r" * 101}, "payment_reference", "Enintään 100 merkkiä."),
    ({"price": "viisikymppiä"}, "price", "Kirjoita hinta euroina, esimerkiksi 50,00."),
    ({"price": "-5"}, "price", "Hinnan on oltava 0–10 000 €."),
    ({"price": "50,001"}, "price", "Kirjoita hinta euroina, esimerkiksi 50,00."),
    ({"price": "99999999"}, "price", "Hinnan on oltava 0–10 000 €."),
    ({"price": "45,00"}, "price_reason", "Kerro, miksi hinta poikkeaa"),
    ({"card_type": "999999"}, "card_type", "Virheellinen valinta"),
    ({"card_type": "abc"}, "card_type", "Virheellinen valinta"),
    ({"phone": "ei ole"}, "phone", "Tarkista puhelinnumero, esimerkiksi 040 123 4567."),
    ({"name": "Åsa\x00"}, "name", "Poista kentästä rivinvaihdot ja muut erikoismerkit."),
    ({"municipality": "Hausjärvi\x00"}, "municipality", "Poista kentästä rivinvaihdot"),
    ({"payment_reference": "EP\x00"}, "payment_reference", "Poista kentästä rivinvaihdot"),
    ({"price": "45", "price_reason": "ale\x00"}, "price_reason", "Poista kentästä rivinvaihdot"),
    ({"sale_key": "k\x00"}, "sale_key", "Poista kentästä rivinvaihdot"),
    ({"buyer_id": "999999"}, "buyer_id", "Valittua ostajaa ei löydy."),
    ({"buyer_id": "abc"}, "buyer_id", ""),
]


@pytest.mark.parametrize(("fields", "field", "message"), BAD_SALES)
def test_bad_input_is_shown_beside_its_field_keeps_what_was_typed_and_sells_nothing(
    client, world, office, fields, field, message, todays_card_type
):
    data = sale_form(client) | {"card_type": str(todays_card_type.id)} | new_buyer(**fields)
    response = client.post("/office/", data={k: v for k, v in data.items() if v is not None})

    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert count(Card) == 0 and count(Buyer) == 0
    assert message in page
    if field != "buyer_id":
        assert f'id="{field}-error"' in page or f"{field}" in page
    if "name" not in fields and "buyer_id" not in fields:
        assert 'value="Åsa Öhman"' in page


def test_a_card_type_taken_off_sale_is_not_offered_and_not_sold(client, world, office, todays_card_type):
    todays_card_type.on_sale = world.card_type.on_sale = False
    db.session.commit()
    assert "Myynnissä ei ole korttityyppejä" in client.get("/office/").get_data(as_text=True)
    assert sell(client, todays_card_type).status_code == 422
    assert count(Card) == 0


def test_only_card_types_still_valid_are_offered(client, world, office):
    old = CardType(
        name="Kevät 2020",
        visits=10,
        price_cents=4000,
        valid_from=world.term.starts_on.replace(year=2020),
        valid_until=world.term.ends_on.replace(year=2020),
    )
    db.session.add(old)
    db.session.commit()
    assert "Kevät 2020" not in client.get("/office/").get_data(as_text=True)


def test_a_sale_key_reused_for_another_sale_sells_nothing_and_says_so(client, world, office, todays_card_type):
    data = sale_form(client) | {"card_type": str(todays_card_type.id)} | new_buyer()
    client.post("/office/", data=data)
    reused = client.post("/office/", data=data | {"name": "Pekka Virtanen", "email": "pekka@example.org"})

    page = reused.get_data(as_text=True)
    assert reused.status_code == 422 and count(Card) == 1
    assert "Tällä lomakkeella oli jo myyty toinen kortti" in page
    assert SALE_KEY_RE.search(page).group(1) != data["sale_key"]
