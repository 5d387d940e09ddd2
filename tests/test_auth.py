"""Staff login and logout, role gates, CSRF, safe redirects, cookies, throttling, hashes; the buyer's card page."""

from urllib.parse import parse_qs, urlsplit

import pytest
from argon2 import PasswordHasher, extract_parameters
from argon2.low_level import Type

from kymppi.domain.checkin import check_in
from kymppi.domain.replacement import replace_card
from kymppi.domain.staff import create_user
from kymppi.extensions import db
from kymppi.models import Role, User
from tests.conftest import CSRF_RE, csrf_token
from tests.factories import PASSWORD, SESSION_DAY, on

WRONG_CREDENTIALS = "Väärä sähköposti tai salasana."


def post_login(client, email, password=PASSWORD, *, addr="127.0.0.1", **kwargs):
    data = {"email": email, "password": password, "csrf_token": csrf_token(client)}
    return client.post("/login", data=data, environ_base={"REMOTE_ADDR": addr}, **kwargs)


def path_of(response) -> str:
    return urlsplit(response.headers["Location"]).path


def is_logged_in(client) -> bool:
    return client.get("/checkin/").status_code == 200


@pytest.mark.parametrize(
    ("role", "home"), [(Role.INSTRUCTOR, "/checkin/"), (Role.OFFICE, "/office/"), (Role.ADMIN, "/office/")]
)
def test_login_redirects_to_the_roles_home(client, make_user, role, home):
    user = make_user(role)
    response = post_login(client, user.email)
    assert response.status_code == 302
    assert path_of(response) == home
    assert client.get(home).status_code == 200
    assert path_of(client.get("/")) == home


def test_email_is_matched_case_insensitively(client, make_user):
    user = make_user(Role.OFFICE)
    assert post_login(client, f"  {user.email.upper()} ").status_code == 302


def test_logout_ends_the_session(client, login):
    login(Role.OFFICE)
    token = csrf_token(client, "/office/")
    response = client.post("/logout", data={"csrf_token": token})
    assert response.status_code == 302
    assert path_of(response) == "/login"
    again = client.get("/office/")
    assert again.status_code == 302
    assert path_of(again) == "/login"


def test_logout_without_csrf_token_keeps_the_session(client, login):
    login(Role.OFFICE)
    assert client.post("/logout").status_code == 400
    assert client.get("/office/").status_code == 200


def test_logout_needs_post(client, login):
    login(Role.OFFICE)
    assert client.get("/logout").status_code == 405
    assert client.get("/office/").status_code == 200


def test_wrong_password_is_refused_and_the_email_is_kept(client, make_user):
    user = make_user(Role.OFFICE)
    response = post_login(client, user.email, "wrong password, typed")
    html = response.get_data(as_text=True)
    assert response.status_code == 401
    assert WRONG_CREDENTIALS in html
    assert f'value="{user.email}"' in html
    assert "wrong password, typed" not in html
    assert not is_logged_in(client)


def test_unknown_email_gets_the_same_answer_as_a_wrong_password(client, make_user):
    user = make_user(Role.OFFICE)
    wrong = post_login(client, user.email, "not the password")
    unknown = post_login(client, "nobody@kymppi.test")
    assert unknown.status_code == wrong.status_code == 401
    assert WRONG_CREDENTIALS in unknown.get_data(as_text=True)
    assert 'value="nobody@kymppi.test"' in unknown.get_data(as_text=True)
    assert not is_logged_in(client)


def test_inactive_user_cannot_log_in(client, make_user):
    user = make_user(Role.OFFICE, active=False)
    response = post_login(client, user.email)
    assert response.status_code == 401
    assert WRONG_CREDENTIALS in response.get_data(as_text=True)
    assert not is_logged_in(client)


@pytest.mark.parametrize("data", [{}, {"email": "", "password": ""}, {"email": "x@kymppi.test"}])
def test_incomplete_form_is_not_a_login(client, data):
    response = client.post("/login", data=data | {"csrf_token": csrf_token(client)})
    assert response.status_code == 200
    assert "Anna" in response.get_data(as_text=True)
    assert not is_logged_in(client)


@pytest.mark.parametrize("path", ["/office/", "/checkin/", "/reports/"])
def test_anonymous_visitor_is_sent_to_login_with_next(client, path):
    response = client.get(path)
    assert response.status_code == 302
    location = urlsplit(response.headers["Location"])
    assert location.path == "/login"
    assert parse_qs(location.query)["next"] == [path]


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        (Role.INSTRUCTOR, "/office/", 403),
        (Role.INSTRUCTOR, "/reports/", 403),
        (Role.INSTRUCTOR, "/checkin/", 200),
        (Role.OFFICE, "/checkin/", 200),
        (Role.OFFICE, "/office/", 200),
        (Role.OFFICE, "/reports/", 200),
        (Role.ADMIN, "/office/", 200),
        (Role.ADMIN, "/reports/", 200),
    ],
)
def test_pages_are_open_only_to_their_roles(client, login, role, path, status):
    login(role)
    assert client.get(path).status_code == status


def test_login_without_csrf_token_is_refused(client, make_user):
    user = make_user(Role.OFFICE)
    client.get("/login")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert not is_logged_in(client)


