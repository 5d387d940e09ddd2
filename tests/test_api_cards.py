"""The office's JSON API: selling, looking up and printing cards, and the lists a sale needs."""

from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kymppi.api import cards as cards_api
from kymppi.domain.checkin import check_in, undo_check_in
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.codes import card_url, format_card_number
from kymppi.domain.errors import InvalidInput
from kymppi.domain.staff import create_api_token
from kymppi.extensions import db
from kymppi.models import Buyer, Card, Organization, Receipt, Role
from tests import pdfs
from tests.conftest import csrf_token
from tests.factories import SESSION_DAY, on
from tests.rows import audit_events, count

URL = "/api/v1/cards"


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def office_token(world):
    return create_api_token(world.office)


@pytest.fixture
def card_type(todays_card_type):
    """Sales happen now, so the card type must be on sale today."""
    return todays_card_type


BUYER = {
    "name": "Maija Meikäläinen",
    "email": "maija@example.org",
    "phone": "040 123 4567",
    "language": "fi",
    "new_customer": True,
    "feedback_consent": True,
    "municipality": "Hausjärvi",
}


def sale_body(card_type, **changes) -> dict:
    body = {
        "buyer": dict(BUYER),
        "card_type_id": card_type.id,
        "payment_method": "epassi",
        "payment_reference": "EP-12345",
    }
    return body | changes


def buyer_with(**changes) -> dict:
    """The buyer with some fields changed; `...` leaves a field out."""
    buyer = BUYER | changes
    return {key: value for key, value in buyer.items() if value is not ...}


def sell(client, token, body):
    return client.post(URL, json=body, headers=bearer(token))


def test_sale_by_bearer_token_returns_the_new_card(client, app, world, card_type, office_token):
    response = sell(client, office_token, sale_body(card_type))
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    card = db.session.query(Card).one()
    assert body == {
        "number": format_card_number(card.number),
        "url": card_url(app.config["BASE_URL"], card.secret),
        "status": "active",
        "visits_total": 10,
        "visits_left": 10,
        "valid_from": card_type.valid_from.isoformat(),
        "valid_until": card_type.valid_until.isoformat(),
        "holder": "Maija Meikäläinen",
        "buyer_id": card.buyer_id,
        "card_type_id": card_type.id,
        "receipt_number": card.receipt.label,
        "price_cents": 5000,
        "payment_method": "epassi",
        "replaced_by": None,
    }
    assert response.headers["Location"] == f"{URL}/{body['number']}"
    assert (card.sold_by_id, card.payment_reference) == (world.office.id, "EP-12345")
    buyer = card.buyer
    assert (buyer.email, buyer.phone, buyer.municipality) == ("maija@example.org", "040 123 4567", "Hausjärvi")
    assert buyer.new_customer and buyer.feedback_consent


def test_sale_to_an_existing_buyer(client, make_card, card_type, office_token):
    earlier = make_card()
    response = sell(client, office_token, sale_body(card_type, buyer={"buyer_id": earlier.buyer_id}))
    assert response.status_code == 201
    assert response.get_json()["buyer_id"] == earlier.buyer_id
    assert count(Buyer) == 1


def test_admin_may_sell(client, make_user, card_type):
    response = sell(client, create_api_token(make_user(Role.ADMIN)), sale_body(card_type))
    assert response.status_code == 201


def test_changed_price_is_sold_and_audited_with_its_reason(client, card_type, office_token):
    body = sale_body(card_type, price_cents=2500, price_reason="puolikas lukukausi")
    response = sell(client, office_token, body)
    assert response.status_code == 201
    assert response.get_json()["price_cents"] == 2500
    (event,) = audit_events("card_sold")
    assert (event.details["list_price_cents"], event.details["price_reason"]) == (5000, "puolikas lukukausi")


def test_session_sale_needs_the_csrf_header(client, world, card_type, login):
    login(Role.OFFICE)
    refused = client.post(URL, json=sale_body(card_type))
    assert refused.status_code == 400
    assert "CSRF" in refused.get_json()["error"]
    assert count(Card) == 0
    accepted = client.post(URL, json=sale_body(card_type), headers={"X-CSRFToken": csrf_token(client, "/checkin/")})
    assert accepted.status_code == 201
    assert count(Card) == 1


