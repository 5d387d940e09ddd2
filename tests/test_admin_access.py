"""The admin front page and lists; refusals for other roles are in test_role_refusals.py."""

import re
from pathlib import Path

import pytest

import kymppi.admin
from kymppi.models import Role

LISTS = ["/admin/terms", "/admin/card-types", "/admin/categories", "/admin/courses", "/admin/staff"]


def test_admin_front_page_links_every_section_with_counts(client, login, world):
    login(Role.ADMIN)
    response = client.get("/admin/")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    for path in LISTS:
        assert f'href="{path}"' in html
    assert 'href="/admin/courses/import"' in html
    # world: 6 courses, 4 categories; staff: instructor, office and the admin
    assert '<td class="number">6</td>' in html
    assert '<td class="number">4</td>' in html
    assert '<td class="number">3</td>' in html


@pytest.mark.parametrize("path", LISTS)
def test_admin_lists_open_on_an_empty_database(client, login, path):
    login(Role.ADMIN)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/admin/", *LISTS, "/admin/courses/import"])
def test_every_column_header_says_it_heads_a_column(client, login, world, path):
    """Screen readers then read "Hinta: 50,00 €", not a bare amount, as they move along a row."""
    login(Role.ADMIN)
    headers = re.findall(r"<th\b[^>]*>", client.get(path).get_data(as_text=True))
    assert headers
    assert [th for th in headers if 'scope="col"' not in th] == []


@pytest.mark.parametrize("module", sorted(Path(kymppi.admin.__file__).parent.glob("*.py")), ids=lambda p: p.name)
def test_admin_views_leave_queries_and_commits_to_the_domain(module):
    assert not re.search(r"\bdb\.|import db\b", module.read_text())
