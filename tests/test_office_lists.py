"""The office's card and buyer lists: filters, search, sorting, paging, and printing cards on A4 sheets."""

import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event

from kymppi.domain import listings
from kymppi.domain.card_status import cancel_card
from kymppi.domain.codes import card_url, format_card_number
from kymppi.domain.sales import Sale, sell_card
from kymppi.extensions import db
from kymppi.models import Buyer, CardType, PaymentMethod, Role, Term, TermKind
from kymppi.office import lists
from tests import pdfs
from tests.conftest import csrf_token
from tests.factories import TERM_END, TERM_START, on

CARD_LINK = re.compile(r'href="/office/cards/([0-9A-Z]+)"')
BUYER_LINK = re.compile(r'<td><a href="/office/buyers/(\d+)"')


def card_numbers(response) -> list[str]:
    """Card numbers in the order the table shows them."""
    assert response.status_code == 200, response.status_code
    return CARD_LINK.findall(response.get_data(as_text=True))


def buyer_ids(response) -> list[int]:
    assert response.status_code == 200, response.status_code
    return [int(i) for i in BUYER_LINK.findall(response.get_data(as_text=True))]


@pytest.fixture
def office(login):
    return login(Role.OFFICE)


@pytest.fixture
def three(world, make_card):
    """Three holders with different names, contacts and visit counts."""
    return {
        "maija": make_card(name="Maija Meikäläinen", email="maija@example.org", phone="040 123 4567"),
        "aino": make_card(name="Aino Äijälä", email="aino@posti.example", phone=None, visits=5),
        "ville": make_card(name="Ville Virtanen", email=None, phone="+358 50 765 4321"),
    }


def add_card_type(name: str, valid_from: date, valid_until: date) -> CardType:
    card_type = CardType(name=name, visits=10, price_cents=5000, valid_from=valid_from, valid_until=valid_until)
    db.session.add(card_type)
    db.session.commit()
    return card_type


def test_card_list_shows_number_holder_type_status_visits_validity_and_sale(client, office, three):
    html = client.get("/office/cards").get_data(as_text=True)
    card = three["aino"]
    for expected in (
        format_card_number(card.number),
        "Aino Äijälä",
        "5 visits",
        "aktiivinen",
        "5 / 5",
        "13.12.2026",
        "24.8.2026",
        f'href="/office/buyers/{card.buyer_id}"',
    ):
        assert expected in html
    assert set(card_numbers(client.get("/office/cards"))) == {c.number for c in three.values()}


def test_status_filter_shows_only_cards_in_that_status(client, office, world, three):
    cancel_card(three["ville"].id, by=world.office, reason="muutti pois")

    assert card_numbers(client.get("/office/cards?status=cancelled")) == [three["ville"].number]
    assert "peruttu" in client.get("/office/cards?status=cancelled").get_data(as_text=True)
    assert set(card_numbers(client.get("/office/cards?status=active"))) == {
        three["maija"].number,
        three["aino"].number,
    }


def test_card_type_filter(client, office, three):
    five = db.session.get(CardType, three["aino"].card_type_id)
    assert card_numbers(client.get(f"/office/cards?card_type={five.id}")) == [three["aino"].number]


def test_term_filter_keeps_cards_whose_validity_overlaps_the_term(client, office, world, make_card, three):
    spring = Term(
        name="Kevät 2027",
        kind=TermKind.SPRING,
        academic_year="2026-2027",
        starts_on=date(2027, 1, 7),
        ends_on=date(2027, 5, 9),
    )
    db.session.add(spring)
    year_card = make_card(name="Koko Vuosi", card_type=add_card_type("Lukuvuosi", TERM_START, date(2027, 5, 31)))

    assert card_numbers(client.get(f"/office/cards?term={spring.id}")) == [year_card.number]
    autumn = set(card_numbers(client.get(f"/office/cards?term={world.term.id}")))
    assert autumn == {year_card.number, *(c.number for c in three.values())}


