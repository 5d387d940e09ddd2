"""Who gets what: the expected answer of every route, method and role, declared in one table.

The table is checked against the app's own URL map both ways, so a route added
without a row fails, and so does a row whose route is gone. Every row is then
requested by every role, with its variables filled from a small world (one
buyer's card, a course, a term, a check-in, a feedback round...), so a refusal
is tested where a real id would otherwise be served. Writes carry a valid CSRF
token, so what refuses them is the role check, and a refused request must
leave every table as it was.

A buyer has no account: all they hold is their card's secret address and the
survey link in their email. They are anonymous everywhere else.
"""

from dataclasses import dataclass
from enum import Enum
from urllib.parse import parse_qs, urlsplit

import pytest
from flask_wtf.csrf import CSRFError
from sqlalchemy import select
from werkzeug.routing import AnyConverter, Rule

from kymppi.domain.checkin import check_in
from kymppi.domain.feedback import start_round
from kymppi.domain.periods import Period
from kymppi.domain.staff import create_api_token
from kymppi.extensions import db
from kymppi.models import ApiToken, Role
from tests.conftest import csrf_token
from tests.factories import PASSWORD
from tests.feedback_helpers import AT, invite


class Answer(Enum):
    ALLOWED = "allowed"
    LOGIN = "login redirect"
    UNAUTHORIZED = "401 JSON"
    FORBIDDEN = "403"
    NOT_FOUND = "404"


ALLOWED, LOGIN, UNAUTHORIZED, FORBIDDEN = Answer.ALLOWED, Answer.LOGIN, Answer.UNAUTHORIZED, Answer.FORBIDDEN
ROLES = ("anonymous", "buyer", "instructor", "office", "admin")


@dataclass(frozen=True)
class Access:
    anonymous: Answer
    buyer: Answer
    instructor: Answer
    office: Answer
    admin: Answer

    def of(self, role: str) -> Answer:
        return getattr(self, role)


PUBLIC = Access(ALLOWED, ALLOWED, ALLOWED, ALLOWED, ALLOWED)
STAFF = Access(LOGIN, LOGIN, ALLOWED, ALLOWED, ALLOWED)
OFFICE = Access(LOGIN, LOGIN, FORBIDDEN, ALLOWED, ALLOWED)
ADMIN = Access(LOGIN, LOGIN, FORBIDDEN, FORBIDDEN, ALLOWED)
STAFF_API = Access(UNAUTHORIZED, UNAUTHORIZED, ALLOWED, ALLOWED, ALLOWED)
OFFICE_API = Access(UNAUTHORIZED, UNAUTHORIZED, FORBIDDEN, ALLOWED, ALLOWED)

