"""The OpenAPI document: valid, complete, public, and true to what the API answers."""

import json
import re
from dataclasses import dataclass

import pytest
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from kymppi.api.openapi import SPEC
from kymppi.api.payloads import NEW_BUYER_FIELDS, SALE_FIELDS
from kymppi.domain.staff import create_api_token
from kymppi.extensions import db
from kymppi.models import CardType
from tests.test_api_cards import BAD_SALES, buyer_with, field_ids, sale_body

PREFIX = "/api/v1"
DOC = f"{PREFIX}/openapi.json"
# Bad bodies JSON Schema can't tell from good ones: an email's full syntax, a
# reason of blanks, and 1.0, which JSON Schema counts as an integer and we don't.
SCHEMA_CANNOT_TELL = [
    {"buyer": buyer_with(email="maija@example")},
    {"buyer": buyer_with(email="maija meikäläinen@example.org")},
    {"buyer": buyer_with(email="  ", phone="")},
    {"card_type_id": 1.0},
    {"price_cents": 2500, "price_reason": "  "},
]
SCHEMA_CAN_TELL = [row for row in BAD_SALES if row[0] not in SCHEMA_CANNOT_TELL]


def test_spec_is_valid_openapi():
    validate(SPEC)


def test_spec_is_served_without_login(client):
    response = client.get(DOC)
    assert response.status_code == 200
    assert response.get_json() == json.loads(json.dumps(SPEC))
    assert "Set-Cookie" not in response.headers


def test_spec_ignores_credentials(client, world):
    response = client.get(DOC, headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 200


def _spec_path(rule: str) -> str:
    """ "/api/v1/checkins/<id:check_in_id>" → "/checkins/{check_in_id}"."""
    return re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.removeprefix(PREFIX))