@pytest.mark.parametrize(
    ("query", "who"),
    [
        ("äijälä", "aino"),
        ("ÄIJÄLÄ", "aino"),
        ("maija@example", "maija"),
        ("040 123 4567", "maija"),
        ("0401234567", "maija"),
        ("0507654321", "ville"),
        ("aino posti", "aino"),
    ],
)
def test_search_matches_holder_name_email_and_phone(client, office, three, query, who):
    assert card_numbers(client.get("/office/cards", query_string={"q": query})) == [three[who].number]


def test_search_by_card_number_with_dash_finds_that_card_not_the_holders_others(client, office, world, make_card):
    first = make_card(name="Sama Ostaja", email="sama@example.org")
    second = make_card(name="Toinen Ostaja", email="toinen@example.org")
    typed = format_card_number(first.number).lower()
    assert card_numbers(client.get("/office/cards", query_string={"q": typed})) == [first.number]
    assert second.number not in card_numbers(client.get("/office/cards", query_string={"q": first.number[:6]}))


@pytest.mark.parametrize(
    ("sort", "order", "expected"),
    [
        ("holder", "asc", ["aino", "maija", "ville"]),
        ("holder", "desc", ["ville", "maija", "aino"]),
        ("visits_left", "asc", ["aino", "maija", "ville"]),
        ("sold", "desc", ["ville", "aino", "maija"]),
        ("sold", "asc", ["maija", "aino", "ville"]),
    ],
)
def test_sorting_by_column_and_direction(client, office, three, sort, order, expected):
    # Equal values (the same sale time, ten visits left) keep the order of sale.
    shown = card_numbers(client.get(f"/office/cards?sort={sort}&order={order}"))
    assert shown == [three[who].number for who in expected]


def test_number_sort_and_unknown_sort_falls_back_to_newest_sale_first(client, office, three):
    numbers = sorted(c.number for c in three.values())
    assert card_numbers(client.get("/office/cards?sort=number")) == numbers
    assert card_numbers(client.get("/office/cards?sort=number&order=desc")) == numbers[::-1]
    newest_first = [three[w].number for w in ("ville", "aino", "maija")]
    assert card_numbers(client.get("/office/cards?sort=secret&order=up")) == newest_first


def test_sort_links_keep_filters_and_toggle_direction(client, office, three):
    html = client.get("/office/cards?q=maija&sort=holder&order=asc").get_data(as_text=True)
    assert 'href="/office/cards?q=maija&amp;sort=holder&amp;order=desc"' in html
    assert 'aria-sort="ascending"' in html


def test_paging_fifty_a_page_and_out_of_range_pages_show_the_last(client, office, world, make_card, monkeypatch):
    assert listings.PER_PAGE == 50
    monkeypatch.setattr(listings, "PER_PAGE", 3)
    cards = [make_card(name=f"Ostaja {n}", email=f"o{n}@example.org") for n in range(7)]
    by_number = sorted(c.number for c in cards)

    assert card_numbers(client.get("/office/cards?sort=number&page=1")) == by_number[:3]
    assert card_numbers(client.get("/office/cards?sort=number&page=3")) == by_number[6:]
    assert card_numbers(client.get("/office/cards?sort=number&page=99")) == by_number[6:]
    for junk in ("abc", "-1", "0", "1.5", "99999999999999999999999"):
        shown = card_numbers(client.get(f"/office/cards?sort=number&page={junk}"))
        assert shown in (by_number[:3], by_number[6:])
    html = client.get("/office/cards?sort=number&order=asc&page=2").get_data(as_text=True)
    assert "7 korttia, sivu 2 / 3" in html
    assert 'href="/office/cards?sort=number&amp;order=asc&amp;page=3"' in html


