"""Admin pages for staff accounts: create, role, password, deactivation, and no self-lockout."""

import json
import re

import pytest

from kymppi.domain import staff as accounts
from kymppi.domain.errors import InvalidInput
from kymppi.domain.passwords import MIN_LENGTH
from kymppi.extensions import db
from kymppi.models import Role, User
from tests.conftest import csrf_token
from tests.factories import PASSWORD
from tests.rows import audit_events, count, reload

NEW_PASSWORD = "uusi salasana 2026"
DETAILS = {"name": " Tiina Tanssi ", "email": "Tiina.Tanssi@Opisto.example"}
NEW_USER = {
    "name": "Tiina Tanssi",
    "email": "Tiina.Tanssi@Opisto.example",
    "role": "instructor",
    "password": NEW_PASSWORD,
}


@pytest.fixture
def admin(login):
    return login(Role.ADMIN)


def send(client, path, data=None):
    return client.post(path, data=(data or {}) | {"csrf_token": csrf_token(client, "/admin/")})


def logged_in_client(app, user, password=PASSWORD):
    """A second browser, logged in as `user`."""
    other = app.test_client()
    token = csrf_token(other, "/login")
    response = other.post("/login", data={"email": user.email, "password": password, "csrf_token": token})
    assert response.status_code == 302
    return other


def can_log_in(app, email, password) -> bool:
    other = app.test_client()
    data = {"email": email, "password": password, "csrf_token": csrf_token(other, "/login")}
    return other.post("/login", data=data).status_code == 302


def test_staff_list_shows_everyone_with_role_and_state(client, admin, make_user):
    make_user(Role.INSTRUCTOR, name="Jussi Jumppa", active=False)
    html = client.get("/admin/staff").get_data(as_text=True)
    assert admin.name in html
    assert "Jussi Jumppa" in html
    assert "Pääkäyttäjä" in html
    assert "poistettu käytöstä" in html


def test_admin_creates_a_staff_user_who_can_log_in(app, client, admin):
    response = send(client, "/admin/staff/new", NEW_USER)
    assert response.status_code == 302
    user = db.session.query(User).filter_by(email="tiina.tanssi@opisto.example").one()
    assert (user.name, user.role, user.active) == ("Tiina Tanssi", Role.INSTRUCTOR, True)
    assert response.headers["Location"] == f"/admin/staff/{user.id}"
    assert can_log_in(app, user.email, NEW_PASSWORD)
    [event] = audit_events("user_created")
    assert event.details == {"user_id": user.id, "role": "instructor"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Anna nimi."),
        ({"name": "n" * 201}, "Enintään 200 merkkiä."),
        ({"email": ""}, "Anna sähköpostiosoite."),
        ({"email": "tiina"}, "Anna sähköpostiosoite muodossa nimi@esimerkki.fi."),
        ({"email": "tiina@opisto"}, "Anna sähköpostiosoite muodossa nimi@esimerkki.fi."),
        ({"email": "tiina tanssi@opisto.example"}, "Anna sähköpostiosoite muodossa nimi@esimerkki.fi."),
        ({"email": "e" * 250 + "@x.fi"}, "Enintään 254 merkkiä."),
        ({"role": ""}, "Valitse rooli."),
        ({"role": "root"}, "Valitse rooli."),
        ({"password": ""}, "Anna salasana."),
        ({"password": "x" * (MIN_LENGTH - 1)}, f"Salasanassa on oltava vähintään {MIN_LENGTH} merkkiä."),
        ({"password": "x" * 201}, "Enintään 200 merkkiä."),
    ],
)
def test_broken_staff_user_is_refused_and_nothing_saved(client, admin, changes, message):
    response = send(client, "/admin/staff/new", NEW_USER | changes)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    if "name" not in changes:
        assert 'value="Tiina Tanssi"' in html
    assert NEW_PASSWORD not in html
    assert count(User) == 1
    assert audit_events("user_created") == []


def test_duplicate_email_is_refused_whatever_its_case(client, admin, make_user):
    make_user(Role.OFFICE, email="tiina.tanssi@opisto.example")
    response = send(client, "/admin/staff/new", NEW_USER)
    assert response.status_code == 422
    assert "Tällä sähköpostiosoitteella on jo tunnus." in response.get_data(as_text=True)
    assert count(User) == 2


def test_user_page_shows_the_account_and_its_forms(client, admin, make_user):
    user = make_user(Role.OFFICE)
    html = client.get(f"/admin/staff/{user.id}").get_data(as_text=True)
    assert user.email in html
    assert f'action="/admin/staff/{user.id}/deactivate"' in html
    assert 'checked id="role-0" name="role" required type="radio" value="office"' in html


def test_user_page_offers_the_name_and_email_to_edit(client, admin, make_user):
    user = make_user(Role.OFFICE, name="Anniina Toimisto")
    html = client.get(f"/admin/staff/{user.id}").get_data(as_text=True)
    assert f'action="/admin/staff/{user.id}/details"' in html
    assert 'value="Anniina Toimisto"' in html
    assert f'value="{user.email}"' in html