def test_session_reads_need_no_csrf_header(client, make_card, login):
    card = make_card()
    login(Role.OFFICE)
    assert client.get(f"{URL}/{card.number}").status_code == 200


def test_replayed_sale_key_returns_the_first_card(client, card_type, office_token):
    body = sale_body(card_type, sale_key="desk-2-000017")
    first = sell(client, office_token, body)
    again = sell(client, office_token, body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json() == first.get_json()
    assert (count(Card), count(Receipt), count(Buyer)) == (1, 1, 1)


def test_card_type_not_on_sale_is_a_conflict(client, card_type, office_token):
    card_type.on_sale = False
    db.session.commit()
    response = sell(client, office_token, sale_body(card_type))
    assert response.status_code == 409
    assert response.get_json()["outcome"] == "not_on_sale"
    assert set(response.get_json()["fields"]) == {"card_type_id"}
    assert count(Card) == 0


def test_expired_card_type_is_not_on_sale(client, world, office_token):
    world.card_type.valid_until = local_date(utcnow()) - timedelta(days=1)
    world.card_type.valid_from = world.card_type.valid_until - timedelta(days=100)
    db.session.commit()
    assert sell(client, office_token, sale_body(world.card_type)).status_code == 409


@pytest.mark.parametrize(
    ("change", "missing"),
    [({"card_type_id": 999_999}, "card type"), ({"buyer": {"buyer_id": 999_999}}, "buyer")],
    ids=["card type", "buyer"],
)
def test_unknown_reference_is_not_found(client, card_type, office_token, change, missing):
    response = sell(client, office_token, sale_body(card_type, **change))
    assert response.status_code == 404
    assert missing in response.get_json()["error"]
    assert count(Card) == 0


def test_anonymised_buyer_is_not_found(client, make_card, card_type, office_token):
    buyer = make_card().buyer
    buyer.anonymized_at = utcnow()
    db.session.commit()
    response = sell(client, office_token, sale_body(card_type, buyer={"buyer_id": buyer.id}))
    assert response.status_code == 404


BAD_SALES = [
    ({"buyer": None}, {"buyer"}),
    ({"buyer": "Maija"}, {"buyer"}),
    ({"buyer": []}, {"buyer"}),
    ({"buyer": {}}, {"buyer.name", "buyer.email", "buyer.new_customer"}),
    ({"buyer": {"buyer_id": "7"}}, {"buyer.buyer_id"}),
    ({"buyer": {"buyer_id": True}}, {"buyer.buyer_id"}),
    ({"buyer": {"buyer_id": 0}}, {"buyer.buyer_id"}),
    ({"buyer": {"buyer_id": 2**31}}, {"buyer.buyer_id"}),
    ({"buyer": {"buyer_id": 1, "name": "Maija"}}, {"buyer"}),
    ({"buyer": buyer_with(name=...)}, {"buyer.name"}),
    ({"buyer": buyer_with(name="   ")}, {"buyer.name"}),
    ({"buyer": buyer_with(name=42)}, {"buyer.name"}),
    ({"buyer": buyer_with(name="x" * 201)}, {"buyer.name"}),
    ({"buyer": buyer_with(name="Maija\x00")}, {"buyer.name"}),
    ({"buyer": buyer_with(name="Maija\nMeikäläinen")}, {"buyer.name"}),
    ({"buyer": buyer_with(email=None, phone=None)}, {"buyer.email"}),
    ({"buyer": buyer_with(email="  ", phone="")}, {"buyer.email"}),
    ({"buyer": buyer_with(email="maija")}, {"buyer.email"}),
    ({"buyer": buyer_with(email="maija@example")}, {"buyer.email"}),
    ({"buyer": buyer_with(email="maija meikäläinen@example.org")}, {"buyer.email"}),
    ({"buyer": buyer_with(email="a" * 250 + "@x.fi")}, {"buyer.email"}),
    ({"buyer": buyer_with(email=["maija@example.org"])}, {"buyer.email"}),
    ({"buyer": buyer_with(phone="soita")}, {"buyer.phone"}),
    ({"buyer": buyer_with(phone="0" * 41)}, {"buyer.phone"}),
    ({"buyer": buyer_with(phone=401234567)}, {"buyer.phone"}),
    ({"buyer": buyer_with(language="de")}, {"buyer.language"}),
    ({"buyer": buyer_with(language=None)}, {"buyer.language"}),
    ({"buyer": buyer_with(new_customer=...)}, {"buyer.new_customer"}),
    ({"buyer": buyer_with(new_customer="yes")}, {"buyer.new_customer"}),
    ({"buyer": buyer_with(new_customer=1)}, {"buyer.new_customer"}),
    ({"buyer": buyer_with(feedback_consent="true")}, {"buyer.feedback_consent"}),
    ({"buyer": buyer_with(feedback_consent=0)}, {"buyer.feedback_consent"}),
    ({"buyer": buyer_with(municipality="x" * 101)}, {"buyer.municipality"}),
    ({"buyer": buyer_with(municipality=7)}, {"buyer.municipality"}),
    ({"buyer": buyer_with(password="secret")}, {"buyer.password"}),
    ({"card_type_id": ...}, {"card_type_id"}),
    ({"card_type_id": None}, {"card_type_id"}),
    ({"card_type_id": "1"}, {"card_type_id"}),
    ({"card_type_id": True}, {"card_type_id"}),
    ({"card_type_id": 1.0}, {"card_type_id"}),
    ({"card_type_id": -1}, {"card_type_id"}),
    ({"card_type_id": 2**64}, {"card_type_id"}),
    ({"payment_method": ...}, {"payment_method"}),
    ({"payment_method": "bitcoin"}, {"payment_method"}),
    ({"payment_method": "CASH"}, {"payment_method"}),
    ({"payment_method": ["cash"]}, {"payment_method"}),
    ({"payment_reference": "x" * 101}, {"payment_reference"}),
    ({"payment_reference": 12345}, {"payment_reference"}),
    ({"payment_reference": "EP\t1"}, {"payment_reference"}),
    ({"price_cents": 2500}, {"price_reason"}),
    ({"price_cents": 2500, "price_reason": "  "}, {"price_reason"}),
    ({"price_reason": "alennus"}, {"price_reason"}),
    ({"price_cents": -1, "price_reason": "x"}, {"price_cents"}),
    ({"price_cents": 1_000_001, "price_reason": "x"}, {"price_cents"}),
    ({"price_cents": 2**63, "price_reason": "x"}, {"price_cents"}),
    ({"price_cents": 25.5, "price_reason": "x"}, {"price_cents"}),
    ({"price_cents": "2500", "price_reason": "x"}, {"price_cents"}),
    ({"price_cents": True, "price_reason": "x"}, {"price_cents"}),
    ({"price_cents": 2500, "price_reason": "x" * 201}, {"price_reason"}),
    ({"price_cents": 2500, "price_reason": 5}, {"price_reason"}),
    ({"sale_key": "short"}, {"sale_key"}),
    ({"sale_key": "x" * 65}, {"sale_key"}),
    ({"sale_key": "with spaces in it"}, {"sale_key"}),
    ({"sale_key": 12345678}, {"sale_key"}),
    ({"price": 2500}, {"price"}),
    (
        {"buyer": {"name": ""}, "card_type_id": "x", "payment_method": "x", "price_cents": -5, "sale_key": "x"},
        {"buyer.name", "buyer.email", "buyer.new_customer", "card_type_id", "payment_method", "price_cents"}
        | {"price_reason", "sale_key"},
    ),
]


def field_ids(rows) -> list[str]:
    return [" ".join(sorted(fields)) for _, fields in rows]


@pytest.mark.parametrize(("change", "fields"), BAD_SALES, ids=field_ids(BAD_SALES))
def test_bad_sale_fields_are_all_named(client, card_type, office_token, change, fields):
    body = {key: value for key, value in sale_body(card_type, **change).items() if value is not ...}
    response = sell(client, office_token, body)
    assert response.status_code == 400, response.get_json()
    assert set(response.get_json()["fields"]) == fields
    assert count(Card) == 0


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        ("buyer=Maija", "application/x-www-form-urlencoded"),
        ("not json", "text/plain"),
        ("{broken", "application/json"),
        ("[]", "application/json"),
        ("null", "application/json"),
        ('"Maija"', "application/json"),
        ("[" * 100_000, "application/json"),
        ('{"a":' * 50_000 + "1" + "}" * 50_000, "application/json"),
        ('{"price_cents": 1' + "0" * 5000 + "}", "application/json"),
        (b"\xff\xfe{}", "application/json"),
        ("", "application/json"),
    ],
    ids=["form", "text", "broken", "list", "null", "string", "deep list", "deep object", "huge int", "bytes", "empty"],
)
def test_body_that_is_not_a_json_object(client, card_type, office_token, data, content_type):
    response = client.post(URL, data=data, content_type=content_type, headers=bearer(office_token))
    assert response.status_code == 400
    assert response.get_json()["fields"] == {"body": "Odotettiin JSON-objektia."}


