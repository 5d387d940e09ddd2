"""Staff pages in Finnish, Swedish or English: each staff member's choice on their profile (or the admin's),
the login page's language links for nobody logged in yet, and error pages in the request's language."""

import io
from datetime import UTC, datetime, timedelta
from html import unescape
from urllib.parse import parse_qs, urlsplit

import pytest

from kymppi.auth import idle
from kymppi.domain.staff import create_api_token
from kymppi.extensions import db
from kymppi.models import AuditEvent, Language, Role, User
from tests.conftest import csrf_token
from tests.factories import PASSWORD, SESSION_DAY, on


def text(response) -> str:
    return unescape(response.get_data(as_text=True))


def choose(client, language: str, **extra):
    data = {"language": language, "csrf_token": csrf_token(client, "/profile")} | extra
    return client.post("/profile", data=data)


def stored_language(user: User) -> Language:
    db.session.expire_all()
    return db.session.get(User, user.id).language


# The profile


@pytest.mark.parametrize("role", list(Role))
def test_every_staff_role_has_a_profile_linked_from_the_header(client, login, role):
    login(role)
    html = text(client.get("/profile"))
    assert '<a href="/profile" aria-current="page">Profiili</a>' in html
    assert "<legend>Kieli</legend>" in html
    for code, name in (("fi", "suomi"), ("sv", "svenska"), ("en", "English")):
        assert f'<label class="option" lang="{code}"><input' in html
        assert f'type="radio" value="{code}"> {name}</label>' in html
    assert '<input checked id="language-0" name="language" required type="radio" value="fi">' in html


def test_the_profile_needs_a_login(client):
    english = {"Accept-Language": "en-GB,en;q=0.8"}
    response = client.get("/profile", headers=english)
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert (location.path, parse_qs(location.query)["next"]) == ("/login", ["/profile"])
    login_page = text(client.get(response.headers["Location"], headers=english))
    assert "Log in to continue." in login_page and '<html lang="en">' in login_page


def test_choosing_swedish_is_saved_and_confirmed_in_swedish(client, login):
    user = login(Role.INSTRUCTOR)
    response = choose(client, "sv")
    assert response.status_code == 302 and response.headers["Location"] == "/profile"
    assert stored_language(user) is Language.SV
    page = text(client.get("/profile"))
    assert '<html lang="sv">' in page
    assert "Språket har ändrats." in page
    assert "<legend>Språk</legend>" in page
    assert ">Logga ut</button>" in page
    event = db.session.query(AuditEvent).filter_by(action="language_changed").one()
    assert event.details == {"user_id": user.id, "old": "fi", "new": "sv"}


def test_after_choosing_english_the_pages_speak_english(client, login):
    login(Role.ADMIN)
    choose(client, "en")
    html = text(client.get("/admin/"))
    assert '<html lang="en">' in html
    assert "<h1>Administration</h1>" in html
    assert ">Terms</a>" in html and ">New card type</a>" in html
    assert 'aria-label="Main menu"' in html and ">Sales</a>" in html
    assert ">Skip to content</a>" in html


