"""Who may open the admin pages: admins only, every route, by the blueprint-wide role check."""

from urllib.parse import urlsplit

import pytest

from kymppi.models import Role
from tests.conftest import csrf_token


def admin_routes(app) -> list[tuple[str, str]]:
    """Every (method, path) of the admin blueprint, ids filled with 1."""
    routes = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith("admin."):
            path = rule.rule.replace("<int:term_id>", "1").replace("<int:card_type_id>", "1")
            path = path.replace("<int:course_id>", "1").replace("<int:user_id>", "1")
            routes += [(method, path) for method in sorted(rule.methods - {"HEAD", "OPTIONS"})]
    return routes


def test_every_admin_route_is_listed(app):
    assert len(admin_routes(app)) >= 20
    assert all("<" not in path for _, path in admin_routes(app))


@pytest.mark.parametrize("role", [Role.OFFICE, Role.INSTRUCTOR])
def test_office_and_instructors_are_refused_everywhere(app, client, login, role):
    login(role)
    token = csrf_token(client, "/checkin/")
    for method, path in admin_routes(app):
        response = client.open(path, method=method, data={"csrf_token": token})
        assert response.status_code == 403, (method, path)


def test_anonymous_visitors_are_sent_to_login(app, client):
    token = csrf_token(client, "/login")
    for method, path in admin_routes(app):
        response = client.open(path, method=method, data={"csrf_token": token})
        assert response.status_code == 302, (method, path)
        assert urlsplit(response.headers["Location"]).path == "/login"


def test_admin_front_page_links_every_section_with_counts(client, login, world):
    login(Role.ADMIN)
    response = client.get("/admin/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for path in ("/admin/terms", "/admin/card-types", "/admin/categories", "/admin/courses", "/admin/staff"):
        assert f'href="{path}"' in html
    assert 'href="/admin/courses/import"' in html
    # world: 6 courses, 4 categories; staff: instructor, office and the admin
    assert '<td class="number">6</td>' in html
    assert '<td class="number">4</td>' in html
    assert '<td class="number">3</td>' in html


@pytest.mark.parametrize(
    "path", ["/admin/terms", "/admin/card-types", "/admin/categories", "/admin/courses", "/admin/staff"]
)
def test_admin_lists_open_on_an_empty_database(client, login, path):
    login(Role.ADMIN)
    assert client.get(path).status_code == 200