JUNK = [
    {"sort": "'; DROP TABLE card; --", "order": "sideways"},
    {"page": "abc"},
    {"page": "-1"},
    {"page": "10000000000000000000000000"},
    {"term": "abc"},
    {"term": "99999999999999999999999"},
    {"term": "-5"},
    {"status": "lost"},
    {"card_type": "1e9"},
    {"q": "\x00"},
    {"q": "%_\\"},
    {"q": "x" * 5000},
    {"q": "ABCD-\x00-2345"},
    {"q": "+358"},
]


@pytest.mark.parametrize("params", JUNK)
@pytest.mark.parametrize("path", ["/office/cards", "/office/buyers"])
def test_junk_query_parameters_never_fail(client, office, three, path, params):
    assert client.get(path, query_string=params).status_code == 200


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st.dictionaries(
        st.sampled_from(["q", "sort", "order", "page", "term", "status", "card_type"]),
        st.text(max_size=30),
        max_size=5,
    )
)
def test_any_query_parameters_render_a_list(client, office, world, params):
    for path in ("/office/cards", "/office/buyers"):
        assert client.get(path, query_string=params).status_code == 200


def count_queries(client, path: str) -> int:
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)


@pytest.mark.parametrize("path", ["/office/cards", "/office/buyers", "/office/buyers?sort=cards"])
def test_lists_take_the_same_number_of_queries_for_two_or_twelve_rows(client, office, make_card, path):
    for n in range(2):
        make_card(name=f"Eka {n}", email=f"e{n}@example.org")
    few = count_queries(client, path)
    for n in range(10):
        make_card(name=f"Toka {n}", email=f"t{n}@example.org")
    assert count_queries(client, path) == few


def sheet(client, **data):
    data.setdefault("csrf_token", csrf_token(client, "/office/cards"))
    return client.post("/office/cards/sheet.pdf", data=data)


def test_selected_cards_print_on_one_a4_sheet_whose_qr_codes_are_their_urls(app, client, office, three):
    chosen = [three["maija"], three["ville"]]
    response = sheet(client, number=[format_card_number(c.number) for c in chosen], scope="selected")

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'inline; filename="kortit.pdf"'
    data = response.get_data()
    assert [tuple(round(v) for v in size) for size in pdfs.page_sizes_mm(data)] == [(210, 297)]
    scanned = {payload for page in pdfs.qr_codes(data, dpi=200) for payload, _ in page}
    assert scanned == {card_url(app.config["BASE_URL"], c.secret) for c in chosen}
    assert "Testiopisto" in pdfs.text(data)


def test_print_all_matching_the_filter_fills_a_second_page(app, client, office, world, make_card):
    cards = [make_card(name=f"Tanssija {n}", email=f"t{n}@example.org") for n in range(11)]
    make_card(name="Muu Ostaja", email="muu@example.org")

    data = sheet(client, scope="all", q="tanssija").get_data()

    scanned = pdfs.qr_codes(data, dpi=200)
    assert [len(page) for page in scanned] == [10, 1]
    assert {p for page in scanned for p, _ in page} == {card_url(app.config["BASE_URL"], c.secret) for c in cards}


@pytest.mark.parametrize("numbers", [[], ["EI-OLE"], ["ZZZZZZZZ"], ["\x00"]])
def test_nothing_printable_selected_returns_to_the_list_with_an_error(client, office, three, numbers):
    response = sheet(client, number=numbers, scope="selected", q="maija", sort="holder", order="asc")
    assert response.status_code == 302
    assert response.headers["Location"] == "/office/cards?q=maija&sort=holder&order=asc"
    assert "Valitse tulostettavat kortit" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_unknown_numbers_are_ignored_and_cancelled_cards_not_printed(client, office, world, three):
    cancel_card(three["aino"].id, by=world.office, reason="peruttu")
    numbers = [three["maija"].number, "ZZZZZZZZ", three["aino"].number, "junk"]
    data = sheet(client, number=numbers).get_data()
    assert [len(page) for page in pdfs.qr_codes(data, dpi=200)] == [1]
    html = client.get("/office/cards").get_data(as_text=True)
    assert f'value="{three["aino"].number}"' not in html
    assert f'value="{three["maija"].number}"' in html


