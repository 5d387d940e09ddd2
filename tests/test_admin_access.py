"""The admin front page and lists; refusals for other roles are in test_role_refusals.py."""

import pytest

from kymppi.models import Role


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
