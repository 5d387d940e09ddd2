"""Every guarded route refuses the roles it isn't for, and anyone not logged in, from the URL map.

Routes are read from the app itself, so a route added later is checked the
moment it exists; the role check runs before any view, so fake ids will do.
"""

from urllib.parse import urlsplit

import pytest
from werkzeug.routing import AnyConverter, IntegerConverter

from kymppi.auth.roles import BLUEPRINT_ROLES
from kymppi.models import Role
from tests.conftest import csrf_token

ALL_ROLES = (Role.INSTRUCTOR, Role.OFFICE, Role.ADMIN)
GUARDED = ("office", "reports", "admin", "api.cards")
# Open to every staff role, closed to anyone not logged in.
STAFF_ONLY = ("checkin", "api.checkins")


def routes(app, blueprint: str) -> list[tuple[str, str]]:
    """(method, path) of each route of `blueprint`, its variables filled with plausible values."""
    found = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.rpartition(".")[0] != blueprint:
            continue
        values = {name: _sample(converter) for name, converter in rule._converters.items()}
        path = rule.build(values, append_unknown=False)[1]
        found += [(method, path) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return found


def _sample(converter):
    if isinstance(converter, IntegerConverter):
        return 1
    if isinstance(converter, AnyConverter):
        return sorted(converter.items)[0]
    return "ABCD2345"


def refused_roles(blueprint: str) -> list[Role]:
    return [role for role in ALL_ROLES if role not in BLUEPRINT_ROLES[blueprint]]


CASES = [(blueprint, role) for blueprint in GUARDED for role in refused_roles(blueprint)]


def test_each_guarded_blueprint_has_routes(app):
    assert all(routes(app, blueprint) for blueprint in GUARDED + STAFF_ONLY)


@pytest.mark.parametrize(("blueprint", "role"), CASES, ids=[f"{b}-{r.value}" for b, r in CASES])
def test_a_role_not_allowed_gets_403_on_every_route(app, client, login, blueprint, role):
    login(role)
    token = csrf_token(client, "/login")
    for method, path in routes(app, blueprint):
        response = client.open(path, method=method, data={"csrf_token": token}, headers={"X-CSRFToken": token})
        assert response.status_code == 403, (method, path)
        if blueprint.startswith("api"):
            assert response.is_json, (method, path)


@pytest.mark.parametrize("blueprint", GUARDED + STAFF_ONLY)
def test_anonymous_visitors_are_sent_to_log_in(app, client, blueprint):
    token = csrf_token(client, "/login")
    for method, path in routes(app, blueprint):
        response = client.open(path, method=method, data={"csrf_token": token}, headers={"X-CSRFToken": token})
        if blueprint.startswith("api"):
            assert response.status_code == 401 and response.is_json, (method, path)
        else:
            assert response.status_code == 302, (method, path)
            assert urlsplit(response.headers["Location"]).path == "/login"