def test_deeply_nested_check_in_body_is_refused_too(client, world, office_token):
    response = client.post(
        "/api/v1/checkins", data="[" * 100_000, content_type="application/json", headers=bearer(office_token)
    )
    assert response.status_code == 400


def test_invalid_input_from_the_domain_names_the_api_field(client, card_type, office_token, monkeypatch):
    """The parser refuses what the domain would; should they ever disagree, the answer is still a 400."""

    def refuse(sale, *, by):
        raise InvalidInput("phone", "at most 40 characters")

    monkeypatch.setattr(cards_api, "sell_card", refuse)
    response = sell(client, office_token, sale_body(card_type))
    assert response.status_code == 400
    assert response.get_json()["fields"] == {"buyer.phone": "at most 40 characters"}


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3),
    max_leaves=8,
)
SALE_KEYS = st.sampled_from(["buyer", "card_type_id", "payment_method", "payment_reference", "price_cents"])
BUYER_KEYS = st.sampled_from(["buyer_id", "name", "email", "phone", "language", "new_customer", "municipality"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    body=st.dictionaries(SALE_KEYS, JSON_VALUES, max_size=5),
    buyer=st.none() | st.dictionaries(BUYER_KEYS, JSON_VALUES, max_size=6),
)
def test_no_sale_body_crashes_the_server(client, card_type, office_token, body, buyer):
    if buyer is not None:
        body["buyer"] = buyer
    response = sell(client, office_token, body)
    assert response.status_code in (201, 400, 404, 409), response.get_data(as_text=True)
    assert response.is_json


# Every route of the cards blueprint, with a body where it takes one.
ROUTES = [
    ("post", URL),
    ("get", f"{URL}/{{number}}"),
    ("get", f"{URL}/{{number}}/pdf"),
    ("get", "/api/v1/card-types"),
    ("get", "/api/v1/courses"),
]


def test_routes_list_is_complete(app):
    """The role tests below cover every route the cards blueprint has."""
    routes = {
        (method.lower(), rule.rule.replace("<number>", "{number}"))
        for rule in app.url_map.iter_rules()
        if rule.endpoint.startswith("api.cards.")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    assert routes == set(ROUTES)


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_instructor_is_forbidden(client, world, make_card, card_type, method, path):
    token = create_api_token(world.instructor)
    card = make_card()
    response = getattr(client, method)(
        path.format(number=card.number), json=sale_body(card_type) if method == "post" else None, headers=bearer(token)
    )
    assert response.status_code == 403
    assert response.is_json and response.get_json()["error"]
    assert count(Card) == 1


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_instructor_session_is_forbidden(client, make_card, login, method, path):
    card = make_card()
    login(Role.INSTRUCTOR)
    headers = {"X-CSRFToken": csrf_token(client, "/checkin/")}
    response = getattr(client, method)(path.format(number=card.number), json={}, headers=headers)
    assert response.status_code == 403
    assert response.is_json


@pytest.mark.parametrize(("method", "path"), ROUTES)
@pytest.mark.parametrize("headers", [{}, bearer("not-a-token")], ids=["anonymous", "bad token"])
def test_unauthenticated_is_refused(client, make_card, card_type, method, path, headers):
    card = make_card()
    response = getattr(client, method)(
        path.format(number=card.number), json=sale_body(card_type) if method == "post" else None, headers=headers
    )
    assert response.status_code == 401
    assert response.get_json() == {"error": "authentication required"}
    assert count(Card) == 1


@pytest.fixture
def visited_card(world, make_card):
    """A card with a visit, an undone visit and a visit on another course."""
    card = make_card(name="Maija Meikäläinen")
    gym, dance = world.course("gym"), world.course("dance")
    check_in(card.number, gym.id, by=world.instructor, at=on(SESSION_DAY))
    check_in(card.number, dance.id, by=world.instructor, at=on(SESSION_DAY + timedelta(days=2)))
    mistake = check_in(card.number, gym.id, by=world.instructor, at=on(SESSION_DAY + timedelta(days=7)))
    undo_check_in(mistake.check_in_id, by=world.office, reason="väärä kortti", at=on(SESSION_DAY + timedelta(days=7)))
    return card


@pytest.mark.parametrize("spelling", ["plain", "dashed", "lower", "lower dashed", "spaced"])
def test_card_with_its_check_ins(client, app, world, visited_card, office_token, spelling):
    number = visited_card.number
    typed = {
        "plain": number,
        "dashed": format_card_number(number),
        "lower": number.lower(),
        "lower dashed": format_card_number(number).lower(),
        "spaced": f" {number[:4]} {number[4:]} ",
    }[spelling]
    response = client.get(f"{URL}/{typed}", headers=bearer(office_token))
    assert response.status_code == 200
    body = response.get_json()
    assert body["number"] == format_card_number(number)
    assert body["url"] == card_url(app.config["BASE_URL"], visited_card.secret)
    assert (body["visits_left"], body["holder"], body["receipt_number"]) == (8, "Maija Meikäläinen", "2026-00001")
    visits = body["check_ins"]
    # Newest first, as on the office card page.
    assert [(v["course"], v["session_date"]) for v in visits] == [
        ("Gym", "2026-11-30"),
        ("Dance", "2026-11-25"),
        ("Gym", "2026-11-23"),
    ]
    assert [v["undone_at"] is not None for v in visits] == [True, False, False]
    assert visits[2]["by"] == world.instructor.name
    assert visits[2]["course_id"] == world.course("gym").id
    assert (visits[0]["undone_by"], visits[0]["undo_reason"]) == (world.office.name, "väärä kortti")


@pytest.mark.parametrize("path", ["ZZZZ-ZZZZ", "nothing", "x" * 300, "A" * 40, "%00"])
@pytest.mark.parametrize("suffix", ["", "/pdf"])
def test_unknown_card_is_not_found(client, make_card, office_token, path, suffix):
    make_card()
    response = client.get(f"{URL}/{path}{suffix}", headers=bearer(office_token))
    assert response.status_code == 404
    assert response.is_json


def test_card_secret_does_not_find_the_card(client, make_card, office_token):
    """Secrets stay out of URLs and access logs: the API looks cards up by number only."""
    card = make_card()
    assert client.get(f"{URL}/{card.secret}", headers=bearer(office_token)).status_code == 404


def test_replaced_card_names_its_replacement(client, world, make_card, office_token):
    from kymppi.domain.replacement import replace_card

    card = make_card()
    new = replace_card(card.id, by=world.office, reason="hukattu").card
    body = client.get(f"{URL}/{card.number}", headers=bearer(office_token)).get_json()
    assert (body["status"], body["replaced_by"]) == ("replaced", format_card_number(new.number))
    assert client.get(f"{URL}/{new.number}", headers=bearer(office_token)).get_json()["receipt_number"] is None


def test_card_pdf_carries_the_card_url(client, app, world, make_card, office_token):
    card = make_card(name="Åsa Äijälä")
    response = client.get(f"{URL}/{format_card_number(card.number).lower()}/pdf", headers=bearer(office_token))
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == f"attachment; filename=kymppikortti-{card.number}.pdf"
    data = response.get_data()
    assert data.startswith(b"%PDF-")
    assert [[text for text, _ in page] for page in pdfs.qr_codes(data)] == [
        [card_url(app.config["BASE_URL"], card.secret)]
    ]
    text = pdfs.text(data)
    assert "Testiopisto" in text and "Åsa Äijälä" in text
    assert [event.card_id for event in audit_events("card_printed")] == [card.id]


def test_card_pdf_without_organization_settings_names_a_generic_opisto(client, make_card, office_token):
    card = make_card()
    db.session.query(Organization).delete()
    db.session.commit()
    response = client.get(f"{URL}/{card.number}/pdf", headers=bearer(office_token))
    assert response.status_code == 200
    assert "Kansalaisopisto" in pdfs.text(response.get_data())


def test_card_types_list(client, world, card_type, office_token):
    card_type.on_sale = False
    db.session.commit()
    response = client.get("/api/v1/card-types", headers=bearer(office_token))
    assert response.status_code == 200
    by_id = {item["id"]: item for item in response.get_json()}
    assert set(by_id) == {world.card_type.id, card_type.id}
    assert by_id[world.card_type.id] == {
        "id": world.card_type.id,
        "name": "Kymppikortti",
        "visits": 10,
        "price_cents": 5000,
        "valid_from": "2026-08-24",
        "valid_until": "2026-12-13",
        "on_sale": True,
        "categories": ["dance", "sport"],
    }
    assert by_id[card_type.id]["on_sale"] is False


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("", {"C-gym", "C-dance", "C-reduced_gym", "C-language", "C-choir", "C-capped"}),
        ("?accepts_cards=true", {"C-gym", "C-dance", "C-choir", "C-capped"}),
        ("?accepts_cards=false", {"C-reduced_gym", "C-language"}),
    ],
)
def test_courses_list(client, world, office_token, query, codes):
    response = client.get(f"/api/v1/courses{query}", headers=bearer(office_token))
    assert response.status_code == 200
    courses = response.get_json()
    assert {course["code"] for course in courses} == codes
    assert [course["code"] for course in courses] == sorted(codes)
    capped = next((course for course in courses if course["code"] == "C-capped"), None)
    if capped is not None:
        assert capped == {
            "id": world.course("capped").id,
            "code": "C-capped",
            "name": "Capped",
            "category": "sport",
            "term_id": world.term.id,
            "term": "Syksy 2026",
            "accepts_cards": True,
            "weekday": 0,
            "starts_at": "18:00",
            "ends_at": "19:00",
            "place": "Sali",
            "card_cap": 2,
        }