MATRIX: dict[tuple[str, str], Access] = {
    # Signing in and out. "/" is only a signpost: each role to its home, anyone else to the login page.
    ("/", "GET"): PUBLIC,
    ("/login", "GET"): PUBLIC,
    ("/login", "POST"): PUBLIC,
    ("/logout", "POST"): STAFF,
    ("/profile", "GET"): STAFF,
    ("/profile", "POST"): STAFF,
    # Open to all: no data in them.
    ("/healthz", "GET"): PUBLIC,
    ("/opisto.css", "GET"): PUBLIC,
    ("/saavutettavuus", "GET"): PUBLIC,
    ("/tietosuoja", "GET"): PUBLIC,
    ("/api/v1/openapi.json", "GET"): PUBLIC,
    # The buyer's card and survey: whoever holds the secret link (see test_a_buyer_link_opens_its_own_card_only).
    ("/k/<secret>", "GET"): PUBLIC,
    ("/k/<secret>/language", "POST"): PUBLIC,
    ("/k/<secret>/manifest.webmanifest", "GET"): PUBLIC,
    ("/k/<secret>/reminders", "POST"): PUBLIC,
    ("/k/lost", "GET"): PUBLIC,
    ("/k/lost", "POST"): PUBLIC,
    ("/k/lost/sent", "GET"): PUBLIC,
    ("/palaute/<token>", "GET"): PUBLIC,
    ("/palaute/<token>", "POST"): PUBLIC,
    # Check-in: every staff member.
    ("/checkin/", "GET"): STAFF,
    ("/checkin/checkins/<id:check_in_id>/undo", "GET"): STAFF,
    ("/checkin/checkins/<id:check_in_id>/undo", "POST"): STAFF,
    ("/checkin/courses/<id:course_id>", "GET"): STAFF,
    ("/checkin/courses/<id:course_id>", "POST"): STAFF,
    ("/checkin/courses/<id:course_id>/roster", "GET"): STAFF,
    # The tablet must install and start offline before anyone has logged in on it.
    ("/checkin/manifest.webmanifest", "GET"): PUBLIC,
    ("/checkin/sw.js", "GET"): PUBLIC,
    ("/api/v1/checkins", "POST"): STAFF_API,
    ("/api/v1/checkins/<id:check_in_id>", "DELETE"): STAFF_API,
    ("/api/v1/courses/<id:course_id>/offline-roster", "GET"): STAFF_API,
    ("/api/v1/courses/<id:course_id>/roster", "GET"): STAFF_API,
    ("/api/v1/refused-scans", "POST"): STAFF_API,
    # Selling, cards and buyers: the office (and admin).
    ("/api/v1/card-types", "GET"): OFFICE_API,
    ("/api/v1/cards", "POST"): OFFICE_API,
    ("/api/v1/cards/<number>", "GET"): OFFICE_API,
    ("/api/v1/cards/<number>/pdf", "GET"): OFFICE_API,
    ("/api/v1/courses", "GET"): OFFICE_API,
    ("/office/", "GET"): OFFICE,
    ("/office/", "POST"): OFFICE,
    ("/office/buyers", "GET"): OFFICE,
    ("/office/buyers/<id:buyer_id>", "GET"): OFFICE,
    ("/office/buyers/<id:buyer_id>/data.<any(json, pdf):extension>", "GET"): OFFICE,
    ("/office/buyers/<id:buyer_id>/edit", "GET"): OFFICE,
    ("/office/buyers/<id:buyer_id>/edit", "POST"): OFFICE,
    ("/office/buyers/search", "GET"): OFFICE,
    ("/office/cards", "GET"): OFFICE,
    ("/office/cards/<number>", "GET"): OFFICE,
    ("/office/cards/<number>/<any(cancel, suspend, resume, replace, refund, extend, transfer):action>", "POST"): OFFICE,
    ("/office/cards/<number>/card.pdf", "GET"): OFFICE,
    ("/office/cards/<number>/email", "POST"): OFFICE,
    ("/office/cards/<number>/receipt.pdf", "GET"): OFFICE,
    ("/office/cards/<number>/undo", "POST"): OFFICE,
    ("/office/cards/sheet.pdf", "POST"): OFFICE,
    ("/office/extend", "GET"): OFFICE,
    ("/office/extend", "POST"): OFFICE,
    ("/office/refused-scans", "GET"): OFFICE,
    # Reports, exports and the feedback round: the office (and admin).
    ("/reports/", "GET"): OFFICE,
    ("/reports/attendance.csv", "GET"): OFFICE,
    ("/reports/buyers", "GET"): OFFICE,
    ("/reports/buyers.<any(csv, xlsx):extension>", "GET"): OFFICE,
    ("/reports/feedback", "GET"): OFFICE,
    ("/reports/feedback/<id:round_id>", "GET"): OFFICE,
    ("/reports/feedback/<id:round_id>/close", "POST"): OFFICE,
    ("/reports/feedback/<id:round_id>/message", "GET"): OFFICE,
    ("/reports/feedback/<id:round_id>/message", "POST"): OFFICE,
    ("/reports/feedback/<id:round_id>/results", "GET"): OFFICE,
    ("/reports/feedback/<id:round_id>/results.csv", "GET"): OFFICE,
    ("/reports/feedback/<id:round_id>/retry", "POST"): OFFICE,
    ("/reports/feedback/<id:round_id>/send", "POST"): OFFICE,
    ("/reports/feedback/start", "POST"): OFFICE,
    ("/reports/reconciliation", "GET"): OFFICE,
    ("/reports/reconciliation.csv", "GET"): OFFICE,
    ("/reports/results", "GET"): OFFICE,
    ("/reports/results.pdf", "GET"): OFFICE,
    ("/reports/results/<any(sales, customers, revenue, courses, weekdays, ratings):chart>.svg", "GET"): OFFICE,
    # Keeping the opisto: the admin only.
    ("/admin/", "GET"): ADMIN,
    ("/admin/api-tokens", "GET"): ADMIN,
    ("/admin/api-tokens/<id:token_id>/revoke", "POST"): ADMIN,
    ("/admin/audit", "GET"): ADMIN,
    ("/admin/card-types", "GET"): ADMIN,
    ("/admin/card-types/<id:card_type_id>", "GET"): ADMIN,
    ("/admin/card-types/<id:card_type_id>", "POST"): ADMIN,
    ("/admin/card-types/new", "GET"): ADMIN,
    ("/admin/card-types/new", "POST"): ADMIN,
    ("/admin/categories", "GET"): ADMIN,
    ("/admin/categories", "POST"): ADMIN,
    ("/admin/courses", "GET"): ADMIN,
    ("/admin/courses/<id:course_id>", "GET"): ADMIN,
    ("/admin/courses/<id:course_id>", "POST"): ADMIN,
    ("/admin/courses/import", "GET"): ADMIN,
    ("/admin/courses/import", "POST"): ADMIN,
    ("/admin/courses/import/confirm", "POST"): ADMIN,
    ("/admin/courses/new", "GET"): ADMIN,
    ("/admin/courses/new", "POST"): ADMIN,
    ("/admin/organization", "GET"): ADMIN,
    ("/admin/organization", "POST"): ADMIN,
    ("/admin/staff", "GET"): ADMIN,
    ("/admin/staff/<id:user_id>", "GET"): ADMIN,
    ("/admin/staff/<id:user_id>/deactivate", "POST"): ADMIN,
    ("/admin/staff/<id:user_id>/details", "POST"): ADMIN,
    ("/admin/staff/<id:user_id>/language", "POST"): ADMIN,
    ("/admin/staff/<id:user_id>/password", "POST"): ADMIN,
    ("/admin/staff/<id:user_id>/reactivate", "POST"): ADMIN,
    ("/admin/staff/<id:user_id>/role", "POST"): ADMIN,
    ("/admin/staff/new", "GET"): ADMIN,
    ("/admin/staff/new", "POST"): ADMIN,
    ("/admin/terms", "GET"): ADMIN,
    ("/admin/terms/<id:term_id>", "GET"): ADMIN,
    ("/admin/terms/<id:term_id>", "POST"): ADMIN,
    ("/admin/terms/new", "GET"): ADMIN,
    ("/admin/terms/new", "POST"): ADMIN,
}
# What a view may answer a write whose harmless, empty body it won't take: the role check let it through.
REFUSED_BODY = frozenset({400, 409, 422})


