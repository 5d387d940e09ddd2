"""Which language a page speaks (kymppi/i18n.py): the reader's known choice, else what the browser asks for."""

import pytest

from kymppi.models import Language, Role


def _lang(response) -> str:
    html = response.get_data(as_text=True)
    return html.split('<html lang="', 1)[1].split('"', 1)[0]


def test_a_first_visit_is_finnish_when_the_browser_names_no_language_of_ours(client):
    assert _lang(client.get("/login")) == "fi"
    assert _lang(client.get("/login", headers={"Accept-Language": "de-DE,de;q=0.9"})) == "fi"


@pytest.mark.parametrize(
    ("header", "language"),
    [("sv-FI,sv;q=0.9,fi;q=0.8", "sv"), ("en-GB,en;q=0.9", "en"), ("de;q=1.0,en;q=0.5,sv;q=0.4", "en")],
)
def test_a_first_visit_speaks_the_browsers_best_language_of_ours(client, header, language):
    assert _lang(client.get("/login", headers={"Accept-Language": header})) == language


def test_a_language_chosen_on_the_page_wins_over_the_browsers(client):
    response = client.get("/login?lang=sv", headers={"Accept-Language": "en"})
    assert _lang(response) == "sv"
    assert _lang(client.get("/login?lang=xx", headers={"Accept-Language": "en"})) == "en"  # not ours: ignored


@pytest.mark.parametrize("language", list(Language))
def test_staff_pages_speak_the_staff_members_own_language_whatever_the_browser_asks(client, login, language):
    login(Role.OFFICE, language=language)
    response = client.get("/office/", headers={"Accept-Language": "de"}, follow_redirects=True)
    assert response.status_code == 200
    assert _lang(response) == language.value
    assert (
        _lang(
            client.get("/office/?lang=fi" if language is not Language.FI else "/office/?lang=en", follow_redirects=True)
        )
        == language.value
    )