@pytest.mark.parametrize("value", ["yes", "1", "True", "", "x" * 1000])
def test_courses_filter_must_be_true_or_false(client, world, office_token, value):
    response = client.get(f"/api/v1/courses?accepts_cards={value}", headers=bearer(office_token))
    assert response.status_code == 400
    assert set(response.get_json()["fields"]) == {"accepts_cards"}


def test_lists_are_empty_without_a_catalogue(client, make_user):
    token = create_api_token(make_user(Role.OFFICE))
    assert client.get("/api/v1/card-types", headers=bearer(token)).get_json() == []
    assert client.get("/api/v1/courses", headers=bearer(token)).get_json() == []


def test_a_sale_key_reused_for_a_different_sale_is_409_and_sells_nothing(client, world, card_type, office_token):
    assert sell(client, office_token, sale_body(card_type, sale_key="desk-0001")).status_code == 201
    other_buyer = sale_body(card_type, sale_key="desk-0001", buyer=buyer_with(name="Pekka Virtanen"))
    response = sell(client, office_token, other_buyer)
    assert response.status_code == 409
    assert response.get_json()["outcome"] == "key_reused" and "sale_key" in response.get_json()["fields"]
    assert count(Card) == 1


def test_a_card_not_in_use_has_no_pdf(client, world, card_type, office_token):
    number = sell(client, office_token, sale_body(card_type)).get_json()["number"]
    card = db.session.query(Card).one()
    card.status = card.status.CANCELLED
    db.session.commit()
    response = client.get(f"{URL}/{number}/pdf", headers=bearer(office_token))
    assert response.status_code == 409 and response.is_json
    assert audit_events("card_printed") == []