def test_admin_edits_name_and_email_and_the_log_keeps_no_values(app, client, admin, make_user):
    user = make_user(Role.OFFICE, name="Anniina Toimisto")
    response = send(client, f"/admin/staff/{user.id}/details", DETAILS)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/admin/staff/{user.id}"
    user = reload(user)
    assert (user.name, user.email) == ("Tiina Tanssi", "tiina.tanssi@opisto.example")
    assert can_log_in(app, "tiina.tanssi@opisto.example", PASSWORD)
    [event] = audit_events("user_details_changed")
    assert event.details == {"user_id": user.id, "fields": ["name", "email"]}
    assert "tanssi" not in json.dumps(event.details).lower()


def test_saving_the_same_details_changes_nothing(client, admin, make_user):
    user = make_user(Role.OFFICE)
    response = send(client, f"/admin/staff/{user.id}/details", {"name": user.name, "email": user.email.upper()})
    assert response.status_code == 302
    assert reload(user).email == user.email
    assert audit_events("user_details_changed") == []


def test_admin_may_correct_their_own_name(client, admin):
    response = send(client, f"/admin/staff/{admin.id}/details", {"name": "Pirkko Pääkäyttäjä", "email": admin.email})
    assert response.status_code == 302
    assert reload(admin).name == "Pirkko Pääkäyttäjä"
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Anna nimi."),
        ({"name": "   "}, "Anna nimi."),
        ({"name": "n" * 201}, "Enintään 200 merkkiä."),
        ({"email": ""}, "Anna sähköpostiosoite."),
        ({"email": "tiina"}, "Anna sähköpostiosoite muodossa nimi@esimerkki.fi."),
        ({"email": "tiina@opisto"}, "Anna sähköpostiosoite muodossa nimi@esimerkki.fi."),
        ({"email": "tiina@tanssi@opisto.example"}, "Anna sähköpostiosoite muodossa nimi@esimerkki.fi."),
        ({"email": "e" * 250 + "@x.fi"}, "Enintään 254 merkkiä."),
    ],
)
def test_broken_details_are_refused_beside_the_field_and_kept(client, admin, make_user, changes, message):
    user = make_user(Role.OFFICE, name="Anniina Toimisto")
    response = send(client, f"/admin/staff/{user.id}/details", DETAILS | changes)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    field = next(iter(changes))
    assert re.search(rf'<p class="error" id="{field}-error">{re.escape(message)}</p>', html)
    for typed in (DETAILS | changes).values():
        assert not typed.strip() or f'value="{typed}"' in html
    assert (reload(user).name, reload(user).email) == ("Anniina Toimisto", user.email)
    assert audit_events("user_details_changed") == []


def test_email_of_another_account_is_refused(client, admin, make_user):
    user = make_user(Role.OFFICE)
    make_user(Role.INSTRUCTOR, email="tiina.tanssi@opisto.example")
    response = send(client, f"/admin/staff/{user.id}/details", DETAILS)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert '<p class="error" id="email-error">Tällä sähköpostiosoitteella on jo tunnus.</p>' in html
    assert 'value="Tiina.Tanssi@Opisto.example"' in html
    assert reload(user).email != "tiina.tanssi@opisto.example"
    assert audit_events("user_details_changed") == []


def test_deactivation_ends_the_users_sessions(app, client, admin, make_user):
    user = make_user(Role.OFFICE)
    theirs = logged_in_client(app, user)
    assert theirs.get("/office/").status_code == 200
    token = user.session_token
    response = send(client, f"/admin/staff/{user.id}/deactivate")
    assert response.status_code == 302
    user = reload(user)
    assert not user.active
    assert user.session_token != token
    assert theirs.get("/office/").status_code == 302
    assert not can_log_in(app, user.email, PASSWORD)
    [event] = audit_events("user_deactivated")
    assert event.details == {"user_id": user.id}


def test_reactivation_lets_the_user_log_in_again_but_revives_no_old_session(app, client, admin, make_user):
    user = make_user(Role.OFFICE)
    theirs = logged_in_client(app, user)
    send(client, f"/admin/staff/{user.id}/deactivate")
    assert send(client, f"/admin/staff/{user.id}/reactivate").status_code == 302
    assert reload(user).active
    assert theirs.get("/office/").status_code == 302
    assert can_log_in(app, user.email, PASSWORD)
    assert len(audit_events("user_reactivated")) == 1


def test_admin_cannot_deactivate_themselves(client, admin):
    response = send(client, f"/admin/staff/{admin.id}/deactivate")
    assert response.status_code == 422
    assert "Et voi poistaa omaa tunnustasi käytöstä." in response.get_data(as_text=True)
    assert reload(admin).active
    assert client.get("/admin/").status_code == 200
    assert "/deactivate" not in client.get(f"/admin/staff/{admin.id}").get_data(as_text=True)