def _api_routes(app) -> set[tuple[str, str]]:
    return {
        (_spec_path(rule.rule), method.lower())
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith(f"{PREFIX}/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_every_api_route_is_documented_and_nothing_else(app):
    documented = {(path, method) for path, operations in SPEC["paths"].items() for method in operations}
    assert _api_routes(app) == documented


def test_documented_request_fields_are_the_parsed_ones():
    schemas = SPEC["components"]["schemas"]
    assert set(schemas["SaleRequest"]["properties"]) == SALE_FIELDS
    assert set(schemas["NewBuyer"]["properties"]) == NEW_BUYER_FIELDS


def _validator(schema: dict) -> Draft202012Validator:
    """Refs in the spec point at "#/components/…"; carrying the components along resolves them."""
    root = schema | {"components": SPEC["components"]}
    return Draft202012Validator(root, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _request_validator() -> Draft202012Validator:
    return _validator({"$ref": "#/components/schemas/SaleRequest"})


def test_good_sale_bodies_match_the_request_schema():
    card_type = CardType(id=7)
    for body in (
        sale_body(card_type),
        sale_body(card_type, buyer={"buyer_id": 3}, price_cents=0, price_reason="lahja", sale_key="desk-1-0001"),
        sale_body(card_type, buyer={"name": "Matti", "phone": "+358 40 123 4567", "new_customer": False}),
    ):
        assert not list(_request_validator().iter_errors(body))


def test_bodies_the_schema_cannot_tell_are_refused_by_the_server():
    assert all(any(change == row[0] for row in BAD_SALES) for change in SCHEMA_CANNOT_TELL)


@pytest.mark.parametrize(("change", "fields"), SCHEMA_CAN_TELL, ids=field_ids(SCHEMA_CAN_TELL))
def test_bad_sale_bodies_break_the_request_schema(change, fields):
    body = {key: value for key, value in sale_body(CardType(id=7), **change).items() if value is not ...}
    assert list(_request_validator().iter_errors(body)), f"the schema accepts a body the server refuses: {fields}"


def _documented_response(path: str, method: str, status: int) -> dict:
    responses = SPEC["paths"][path][method]["responses"]
    assert str(status) in responses, f"{method.upper()} {path} answered an undocumented {status}"
    response = responses[str(status)]
    if "$ref" in response:
        response = SPEC["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    return response


def assert_matches_spec(response, path: str, method: str) -> None:
    documented = _documented_response(path, method, response.status_code)
    assert response.mimetype in documented["content"]
    if response.mimetype == "application/json":
        schema = documented["content"]["application/json"]["schema"]
        errors = [error.message for error in _validator(schema).iter_errors(response.get_json())]
        assert not errors, (response.get_json(), errors)
    for header in documented.get("headers", {}):
        assert header in response.headers


@dataclass
class Ctx:
    client: object
    office: dict
    instructor: dict
    card_number: str
    card_type: CardType
    gym_id: int
    language_id: int  # a course that takes no cards

    def sell(self, **changes):
        return self.client.post(f"{PREFIX}/cards", json=sale_body(self.card_type, **changes), headers=self.office)

    def scan(self, headers, course_id=None, code=None, **extra):
        """A scan now: the card is valid from the autumn term until 2100."""
        body = {"code": code or self.card_number, "course_id": course_id or self.gym_id} | extra
        return self.client.post(f"{PREFIX}/checkins", json=body, headers=headers)

    def get(self, path, headers=None):
        return self.client.get(f"{PREFIX}{path}", headers=headers or self.instructor)


@pytest.fixture
def ctx(client, world, make_card):
    world.card_type.valid_until = world.card_type.valid_until.replace(year=2100)
    db.session.commit()
    office = {"Authorization": f"Bearer {create_api_token(world.office)}"}
    instructor = {"Authorization": f"Bearer {create_api_token(world.instructor)}"}
    courses = world.course("gym").id, world.course("language").id
    return Ctx(client, office, instructor, make_card().number, world.card_type, *courses)


def _undo(ctx: Ctx, reason: str | None, *, times: int = 1, headers=None):
    check_in_id = ctx.scan(ctx.office).get_json()["checkin_id"]
    for _ in range(times):
        response = ctx.client.delete(
            f"{PREFIX}/checkins/{check_in_id}", json={"reason": reason}, headers=headers or ctx.office
        )
    return response


def _report(ctx: Ctx, **change):
    body = {
        "code": ctx.card_number,
        "course_id": ctx.gym_id,
        "client_id": "tablet-1-000001",
        "scanned_at": "2026-11-23T18:02:00+02:00",
        "source": "camera",
        "outcome": "no_visits_left",
    }
    return ctx.client.post(f"{PREFIX}/refused-scans", json=body | change, headers=ctx.office)


def _refused(ctx: Ctx):
    return ctx.scan(ctx.instructor, course_id=ctx.language_id)


# (name, spec path, method, call) — each call answers one documented status.
CALLS = [
    ("sale 201", "/cards", "post", lambda c: c.sell()),
    ("sale replay 200", "/cards", "post", lambda c: (c.sell(sale_key="k-000001"), c.sell(sale_key="k-000001"))[1]),
    ("sale 400", "/cards", "post", lambda c: c.sell(card_type_id="x", buyer={})),
    ("sale 401", "/cards", "post", lambda c: c.client.post(f"{PREFIX}/cards", json={})),
    ("sale 403", "/cards", "post", lambda c: c.client.post(f"{PREFIX}/cards", json={}, headers=c.instructor)),
    ("sale 404", "/cards", "post", lambda c: c.sell(card_type_id=999_999)),
    ("card 200", "/cards/{number}", "get", lambda c: c.client.get(f"{PREFIX}/cards/{c.card_number}", headers=c.office)),
    ("card 404", "/cards/{number}", "get", lambda c: c.client.get(f"{PREFIX}/cards/nothing", headers=c.office)),
    (
        "pdf 200",
        "/cards/{number}/pdf",
        "get",
        lambda c: c.client.get(f"{PREFIX}/cards/{c.card_number}/pdf", headers=c.office),
    ),
    ("pdf 404", "/cards/{number}/pdf", "get", lambda c: c.client.get(f"{PREFIX}/cards/nothing/pdf", headers=c.office)),
    ("card types 200", "/card-types", "get", lambda c: c.client.get(f"{PREFIX}/card-types", headers=c.office)),
    (
        "courses 200",
        "/courses",
        "get",
        lambda c: c.client.get(f"{PREFIX}/courses?accepts_cards=true", headers=c.office),
    ),
    ("courses 400", "/courses", "get", lambda c: c.client.get(f"{PREFIX}/courses?accepts_cards=x", headers=c.office)),
    ("courses 403", "/courses", "get", lambda c: c.client.get(f"{PREFIX}/courses", headers=c.instructor)),
    ("check-in 201", "/checkins", "post", lambda c: c.scan(c.instructor)),
    ("check-in 200", "/checkins", "post", lambda c: (c.scan(c.instructor), c.scan(c.instructor))[1]),
    ("check-in 409", "/checkins", "post", _refused),
    ("check-in 404 card", "/checkins", "post", lambda c: c.scan(c.instructor, code="ZZZZ-ZZZZ")),
    ("check-in 400", "/checkins", "post", lambda c: c.client.post(f"{PREFIX}/checkins", json={}, headers=c.office)),
    ("check-in 403", "/checkins", "post", lambda c: c.scan(c.instructor, scanned_at="2026-01-01T12:00:00+02:00")),
    ("check-in 404 course", "/checkins", "post", lambda c: c.scan(c.instructor, course_id=999_999)),
    ("report 201", "/refused-scans", "post", lambda c: _report(c)),
    ("report 200", "/refused-scans", "post", lambda c: (_report(c), _report(c))[1]),
    ("report 400", "/refused-scans", "post", lambda c: _report(c, outcome="ok")),
    ("report 404", "/refused-scans", "post", lambda c: _report(c, course_id=999_999)),
    ("undo 200", "/checkins/{check_in_id}", "delete", lambda c: _undo(c, "väärä kortti")),
    ("undo 403", "/checkins/{check_in_id}", "delete", lambda c: _undo(c, None, headers=c.instructor)),
    ("undo 409", "/checkins/{check_in_id}", "delete", lambda c: _undo(c, "väärä kortti", times=2)),
    ("undo 422", "/checkins/{check_in_id}", "delete", lambda c: _undo(c, None)),
    (
        "roster 200",
        "/courses/{course_id}/roster",
        "get",
        lambda c: (c.scan(c.instructor), c.get(f"/courses/{c.gym_id}/roster"))[1],
    ),
    ("roster 400", "/courses/{course_id}/roster", "get", lambda c: c.get(f"/courses/{c.gym_id}/roster?date=eilen")),
    ("roster 404", "/courses/{course_id}/roster", "get", lambda c: c.get("/courses/999999/roster")),
    (
        "offline 200",
        "/courses/{course_id}/offline-roster",
        "get",
        lambda c: c.get(f"/courses/{c.gym_id}/offline-roster"),
    ),
    ("offline 404", "/courses/{course_id}/offline-roster", "get", lambda c: c.get("/courses/999999/offline-roster")),
    ("openapi 200", "/openapi.json", "get", lambda c: c.client.get(DOC)),
]


@pytest.mark.parametrize(("path", "method", "call"), [row[1:] for row in CALLS], ids=[row[0] for row in CALLS])
def test_answers_match_the_spec(ctx, path, method, call):
    assert_matches_spec(call(ctx), path, method)


def test_not_on_sale_matches_the_spec(ctx):
    ctx.card_type.on_sale = False
    db.session.commit()
    response = ctx.sell()
    assert response.status_code == 409
    assert_matches_spec(response, "/cards", "post")