def test_too_many_cards_are_refused_with_the_count(client, office, three, monkeypatch):
    monkeypatch.setattr(listings, "MAX_SHEET_CARDS", 2)
    monkeypatch.setattr(lists, "MAX_SHEET_CARDS", 2)
    for data in ({"scope": "all"}, {"number": [c.number for c in three.values()]}):
        response = sheet(client, **data)
        assert response.status_code == 302
        assert "Valittuna on 3 korttia" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_sheet_needs_the_csrf_token(client, office, three):
    assert sheet(client, number=[three["maija"].number], csrf_token="").status_code == 400


def test_buyer_list_shows_contacts_language_consent_and_card_summary(client, office, world, make_card, three):
    html = client.get("/office/buyers").get_data(as_text=True)
    for expected in ("Aino Äijälä", "aino@posti.example", "040 123 4567", "suomi", "13.12.2026"):
        assert expected in html
    assert buyer_ids(client.get("/office/buyers")) == [three[w].buyer_id for w in ("aino", "maija", "ville")]


def test_buyer_list_search_sort_and_paging(client, office, world, make_card, three, monkeypatch):
    ids = {who: card.buyer_id for who, card in three.items()}
    assert buyer_ids(client.get("/office/buyers?q=VIRTANEN")) == [ids["ville"]]
    assert buyer_ids(client.get("/office/buyers?q=050 765")) == [ids["ville"]]
    assert buyer_ids(client.get(f"/office/buyers?q={format_card_number(three['maija'].number)}")) == [ids["maija"]]
    assert buyer_ids(client.get("/office/buyers?sort=name&order=desc")) == [ids[w] for w in ("ville", "maija", "aino")]
    assert buyer_ids(client.get("/office/buyers?sort=created")) == [ids[w] for w in ("ville", "aino", "maija")]
    monkeypatch.setattr(listings, "PER_PAGE", 2)
    assert buyer_ids(client.get("/office/buyers?page=2")) == [ids["ville"]]
    assert buyer_ids(client.get("/office/buyers?page=50")) == [ids["ville"]]


def test_buyer_list_sorts_by_number_of_cards_and_hides_anonymised_buyers(client, office, world, make_card, three):
    ville = db.session.get(Buyer, three["ville"].buyer_id)
    for _ in range(2):
        sell_card(
            Sale(card_type_id=world.card_type.id, payment_method=PaymentMethod.CASH, buyer_id=ville.id),
            by=world.office,
            at=on(TERM_START),
        )
    shown = buyer_ids(client.get("/office/buyers?sort=cards"))
    assert shown[0] == ville.id
    assert ">3</td>" in client.get("/office/buyers?sort=cards").get_data(as_text=True)

    aino = db.session.get(Buyer, three["aino"].buyer_id)
    aino.anonymized_at = on(TERM_END)
    db.session.commit()
    assert aino.id not in buyer_ids(client.get("/office/buyers"))
    # Her card stays in the card list, without her name.
    html = client.get("/office/cards").get_data(as_text=True)
    assert three["aino"].number in html
    assert "Anonymisoitu" in html
    assert card_numbers(client.get("/office/cards?q=äijälä")) == []


@pytest.mark.parametrize("role", [Role.INSTRUCTOR])
def test_instructors_may_not_open_the_lists_or_print(client, login, three, role):
    login(role)
    token = csrf_token(client, "/checkin/")
    assert client.get("/office/cards").status_code == 403
    assert client.get("/office/buyers").status_code == 403
    response = client.post("/office/cards/sheet.pdf", data={"csrf_token": token, "number": three["maija"].number})
    assert response.status_code == 403
