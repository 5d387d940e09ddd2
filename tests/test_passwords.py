"""Password policy: twelve characters at least and none of the 10 000 most common, wherever a password is set."""

import hashlib
import re
from pathlib import Path

import pytest

from kymppi.domain import staff as accounts
from kymppi.domain.passwords import MIN_LENGTH, is_common
from kymppi.models import Language, Role, User
from tests.conftest import csrf_token
from tests.rows import count

DATA = Path(__file__).parents[1] / "kymppi" / "data"
# Twelve characters and on the list: length alone does not let it through.
COMMON_LONG = "qwerty123456"
COMMON_MESSAGES = {
    Language.FI: "Tämä on yksi yleisimmistä salasanoista",
    Language.SV: "Det här är ett av de vanligaste lösenorden",
    Language.EN: "This is one of the most common passwords",
}


def test_the_minimum_is_twelve_characters():
    assert MIN_LENGTH == 12


def test_the_vendored_list_is_the_one_its_note_names():
    """An edited or swapped list fails here until VENDORED.md says what it is."""
    note = (DATA / "VENDORED.md").read_text(encoding="utf-8")
    digest = re.search(r"This file's SHA-256: `([0-9a-f]{64})`", note).group(1)
    listed = (DATA / "common_passwords.txt").read_bytes()
    assert hashlib.sha256(listed).hexdigest() == digest
    assert len(listed.decode().splitlines()) == 10_000
    assert (DATA / "LICENSE-zxcvbn.txt").read_text().startswith("MIT License")


@pytest.mark.parametrize("password", ["password", "PassWord", "QWERTY123456", COMMON_LONG])
def test_common_passwords_are_found_whatever_their_case(password):
    assert is_common(password)


@pytest.mark.parametrize("password", ["correct horse battery staple", "uusi salasana 2026"])
def test_an_uncommon_password_is_not_on_the_list(password):
    assert not is_common(password)


def test_the_command_line_refuses_a_common_password(runner):
    result = runner.invoke(args=["create-user", "uusi@kymppi.test", "--role", "office"], input=COMMON_LONG + "\n")
    assert result.exit_code != 0
    assert "one of the most common passwords" in result.output
    assert count(User) == 0


def test_the_command_line_refuses_eleven_characters(runner):
    result = runner.invoke(args=["create-user", "uusi@kymppi.test", "--role", "office"], input="x" * 11 + "\n")
    assert result.exit_code != 0
    assert "at least 12 characters" in result.output


@pytest.mark.parametrize("language", list(Language))
def test_an_admin_creating_a_user_is_told_beside_the_field_in_their_language(client, login, language):
    login(Role.ADMIN, language=language)
    data = {"name": "Uusi", "email": "uusi@opisto.example", "role": "office", "password": COMMON_LONG.upper()}
    response = client.post("/admin/staff/new", data=data | {"csrf_token": csrf_token(client, "/admin/")})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert COMMON_MESSAGES[language] in page
    assert re.search(r'id="password-error"[^>]*>[^<]*' + COMMON_MESSAGES[language][:20], page)
    assert accounts.user_by_email("uusi@opisto.example") is None


def test_an_admin_setting_a_password_is_refused_a_common_one(client, login, make_user):
    login(Role.ADMIN)
    colleague = make_user(Role.OFFICE)
    before = colleague.password_hash
    response = client.post(
        f"/admin/staff/{colleague.id}/password",
        data={"password": "LeaveMeAlone", "csrf_token": csrf_token(client, "/admin/")},
    )
    assert response.status_code == 422
    assert COMMON_MESSAGES[Language.FI] in response.get_data(as_text=True)
    assert accounts.staff_user(colleague.id).password_hash == before
