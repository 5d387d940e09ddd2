"""The JSON buyer search the sale page calls as the secretary types."""

import pytest

from kymppi.domain.buyers import search_buyers
from kymppi.domain.codes import format_card_number
from kymppi.extensions import db
from kymppi.models import Buyer, Language, Role
from tests.factories import TERM_END, on


@pytest.fixture
def office(login):
    return login(Role.OFFICE)


@pytest.fixture
def aijala(make_card):
    return make_card(
        name="Äijä Äijälä",
        email="aija.aijala@example.org",
        phone="040 765 4321",
        language=Language.SV,
        municipality="Hausjärvi",
        feedback_consent=True,
    )


def search(client, q):
    response = client.get("/office/buyers/search", query_string={"q": q})
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()


def test_result_carries_what_the_sale_form_needs(client, office, aijala):
    [found] = search(client, "äijälä")
    assert found == {
        "id": aijala.buyer_id,
        "name": "Äijä Äijälä",
        "email": "aija.aijala@example.org",
        "phone": "040 765 4321",
        "language": "sv",
        "new_customer": True,
        "feedback_consent": True,
        "municipality": "Hausjärvi",
        "cards": [format_card_number(aijala.number)],
    }


@pytest.mark.parametrize(
    "query",
    [
        "äijälä",
        "ÄIJÄLÄ",
        "Äijä äIJÄLÄ",
        "aija.aijala@",
        "EXAMPLE.ORG äijä",
        "040 765 4321",
        "0407654321",
        "+358407654321",
        "765-4321",
    ],
)
def test_finds_by_name_case_insensitively_email_and_phone_with_spaces(client, office, aijala, make_card, query):
    make_card(name="Ville Virtanen", email="ville@toinen.example", phone="050 111 2222")
    assert [b["id"] for b in search(client, query)] == [aijala.buyer_id]


def test_finds_by_card_number_typed_with_or_without_dash(client, office, aijala):
    number = aijala.number
    for typed in (format_card_number(number), number.lower(), number[:4] + "-" + number[4:6]):
        assert [b["id"] for b in search(client, typed)] == [aijala.buyer_id]


@pytest.mark.parametrize("query", ["", " ", "ä", "x" * 101, "\x00", "%", "__"])
def test_empty_short_or_absurd_queries_find_nothing(client, office, aijala, query):
    assert search(client, query) == []


def test_percent_and_underscore_are_matched_literally(client, office, make_card):
    make_card(name="Maija Meikäläinen")
    assert search(client, "a%a") == []
    assert search(client, "j_a") == []


def test_at_most_ten_newest_first_and_never_anonymised(client, office, world, make_card):
    cards = [make_card(name=f"Saman Niminen {n}", email=f"s{n}@example.org") for n in range(12)]
    anonymised = db.session.get(Buyer, cards[-1].buyer_id)
    anonymised.anonymized_at = on(TERM_END)
    db.session.commit()

    found = [b["id"] for b in search(client, "saman niminen")]
    assert found == [c.buyer_id for c in reversed(cards[:-1])][:10]
    assert search_buyers("saman", limit=3) == [db.session.get(Buyer, c.buyer_id) for c in cards[-2:-5:-1]]


def test_a_corrected_name_or_email_is_found_at_once_and_the_old_one_no_longer(client, office, aijala):
    buyer = db.session.get(Buyer, aijala.buyer_id)
    buyer.name, buyer.email = "Åsa Öhman", "ASA@Example.FI"
    db.session.commit()
    assert [b["id"] for b in search(client, "ÖHMAN åsa")] == [aijala.buyer_id]
    assert [b["id"] for b in search(client, "asa@example.fi")] == [aijala.buyer_id]
    assert search(client, "äijälä") == []
    assert search(client, "aija.aijala") == []


def test_instructors_are_refused_and_strangers_sent_to_login(client, login, aijala):
    assert client.get("/office/buyers/search?q=äijälä").status_code == 302
    login(Role.INSTRUCTOR)
    assert client.get("/office/buyers/search?q=äijälä").status_code == 403
