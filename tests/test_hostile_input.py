"""Issue 8: hostile input anywhere never gives a server error, a stack trace or an unescaped echo.

What is fuzzed comes from the app itself, so a new route or field is fuzzed
without anyone adding it here:

* every POST route of a page is found in the URL map, and its fields are read
  from the <form> that posts to it on a page the app serves: what a browser
  would really send, hidden fields and buttons included. A route no page has
  a form for fails its test, unless EXCLUDED says why;
* the JSON API's routes are the URL map's too, their fields the request
  schemas of the app's own OpenAPI document;
* query parameters are those the pages' links and GET forms use, the OpenAPI
  document's, and ?lang=; a path variable any text may fill (a card's number
  or secret, a survey token) gets hostile text too.

Each route is requested as the least privileged role that may use it (the
access matrix of tests/test_access_matrix.py), on the shared page data of
tests/site_pages.py, with a valid CSRF token or API token, so that hostile
values get past the door to the code that reads them. Stored values are
then looked for too: after a route's examples every page is read again, and
no page may show a marker unescaped. And as the suite runs on SQLite, which
keeps a string longer than its column, every saved value must fit where
PostgreSQL would have refused it with a server error.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from io import BytesIO
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import BigInteger, Integer, String, func, select
from werkzeug.exceptions import HTTPException
from werkzeug.routing import AnyConverter, Rule, UnicodeConverter

from kymppi import create_app
from kymppi.admin.course_import import ConfirmForm
from kymppi.domain.checkin import check_in
from kymppi.domain.feedback import start_round
from kymppi.domain.feedback_sending import send_batch
from kymppi.domain.organization import opisto
from kymppi.domain.periods import Period
from kymppi.domain.staff import create_api_token, set_user_active
from kymppi.extensions import db
from kymppi.mail import SmtpSettings
from kymppi.models import ApiToken, Role
from tests import hostile
from tests.conftest import csrf_token
from tests.factories import PASSWORD
from tests.feedback_helpers import AT, BASE_URL
from tests.test_access_matrix import MATRIX, Answer

# The roles in the order of their rights: each route is fuzzed as the first one allowed it.
ROLES = ("anonymous", "instructor", "office", "admin")
EXCLUDED = {
    "/logout": "its one field is the CSRF token, and posting it ends the session the other routes run in",
}
# Forms no page shows until another form has been sent; their fields are read from the form class,
# the CSRF token (one for the session) from any page's form.
FORM_CLASSES = {"/admin/courses/import/confirm": ConfirmForm}
# Pages whose forms show only for some query, filled from the route values: the feedback page offers to
# start a round for a period none covers yet (the site's rounds cover the term); revoking a token is confirmed.
QUERIES = {
    "/reports/feedback": ["starts_on=1.9.2026&ends_on=30.9.2026"],
    "/admin/api-tokens": ["revoke={token_id}"],
}
# Responses that aren't pages: nothing to read a form or link from, and slow to make.
NOT_PAGES = (".pdf", ".csv", ".xlsx", ".svg", ".js", ".webmanifest", ".json", ".css")
FORM_EXAMPLES, API_EXAMPLES, QUERY_EXAMPLES = 25, 60, 8
FUZZ = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture], database=None)

_collecting_app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "collect"})
RULES = [rule for rule in _collecting_app.url_map.iter_rules() if rule.endpoint != "static"]


def least_role(rule: str, method: str) -> str | None:
    """None for a route the access matrix has no row for yet: its own test fails for that."""
    access = MATRIX.get((rule, method))
    return next(role for role in ROLES if access.of(role) is Answer.ALLOWED) if access else None


@dataclass(frozen=True)
class Target:
    """One POST route (an `any(...)` variable's choice each a route of its own), and who may post to it."""

    rule: Rule
    method: str
    choice: dict = field(default_factory=dict)

    @property
    def role(self) -> str | None:
        return least_role(self.rule.rule, self.method)

    def __str__(self) -> str:
        return f"{self.method} {self.rule.rule} {self.choice or ''}".strip()


def targets(*, api: bool) -> list[Target]:
    found = []
    for rule in RULES:
        for method in sorted(rule.methods & {"POST", "DELETE"}):
            if rule.rule in EXCLUDED or rule.rule.startswith("/api/") != api:
                continue
            choices = [{}]
            for name, converter in rule._converters.items():
                if isinstance(converter, AnyConverter):
                    choices = [choice | {name: item} for choice in choices for item in sorted(converter.items)]
            found += [Target(rule, method, choice) for choice in choices]
    return found


FORM_TARGETS, API_TARGETS = targets(api=False), targets(api=True)


@pytest.fixture(scope="module")
def examples(request):
    """How many requests each kind of test made, told at the end of the module for the issue's notes."""
    counts = Counter()
    yield counts
    plugins = request.config.pluginmanager
    with plugins.get_plugin("capturemanager").global_and_fixture_disabled():
        print(f"hostile input: {sum(counts.values())} requests, " + ", ".join(f"{k} {v}" for k, v in counts.items()))


# ---- Reading the pages: their forms and links ------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    multipart: bool
    fields: list[tuple[str, str]] = field(default_factory=list)  # as a browser sends it untouched
    files: list[str] = field(default_factory=list)


class PageReader(HTMLParser):
    """The forms and the links of one page, with each form's fields as the page fills them."""

    def __init__(self, path: str):
        super().__init__()
        self.path, self.forms, self.links = path, [], []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        form = self.forms[-1] if self.forms else None
        name = attrs.get("name")
        if tag == "a" and "href" in attrs:
            self.links.append(urljoin(self.path, attrs["href"]))
        elif tag == "form":
            action = urljoin(self.path, attrs.get("action") or self.path)
            multipart = attrs.get("enctype", "") == "multipart/form-data"
            self.forms.append(Form(action.split("#")[0], attrs.get("method", "get").upper(), multipart))
        elif form is None or not name:
            return
        elif tag == "input" and attrs.get("type") == "file":
            form.files.append(name)
        elif tag == "input" and attrs.get("type") in ("checkbox", "radio"):
            if "checked" in attrs:
                form.fields.append((name, attrs.get("value", "on")))
        elif tag in ("input", "button"):
            form.fields.append((name, attrs.get("value", "")))
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select:
            form.fields.append((self._select, attrs.get("value", "")))
            self._select = None  # the first option is what an untouched select sends
        elif tag == "textarea":
            self._textarea = name
            form.fields.append((name, ""))

    def handle_data(self, data):
        if self._textarea and self.forms:
            name, _ = self.forms[-1].fields.pop()
            self.forms[-1].fields.append((name, data))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


@pytest.fixture
def values(site, make_user) -> dict[str, list]:
    """What the routes' variables are filled with: every card of the site, so each state's forms show;
    today's check-in, as only today's is the instructor's to undo; colleagues for the admin to edit, one
    of them deactivated; an API token to revoke; a round whose invitation failed, so it offers a retry,
    and one not sent yet, so it offers to send."""
    checked_in = check_in(site.fresh["fi"].number, site.gym, by=site.world.instructor)
    assert checked_in.ok, checked_in
    colleague, former = make_user(Role.INSTRUCTOR), make_user(Role.INSTRUCTOR)
    set_user_active(former, False, by=site.admin)
    create_api_token(site.office)
    nowhere = SmtpSettings(host="127.0.0.1", port=1, sender="kymppi@opisto.example")
    sent = send_batch(site.round_id, base_url=BASE_URL, settings=nowhere, organization=opisto(), at=AT, size=10)
    assert sent.failed, sent
    term = site.world.term
    unsent = start_round(Period(term.starts_on, term.ends_on - timedelta(days=2)), by=site.office, at=AT).round_id
    cards = [site.active, site.used_up, site.cancelled, *site.statuses.values(), site.fresh["fi"]]
    return {
        "secret": [site.active.secret],
        "token": [site.token],
        "number": [card.number for card in cards],
        "buyer_id": [card.buyer_id for card in cards],
        "course_id": [site.gym],
        "check_in_id": [checked_in.check_in_id],
        "round_id": [site.round_id, unsent],
        "term_id": [site.world.term.id],
        "card_type_id": [site.world.card_type.id],
        "user_id": [colleague.id, former.id],
        "token_id": db.session.scalars(select(ApiToken.id)).all(),
    }


def fill(rule: Rule, values: dict[str, list]) -> list[str]:
    """The rule's path with each combination of its variables' values, an `any(...)` one's every choice."""
    fills = [{}]
    for name, converter in rule._converters.items():
        choices = sorted(converter.items) if isinstance(converter, AnyConverter) else values[name]
        fills = [done | {name: choice} for done in fills for choice in choices]
    return [rule.build(done, append_unknown=False)[1] for done in fills]


def pages_of(role: str, values: dict[str, list]) -> list[str]:
    """Every page `role` may open, each of its variables filled in every way the site has."""
    firsts = {name: choices[0] for name, choices in values.items()}
    return [
        path + query
        for rule in RULES
        if "GET" in rule.methods and not rule.rule.startswith("/api/")
        if (rule.rule, "GET") in MATRIX and MATRIX[rule.rule, "GET"].of(role) is Answer.ALLOWED
        for path in fill(rule, values)
        if not path.endswith(NOT_PAGES)
        for query in ["", *("?" + query.format_map(firsts) for query in QUERIES.get(rule.rule, []))]
    ]


def read_pages(client, paths: list[str]) -> list[PageReader]:
    """Each page read, none of them failing or showing a marker unescaped, whatever was saved before."""
    readers = []
    for path in paths:
        response = client.get(path)
        hostile.assert_survives(response, sent="".join(hostile.MARKERS))
        if response.mimetype == "text/html":
            reader = PageReader(path)
            reader.feed(response.get_data(as_text=True))
            readers.append(reader)
    return readers


def rule_of(path: str, method: str) -> tuple[Rule, dict] | None:
    adapter = _collecting_app.url_map.bind("kymppi.test")
    try:
        return adapter.match(urlsplit(path).path, method=method, return_rule=True)
    except HTTPException:  # a link off the site, or to a route that doesn't take `method`
        return None


def forms_for(target: Target, readers: list[PageReader]) -> list[Form]:
    found = []
    for reader in readers:
        for form in reader.forms:
            match = rule_of(form.action, target.method) if form.method == target.method else None
            if match and match[0] is target.rule and target.choice.items() <= match[1].items():
                found.append(form)
    return found


# ---- The site, and who is asking --------------------------------------------------------------------


def become(client, site, role: str) -> None:
    if role != "anonymous":
        user = site.users[role]
        response = client.post(
            "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_token(client)}
        )
        assert response.status_code == 302, response.get_data(as_text=True)


# ---- Forms ------------------------------------------------------------------------------------------


def hostile_fields(data, form: Form) -> tuple[list[tuple[str, str | bytes]], str]:
    """The form as its page fills it, each field kept, left out, made hostile or sent more than once.

    Most fields are kept, so that a hostile one among them may pass the others' checks and be saved,
    where the pages read afterwards show it (an edit form's page fills in the saved values).

    The CSRF token is always kept: without it nothing but the token check would be tested.
    Returns the fields and all their text, for the echo check.
    """
    fields = []
    for name, value in [*form.fields, ("unexpected_field", "")]:
        if name == "csrf_token":
            fields.append((name, value))
            continue
        how = data.draw(st.sampled_from(["keep"] * 3 + ["hostile"] * 2 + ["omit", "many", "bytes"]), label=name)
        if how == "keep":
            fields.append((name, value))
        elif how == "hostile":
            fields.append((name, data.draw(hostile.text)))
        elif how == "many":
            fields += [(name, text) for text in data.draw(st.lists(hostile.text, min_size=2, max_size=3))]
        elif how == "bytes":
            fields.append((name, value.encode() + data.draw(st.sampled_from(hostile.INVALID_UTF8))))
    return fields, "".join(value for _, value in fields if isinstance(value, str))


def post_form(client, data, form: Form):
    fields, sent = hostile_fields(data, form)
    if form.multipart or form.files:
        body = {}
        for name, value in fields:
            text = value if isinstance(value, str) else value.decode("utf-8", "replace")
            body.setdefault(name, []).append(text.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
        for name in form.files:
            content = data.draw(st.binary(max_size=200) | hostile.encodable.map(str.encode))
            body[name] = (BytesIO(content), data.draw(hostile.encodable) or "file.csv")
        response = client.post(form.action, data=body, content_type="multipart/form-data", follow_redirects=True)
    else:
        response = client.post(
            form.action,
            data=hostile.form_body(fields),
            content_type="application/x-www-form-urlencoded",
            follow_redirects=True,
        )
    for answer in [*response.history, response]:
        hostile.assert_survives(answer, sent)


@pytest.mark.usefixtures("inbox")
@pytest.mark.parametrize("target", FORM_TARGETS, ids=str)
def test_no_form_input_breaks_a_page(app, client, site, values, target, examples):
    assert target.role, f"{target}: no row in the access matrix, so no role to post it as"
    become(client, site, target.role)
    pages = read_pages(client, pages_of(target.role, values))
    if target.rule.rule in FORM_CLASSES:
        with app.test_request_context():
            names = [field.name for field in FORM_CLASSES[target.rule.rule](meta={"csrf": False})]
        token = next(
            value for page in pages for form in page.forms for name, value in form.fields if name == "csrf_token"
        )
        forms = [Form(target.rule.rule, "POST", False, [("csrf_token", token), *((name, "") for name in names)])]
    else:
        forms = forms_for(target, pages)
    assert forms, (
        f"no page {target.role} opens has a form for {target}: fuzz it another way, or exclude it with a reason"
    )

    @settings(FUZZ, max_examples=FORM_EXAMPLES)
    @given(data=st.data())
    def post_anything(data):
        post_form(client, data, data.draw(st.sampled_from(forms), label="form"))
        examples["form posts"] += 1

    post_anything()
    read_pages(client, pages_of(target.role, values))  # nothing stored is shown unescaped
    assert_rows_fit_postgresql()


def assert_rows_fit_postgresql() -> None:
    """Nothing saved is longer than its column or past a 32-bit integer column's range.

    SQLite keeps both as they come; PostgreSQL refuses them, and the request that saved
    them would be a server error there. So a check missing before a save shows on SQLite too.
    """
    too_big = []
    with db.engine.connect() as connection:
        for table in db.metadata.sorted_tables:
            for column in table.columns:
                kind = column.type
                if isinstance(kind, String) and kind.length:
                    longest = connection.scalar(select(func.max(func.length(column))))
                    if longest and longest > kind.length:
                        too_big.append(f"{column}: {longest} characters in a column of {kind.length}")
                elif isinstance(kind, Integer) and not isinstance(kind, BigInteger):
                    low, high = connection.execute(select(func.min(column), func.max(column))).one()
                    if low is not None and not -(2**31) <= low <= high < 2**31:
                        too_big.append(f"{column}: {low}..{high} in a 32-bit column")
    assert not too_big, "\n".join(too_big)


# ---- The JSON API -----------------------------------------------------------------------------------


def resolve(spec: dict, schema: dict) -> dict:
    return spec["components"]["schemas"][schema["$ref"].rpartition("/")[2]] if "$ref" in schema else schema


def alternatives(spec: dict, schema: dict) -> list[dict]:
    """The schema and every schema it is made of (allOf, oneOf, anyOf), references followed."""
    schema = resolve(spec, schema)
    parts = schema.get("allOf", []) + schema.get("oneOf", []) + schema.get("anyOf", [])
    return [schema, *(inner for part in parts for inner in alternatives(spec, part))]


def schema_fields(spec: dict, schema: dict) -> dict[str, dict]:
    """A request schema's properties: by name, each its nested object's fields and the values it allows."""
    found: dict[str, dict] = {}
    for part in alternatives(spec, schema):
        for name, inner in part.get("properties", {}).items():
            known = found.setdefault(name, {"fields": {}, "allowed": []})
            known["fields"] |= schema_fields(spec, inner)
            known["allowed"] += [value for each in alternatives(spec, inner) for value in each.get("enum", [])]
    return found


def json_object(fields: dict[str, dict], site_values: dict[str, list]):
    """Some of the schema's fields, each hostile, a value it allows, or one of the site's (its course, its
    cards), so that one hostile field among good ones gets past the first check to the code behind it."""

    def value(name: str, known: dict):
        good = known["allowed"] + site_values.get(name, [])
        nested = json_object(known["fields"], site_values) if known["fields"] else st.nothing()
        return hostile.json_values | nested | (st.sampled_from(good) if good else st.nothing())

    return st.fixed_dictionaries({}, optional={name: value(name, known) for name, known in fields.items()})


def api_bodies(fields: dict[str, dict], site_values: dict[str, list]):
    return st.one_of(
        json_object(fields, site_values).map(hostile.json_body),
        hostile.json_values.map(hostile.json_body),
        st.sampled_from(hostile.RAW_BODIES),
    )


@pytest.mark.parametrize("target", API_TARGETS, ids=str)
def test_no_api_body_breaks_the_api(client, site, values, target, examples):
    """Bad input is refused in JSON with a message; what gets through is answered in JSON too."""
    assert target.role, f"{target}: no row in the access matrix, so no role to send it as"
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"][target.rule.rule.removeprefix("/api/v1").replace("<id:check_in_id>", "{check_in_id}")]
    request_schema = operation[target.method.lower()]["requestBody"]["content"]["application/json"]["schema"]
    fields = schema_fields(spec, request_schema)
    assert fields, f"{target}: no fields in its request schema"
    token = create_api_token(site.users[target.role])
    (path,) = fill(target.rule, values)
    site_values = values | {"code": values["number"], "buyer_id": values["buyer_id"]}

    @settings(FUZZ, max_examples=API_EXAMPLES)
    @given(
        body=api_bodies(fields, site_values),
        content_type=st.sampled_from(["application/json"] * 4 + ["text/plain", ""]),
    )
    def send_anything(body, content_type):
        headers = {"Authorization": f"Bearer {token}"}
        response = client.open(path, method=target.method, data=body, content_type=content_type, headers=headers)
        examples["API requests"] += 1
        hostile.assert_survives(response)
        assert response.is_json, f"{target} → {response.status_code} {response.get_data()[:300]!r}"
        if response.status_code >= 400:
            hostile.assert_refused_as_json(response)

    send_anything()
    assert_rows_fit_postgresql()


# ---- Query strings ----------------------------------------------------------------------------------


def query_names(readers: list[PageReader], spec: dict) -> dict[str, set[str]]:
    """Each GET rule's query parameters: those its links and GET forms use, the OpenAPI's, and ?lang=."""
    names: dict[str, set[str]] = {}
    for reader in readers:
        used = [(link, [name for name, _ in parse_qsl(urlsplit(link).query)]) for link in reader.links]
        used += [(form.action, [name for name, _ in form.fields]) for form in reader.forms if form.method == "GET"]
        for target, keys in used:
            match = rule_of(target, "GET")
            if match:
                names.setdefault(match[0].rule, set()).update(keys)
    for path, operations in spec["paths"].items():
        parameters = operations.get("get", {}).get("parameters", [])
        rule = "/api/v1" + path.replace("{course_id}", "<id:course_id>")
        names.setdefault(rule, set()).update(p["name"] for p in parameters if p["in"] == "query")
    return names


@pytest.mark.usefixtures("inbox")
@pytest.mark.parametrize("role", ROLES)
def test_no_query_string_breaks_a_page(client, site, values, role, examples):
    """Each GET route as the least privileged role allowed it; the API's with that role's token."""
    become(client, site, role)
    readers = read_pages(client, pages_of(role, values))
    names = query_names(readers, client.get("/api/v1/openapi.json").get_json())
    headers = {"Authorization": f"Bearer {create_api_token(site.users[role])}"} if role != "anonymous" else {}
    routes = [rule for rule in RULES if "GET" in rule.methods and least_role(rule.rule, "GET") == role]
    assert routes

    for rule in routes:
        keys = sorted(names.get(rule.rule, set()) | {"lang", "next", "page"})
        fuzz_query(client, rule, values, keys, headers, examples)


def hostile_paths(rule: Rule, values: dict[str, list]):
    """The rule's path with any of the site's values (each card, each buyer, each `any(...)` choice), or
    with hostile text for a variable any text may fill (a card's number or secret, a survey token):
    a hand-typed or cut-off address."""
    free = [name for name, converter in rule._converters.items() if type(converter) is UnicodeConverter]
    typed = st.fixed_dictionaries({name: hostile.encodable for name in free})
    return st.sampled_from(fill(rule, values)) | typed.flatmap(
        lambda filled: st.sampled_from(fill(rule, values | {name: [value] for name, value in filled.items()}))
    )


def fuzz_query(client, rule: Rule, values, keys: list[str], headers: dict, examples: Counter) -> None:
    @settings(FUZZ, max_examples=QUERY_EXAMPLES)
    @given(
        path=hostile_paths(rule, values),
        query=st.lists(st.tuples(st.sampled_from(keys), hostile.text | st.sampled_from(hostile.INVALID_UTF8))),
    )
    def open_with(path, query):
        sent = "".join(value for _, value in query if isinstance(value, str))
        response = client.get(f"{path}?{hostile.form_body(query).decode()}", headers=headers)
        examples["query strings"] += 1
        hostile.assert_survives(response, sent)
        if path.startswith("/api/") and response.status_code >= 400:
            hostile.assert_refused_as_json(response)

    open_with()


# ---- Coverage ---------------------------------------------------------------------------------------


def test_every_post_route_is_fuzzed_or_excluded_with_a_reason():
    written = {(rule.rule, method) for rule in RULES for method in rule.methods & {"POST", "DELETE", "PUT", "PATCH"}}
    fuzzed = {(target.rule.rule, target.method) for target in FORM_TARGETS + API_TARGETS}
    assert written - fuzzed == {(rule, "POST") for rule in EXCLUDED}
    assert all(reason for reason in EXCLUDED.values())
    print(f"fuzzed: {len(FORM_TARGETS)} forms, {len(API_TARGETS)} API routes; excluded: {len(EXCLUDED)}")