def url_map_rows(app) -> dict[tuple[str, str], Rule]:
    """(rule, method) → rule of everything the app serves but its static files."""
    return {
        (rule.rule, method): rule
        for rule in app.url_map.iter_rules()
        if rule.endpoint != "static"
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }


def test_every_route_has_a_row_and_every_row_a_route(app):
    served = set(url_map_rows(app))
    assert sorted(served - MATRIX.keys()) == [], "routes without a row in MATRIX"
    assert sorted(MATRIX.keys() - served) == [], "rows whose route is gone"
    rules = {rule for rule, _ in MATRIX}
    print(f"access matrix: {len(rules)} routes, {len(MATRIX)} route × method rows, {len(ROLES)} roles")


@dataclass
class Place:
    """Where the requests are made: one buyer's card and survey link, a second buyer, the ids the routes take."""

    values: dict[str, object]
    other_card_number: str
    contacts: list[str]


@pytest.fixture
def place(world, make_card, make_user, todays_card_type) -> Place:
    """Today's check-in, as only that one is the instructor's to undo: their undo must not be refused by the day."""
    card = make_card(card_type=todays_card_type, phone="+358401112222", feedback_consent=True)
    other = make_card(name="Olli Toinen", email="olli@example.org", phone="+358403334444", feedback_consent=True)
    checked_in = check_in(card.number, world.course("gym").id, by=world.instructor)
    assert checked_in.ok, checked_in
    round_id = start_round(Period.of_term(world.term), by=world.office, at=AT).round_id
    create_api_token(world.office)
    values = {
        "secret": card.secret,
        "token": invite(round_id, card),
        "number": card.number,
        "buyer_id": card.buyer_id,
        "course_id": world.course("gym").id,
        "check_in_id": checked_in.check_in_id,
        "round_id": round_id,
        "term_id": world.term.id,
        "card_type_id": world.card_type.id,
        "user_id": make_user(Role.INSTRUCTOR).id,  # a colleague, not whoever is logged in
        "token_id": db.session.scalar(select(ApiToken.id)),
    }
    contacts = [value for buyer in (card.buyer, other.buyer) for value in (buyer.email, buyer.phone)]
    return Place(values, other.number, contacts)


@pytest.fixture
def csrf_refusals_stand_out(app):
    """A refused CSRF token answers 419, so it can't pass for a view's own 400 to an empty form."""
    app.register_error_handler(CSRFError, lambda error: ("CSRF token refused", 419))