def test_next_is_followed_for_a_same_site_path(client, make_user):
    user = make_user(Role.OFFICE)
    response = post_login(client, user.email, query_string={"next": "/reports/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/reports/"


@pytest.mark.parametrize(
    "target",
    [
        "//evil.example",
        "https://evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "evil.example",
        "/\t/evil.example",
        "/\n/x",
        "/\x00/x",
    ],
)
def test_next_to_another_site_is_ignored(client, make_user, target):
    user = make_user(Role.OFFICE)
    response = post_login(client, user.email, query_string={"next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/office/"


def test_deactivated_user_is_logged_out_at_once(client, login):
    user = login(Role.OFFICE)
    assert client.get("/office/").status_code == 200
    user.active = False
    db.session.commit()
    assert client.get("/office/").status_code == 302


@pytest.mark.parametrize("email", ["office\x00@kymppi.test", "office\n@kymppi.test"])
def test_control_characters_in_the_email_are_a_wrong_login(client, make_user, email):
    make_user(Role.OFFICE)
    response = post_login(client, email)
    assert response.status_code == 401


def session_cookie(response) -> str:
    cookies = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert len(cookies) == 1, response.headers.getlist("Set-Cookie")
    return cookies[0]


def log_in_at(client, base_url: str, email: str):
    # Over https Flask-WTF also checks that the form was posted from this site.
    page = client.get("/login", base_url=base_url).get_data(as_text=True)
    return client.post(
        "/login",
        data={"email": email, "password": PASSWORD, "csrf_token": CSRF_RE.search(page).group(1)},
        base_url=base_url,
        headers={"Referer": f"{base_url}/login"},
    )


@pytest.mark.parametrize(
    ("app_config", "base_url"),
    [({}, "http://localhost"), ({"BASE_URL": "https://kymppi.example"}, "https://kymppi.example")],
    ids=["http", "https"],
)
def test_session_cookie_is_httponly_and_samesite_lax(client, make_user, app_config, base_url):
    response = log_in_at(client, base_url, make_user(Role.OFFICE).email)
    assert response.status_code == 302
    attributes = [part.strip().lower() for part in session_cookie(response).split(";")]
    assert {"httponly", "samesite=lax"} <= set(attributes)


def test_session_cookie_is_not_secure_over_plain_http(client, make_user):
    response = log_in_at(client, "http://localhost", make_user(Role.OFFICE).email)
    attributes = [part.strip().lower() for part in session_cookie(response).split(";")]
    assert "secure" not in attributes


@pytest.mark.parametrize("app_config", [{"BASE_URL": "https://kymppi.example"}])
def test_session_cookie_is_secure_when_served_over_https(client, make_user, app_config):
    response = log_in_at(client, "https://kymppi.example", make_user(Role.OFFICE).email)
    attributes = [part.strip().lower() for part in session_cookie(response).split(";")]
    assert "secure" in attributes


def test_failed_logins_for_one_email_are_throttled(client, make_user):
    user, other = make_user(Role.OFFICE), make_user(Role.OFFICE)
    # Each attempt from its own address: only the per-account limit applies.
    for n in range(5):
        assert post_login(client, user.email, "wrong password", addr=f"10.0.0.{n}").status_code == 401
    refused = post_login(client, user.email, addr="10.0.0.99")
    assert refused.status_code == 429
    assert "Liian monta yritystä" in refused.get_data(as_text=True)
    assert not is_logged_in(client)
    assert post_login(client, other.email, addr="10.0.0.100").status_code == 302


def test_failed_logins_from_one_address_are_throttled(client, make_user):
    users = [make_user(Role.OFFICE) for _ in range(6)]
    for user in users[:5]:
        assert post_login(client, user.email, "wrong password", addr="10.0.1.1").status_code == 401
    assert post_login(client, users[5].email, addr="10.0.1.1").status_code == 429
    assert post_login(client, users[5].email, addr="10.0.1.2").status_code == 302


def test_successful_logins_do_not_count_towards_the_limit(client, make_user):
    user = make_user(Role.OFFICE)
    for _ in range(6):
        assert post_login(client, user.email).status_code == 302
    for _ in range(5):
        assert post_login(client, user.email, "wrong password").status_code == 401
    assert post_login(client, user.email).status_code == 429


def test_password_hashes_are_argon2id_with_owasp_parameters(app):
    user = create_user("new@kymppi.test", "a long enough password", role=Role.OFFICE)
    assert user.password_hash.startswith("$argon2id$")
    params = extract_parameters(user.password_hash)
    assert (params.type, params.time_cost, params.memory_cost) == (Type.ID, 2, 19456)


def test_login_upgrades_a_hash_with_old_parameters(client, make_user):
    old_hash = PasswordHasher(time_cost=3, memory_cost=65536).hash(PASSWORD)
    user = make_user(Role.OFFICE, password_hash=old_hash)
    assert post_login(client, user.email).status_code == 302
    db.session.expire_all()
    params = extract_parameters(db.session.get(User, user.id).password_hash)
    assert (params.time_cost, params.memory_cost) == (2, 19456)


def test_card_page_is_public_and_shows_visits_left(client, world, make_card):
    card = make_card()
    check_in(card.number, world.course("gym").id, by=world.instructor, at=on(SESSION_DAY))
    response = client.get(f"/k/{card.secret}")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "9 / 10" in html
    assert "käyntiä jäljellä" in html


def test_unknown_card_secret_is_not_found(client, world, make_card):
    make_card()
    assert client.get("/k/no-such-secret-anywhere").status_code == 404


def test_replaced_cards_old_secret_is_not_found(client, world, make_card):
    card = make_card()
    old_secret = card.secret
    new = replace_card(card.id, by=world.office, reason="kadonnut").card
    assert client.get(f"/k/{old_secret}").status_code == 404
    new_page = client.get(f"/k/{new.secret}")
    assert new_page.status_code == 200
    assert "10 / 10" in new_page.get_data(as_text=True)