def test_after_choosing_english_the_api_answers_in_english(app, client, login, world, make_card):
    user = login(Role.OFFICE)
    choose(client, "en")
    token = create_api_token(db.session.get(User, user.id))
    card = make_card()
    body = {"code": card.number, "course_id": world.course("gym").id, "scanned_at": on(SESSION_DAY).isoformat()}
    tablet = app.test_client()  # a script's bearer token, no browser session
    response = tablet.post("/api/v1/checkins", json=body, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["message"] == "9 visits left."


def test_a_language_not_offered_is_refused_in_the_users_language(client, login):
    user = login(Role.OFFICE, language=Language.SV)
    response = choose(client, "de")
    assert response.status_code == 422
    assert "Välj språk." in text(response)
    assert stored_language(user) is Language.SV


def test_a_choice_without_its_csrf_token_changes_nothing_and_says_so_in_the_users_language(client, login):
    user = login(Role.OFFICE, language=Language.EN)
    response = client.post("/profile", data={"language": "sv"})
    assert response.status_code == 400
    html = text(response)
    assert '<html lang="en">' in html
    assert "Error 400" in html and "The form's security token was missing or had expired." in html
    assert stored_language(user) is Language.EN


def test_the_goodbye_speaks_the_language_of_the_login_page_it_lands_on(client, login):
    """Nobody is logged in on the login page: its language and the goodbye's are the browser's."""
    login(Role.INSTRUCTOR, language=Language.EN)
    swedish = {"Accept-Language": "sv-FI"}
    response = client.post("/logout", data={"csrf_token": csrf_token(client, "/profile")}, headers=swedish)
    assert (response.status_code, response.headers["Location"]) == (302, "/login")
    page = text(client.get("/login", headers=swedish))
    assert '<html lang="sv">' in page
    assert "Du har loggat ut." in page and "<h1>Logga in</h1>" in page


def test_an_idle_sessions_end_is_told_in_the_login_pages_language(client, login, monkeypatch):
    now = {"at": datetime(2026, 11, 23, 10, tzinfo=UTC)}
    monkeypatch.setattr(idle, "utcnow", lambda: now["at"])
    login(Role.OFFICE, language=Language.SV)
    now["at"] += timedelta(hours=2)
    english = {"Accept-Language": "en"}
    response = client.get("/office/", headers=english)
    assert response.status_code == 302
    page = text(client.get(response.headers["Location"], headers=english))
    assert "Your session ended because it was not used for a while. Please log in again." in page


# The admin's staff pages


def test_the_admin_sets_a_staff_members_language(client, login, make_user):
    login(Role.ADMIN)
    member = make_user(Role.INSTRUCTOR, name="Siv Svensson")
    data = {"language": "sv", "csrf_token": csrf_token(client, "/admin/")}
    response = client.post(f"/admin/staff/{member.id}/language", data=data)
    assert response.status_code == 302
    assert stored_language(member) is Language.SV
    page = text(client.get(f"/admin/staff/{member.id}"))
    assert "Käyttäjän Siv Svensson kieli tallennettu." in page
    assert '<input checked id="language-1" name="language" required type="radio" value="sv">' in page


def test_the_admin_refuses_a_language_not_offered(client, login, make_user):
    login(Role.ADMIN, language=Language.EN)
    member = make_user(Role.INSTRUCTOR)
    data = {"language": "xx", "csrf_token": csrf_token(client, "/admin/")}
    response = client.post(f"/admin/staff/{member.id}/language", data=data)
    assert response.status_code == 422
    assert "Choose a language." in text(response)
    assert stored_language(member) is Language.FI


def test_a_new_staff_member_gets_the_language_chosen_for_them(client, login):
    login(Role.ADMIN)
    data = {
        "name": "Emma English",
        "email": "emma@kymppi.test",
        "role": "instructor",
        "language": "en",
        "password": PASSWORD,
        "csrf_token": csrf_token(client, "/admin/staff/new"),
    }
    assert client.post("/admin/staff/new", data=data).status_code == 302
    assert db.session.query(User).filter_by(email="emma@kymppi.test").one().language is Language.EN


def test_a_swedish_admin_gets_form_errors_in_swedish(client, login):
    login(Role.ADMIN, language=Language.SV)
    response = client.post("/admin/terms/new", data={"csrf_token": csrf_token(client, "/admin/terms/new")})
    assert response.status_code == 422
    html = text(response)
    assert '<html lang="sv">' in html
    assert "<h1>Ny termin</h1>" in html
    assert "Ange namn." in html and "Ange läsår." in html and "Välj hösttermin eller vårtermin." in html


def test_an_english_admin_reads_the_course_import_in_english(client, login, world):
    login(Role.ADMIN, language=Language.EN)
    csv = "koodi;nimi;kategoria;lukukausi;viikonpäivä;alkaa;päättyy\nLI1;Jumppa;sport;Syksy 2026;moon;18:00;17:00\n"
    data = {"file": (io.BytesIO(csv.encode()), "courses.csv"), "csrf_token": csrf_token(client, "/admin/")}
    response = client.post("/admin/courses/import", data=data, content_type="multipart/form-data")
    assert response.status_code == 422
    html = text(response)
    assert "1 row:" in html and "Errors on 1 row" in html
    assert "Write the weekday in Finnish: ma, ti, ke, to, pe, la or su." in html
    assert "The file has errors, so it can't be saved." in html


# The login page, for nobody logged in yet


def test_the_login_page_offers_each_language_by_its_own_name_keeping_next(client):
    html = text(client.get("/login?next=/admin/terms"))
    assert '<nav class="language-switch" aria-label="Kieli">' in html
    for code, name in (("fi", "suomi"), ("sv", "svenska"), ("en", "English")):
        assert f'href="/login?lang={code}&next=/admin/terms" lang="{code}" hreflang="{code}"' in html
        assert f">{name}</a>" in html


def test_the_login_page_in_swedish_and_english(client, make_user):
    swedish = text(client.get("/login?lang=sv"))
    assert '<html lang="sv">' in swedish
    assert "<h1>Logga in</h1>" in swedish and ">E-post</label>" in swedish and ">Lösenord</label>" in swedish
    user = make_user(Role.OFFICE)
    data = {"email": user.email, "password": "wrong", "csrf_token": csrf_token(client, "/login?lang=en")}
    refused = client.post("/login?lang=en", data=data)
    assert refused.status_code == 401
    assert "Wrong email or password." in text(refused)


def test_the_browsers_language_decides_on_a_first_visit(client):
    html = text(client.get("/login", headers={"Accept-Language": "sv-FI,sv;q=0.9,en;q=0.5"}))
    assert '<html lang="sv">' in html and "<h1>Logga in</h1>" in html


def test_a_login_through_the_swedish_page_keeps_next(client, make_user):
    user = make_user(Role.ADMIN)
    path = "/login?lang=sv&next=/admin/terms"
    data = {"email": user.email, "password": PASSWORD, "csrf_token": csrf_token(client, path)}
    response = client.post(path, data=data)
    assert (response.status_code, response.headers["Location"]) == (302, "/admin/terms")


# Error pages


def test_not_found_in_the_visitors_language(client):
    swedish = client.get("/no-such-page", headers={"Accept-Language": "sv"})
    assert swedish.status_code == 404
    assert (
        '<html lang="sv">' in text(swedish) and "Fel 404" in text(swedish) and "Sidan hittades inte." in text(swedish)
    )
    english = text(client.get("/no-such-page?lang=en"))
    assert "Error 404" in english and "Page not found." in english and ">To the home page</a>" in english


def test_forbidden_in_the_users_language(client, login):
    login(Role.INSTRUCTOR, language=Language.SV)
    response = client.get("/office/")
    assert response.status_code == 403
    assert "Du har inte behörighet till denna sida." in text(response)


def test_too_many_attempts_in_the_login_pages_language(client, make_user):
    user = make_user(Role.OFFICE)
    for n in range(6):
        data = {"email": user.email, "password": "wrong", "csrf_token": csrf_token(client, "/login?lang=en")}
        response = client.post("/login?lang=en", data=data, environ_base={"REMOTE_ADDR": f"10.0.1.{n}"})
    assert response.status_code == 429
    assert "Too many attempts. Wait a moment and try again." in text(response)


def test_a_server_error_in_the_users_language(app, client, login):
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the error page, not the traceback

    def broken():
        raise RuntimeError("a bug")

    app.add_url_rule("/broken", "broken", broken)
    login(Role.OFFICE, language=Language.EN)
    response = client.get("/broken")
    assert response.status_code == 500
    assert "Something went wrong. Please try again in a moment." in text(response)