def become(role: str, client, world, make_user, place: Place) -> None:
    """Make `client` `role`: a staff member logged in, or a buyer who has opened their two links."""
    if role == "buyer":
        assert client.get(f"/k/{place.values['secret']}").status_code == 200
        assert client.get(f"/palaute/{place.values['token']}").status_code == 200
    elif role != "anonymous":
        user = {"instructor": world.instructor, "office": world.office}.get(role) or make_user(Role.ADMIN)
        response = client.post(
            "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_token(client)}
        )
        assert response.status_code == 302


def paths(rule: Rule, values: dict[str, object]) -> list[str]:
    """The rule's URL with `values`, once for each choice of an `any(...)` variable."""
    fills = [{}]
    for name, converter in rule._converters.items():
        choices = sorted(converter.items) if isinstance(converter, AnyConverter) else [values[name]]
        fills = [fill | {name: choice} for fill in fills for choice in choices]
    return [rule.build(fill, append_unknown=False)[1] for fill in fills]


def in_request_order(rows):
    """Reads first, then writes, logging out last: a write may change what a later read would find."""
    return sorted(rows, key=lambda row: (row[0] == "/logout", row[1] != "GET", row))


def answer_to(response) -> Answer | int:
    """The kind of answer, or the bare status when it is none of them (a server error, a 405...).

    The login page after logging out is no refusal: only a redirect asking to come back (`next`) is.
    The API's refusals are JSON, for the tablet's script to read, or they count as none.
    """
    status = response.status_code
    if status == 302:
        target = urlsplit(response.location)
        if target.path == "/login" and "next" in parse_qs(target.query):
            return LOGIN
    if status in (401, 403) and response.request.path.startswith("/api/") and not response.is_json:
        return status
    if status == 401:
        return UNAUTHORIZED
    if status in (403, 404):
        return Answer(str(status))
    if status < 400 or (status in REFUSED_BODY and response.request.method != "GET"):
        return ALLOWED
    return status


def all_rows() -> dict[str, list[tuple]]:
    """Every row of every table, read on a connection of its own so nothing cached hides a change."""
    with db.engine.connect() as connection:
        return {
            table.name: sorted(connection.execute(select(table)).all(), key=repr) for table in db.metadata.sorted_tables
        }


@pytest.mark.parametrize("role", ROLES, ids=[f"{role}×{len(MATRIX)}-rows" for role in ROLES])
@pytest.mark.usefixtures("inbox", "csrf_refusals_stand_out")
def test_each_role_gets_the_declared_answer_everywhere(app, client, world, make_user, place, role):
    """Also: a refused request leaves every row as it was, and an instructor sees no buyer's email or phone.

    The office must see those contacts somewhere, or the search for them would be looking for the wrong text.
    """
    become(role, client, world, make_user, place)
    token = csrf_token(client)
    rules = url_map_rows(app)
    wrong, contacts_seen, requests = [], [], 0
    rows = None  # every row as last read, until an allowed request may have changed them
    for rule_text, method in in_request_order(MATRIX):
        expected = MATRIX[rule_text, method].of(role)
        for path in paths(rules[rule_text, method], place.values):
            refused = expected is not ALLOWED
            before = (rows or all_rows()) if refused else None
            response = client.open(path, method=method, data={"csrf_token": token}, headers={"X-CSRFToken": token})
            requests += 1
            got = answer_to(response)
            if got is not expected:
                wrong.append(f"{method} {path}: {got} ({response.status_code}), declared {expected}")
            rows = all_rows() if refused else None
            if refused and rows != before:
                wrong.append(f"{method} {path}: refused, but changed the database")
            if got is ALLOWED:
                body = response.get_data()
                contacts_seen += [f"{method} {path}: {value}" for value in place.contacts if value.encode() in body]
            response.close()
    print(f"{role}: {requests} requests")
    assert not wrong, "\n".join(wrong)
    if role == "instructor":
        assert not contacts_seen, "an instructor sees buyers' contact details:\n" + "\n".join(contacts_seen)
    if role == "office":
        assert {seen.rpartition(": ")[2] for seen in contacts_seen} == set(place.contacts)


def test_a_buyer_link_opens_its_own_card_only(client, place):
    """The secret is the key: the card's number, or a secret one character off, finds nothing."""
    secret, token = place.values["secret"], place.values["token"]
    own = client.get(f"/k/{secret}")
    assert own.status_code == 200
    assert place.other_card_number not in own.get_data(as_text=True)
    for guess in (one_off(secret), place.values["number"], place.other_card_number):
        for path in (f"/k/{guess}", f"/k/{guess}/manifest.webmanifest"):
            assert client.get(path).status_code == 404, path
    assert client.get(f"/palaute/{one_off(token)}").status_code == 404


def one_off(secret: str) -> str:
    return secret[:-1] + ("B" if secret.endswith("A") else "A")