def test_admin_changes_a_role(client, admin, make_user):
    user = make_user(Role.OFFICE)
    response = send(client, f"/admin/staff/{user.id}/role", {"role": "admin"})
    assert response.status_code == 302
    assert reload(user).role is Role.ADMIN
    [event] = audit_events("role_changed")
    assert event.details == {"user_id": user.id, "old": "office", "new": "admin"}


@pytest.mark.parametrize("role", ["office", "instructor"])
def test_admin_cannot_take_their_own_admin_role_away(client, admin, role):
    response = send(client, f"/admin/staff/{admin.id}/role", {"role": role})
    assert response.status_code == 422
    assert "Et voi poistaa omaa pääkäyttäjän rooliasi." in response.get_data(as_text=True)
    assert reload(admin).role is Role.ADMIN
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize("role", ["", "superuser"])
def test_unknown_role_is_refused(client, admin, make_user, role):
    user = make_user(Role.OFFICE)
    response = send(client, f"/admin/staff/{user.id}/role", {"role": role})
    assert response.status_code == 422
    assert "Valitse rooli." in response.get_data(as_text=True)
    assert reload(user).role is Role.OFFICE


def test_password_reset_sets_the_new_one_and_ends_sessions(app, client, admin, make_user):
    user = make_user(Role.INSTRUCTOR)
    theirs = logged_in_client(app, user)
    response = send(client, f"/admin/staff/{user.id}/password", {"password": NEW_PASSWORD})
    assert response.status_code == 302
    assert theirs.get("/checkin/").status_code == 302
    assert can_log_in(app, user.email, NEW_PASSWORD)
    assert not can_log_in(app, user.email, PASSWORD)
    [event] = audit_events("password_reset")
    assert event.details == {"user_id": user.id}
    assert NEW_PASSWORD not in json.dumps([e.details for e in audit_events("password_reset")])


@pytest.mark.parametrize(
    ("password", "message"),
    [("", "Anna salasana."), ("lyhyt", f"Salasanassa on oltava vähintään {MIN_LENGTH} merkkiä.")],
)
def test_short_password_is_refused(app, client, admin, make_user, password, message):
    user = make_user(Role.OFFICE)
    response = send(client, f"/admin/staff/{user.id}/password", {"password": password})
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert can_log_in(app, user.email, PASSWORD)


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/admin/staff/999"),
        ("POST", "/admin/staff/999/details"),
        ("POST", "/admin/staff/999/role"),
        ("POST", "/admin/staff/999/password"),
        ("POST", "/admin/staff/999/deactivate"),
        ("POST", "/admin/staff/999/reactivate"),
    ],
)
def test_unknown_user_is_not_found(client, admin, method, path):
    data = {"csrf_token": csrf_token(client, "/admin/"), "role": "office", "password": NEW_PASSWORD} | DETAILS
    assert client.open(path, method=method, data=data).status_code == 404


def test_an_email_taken_at_the_last_moment_is_a_field_error(admin, make_user, monkeypatch):
    """Two admins creating the same account at once: the database's unique index decides."""
    make_user(Role.OFFICE, email="tiina.tanssi@opisto.example")
    monkeypatch.setattr(accounts, "user_by_email", lambda email: None)
    new = accounts.NewStaff("tiina.tanssi@opisto.example", "Tiina Tanssi", Role.INSTRUCTOR, NEW_PASSWORD)
    with pytest.raises(InvalidInput) as error:
        accounts.add_staff_user(new, by=admin)
    assert (error.value.field, error.value.message) == ("email", "Tällä sähköpostiosoitteella on jo tunnus.")
    assert count(User) == 2


def test_an_email_taken_at_the_last_moment_is_a_field_error_when_editing(admin, make_user, monkeypatch):
    user = make_user(Role.OFFICE)
    make_user(Role.INSTRUCTOR, email="tiina.tanssi@opisto.example")
    monkeypatch.setattr(accounts, "user_by_email", lambda email: None)
    with pytest.raises(InvalidInput) as error:
        accounts.update_staff_details(user, "Tiina Tanssi", "tiina.tanssi@opisto.example", by=admin)
    assert (error.value.field, error.value.message) == ("email", "Tällä sähköpostiosoitteella on jo tunnus.")
    assert reload(user).email != "tiina.tanssi@opisto.example"
    assert audit_events("user_details_changed") == []


@pytest.mark.parametrize(("name", "field"), [("Tiina\x00", "name"), ("Tiina", "email")])
def test_control_characters_are_refused(admin, make_user, name, field):
    user = make_user(Role.OFFICE)
    email = "tiina@opisto.example" if field == "name" else "tiina\x00@opisto.example"
    with pytest.raises(InvalidInput) as error:
        accounts.update_staff_details(user, name, email, by=admin)
    assert error.value.field == field
