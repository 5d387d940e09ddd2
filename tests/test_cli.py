"""The `kymppi` commands: staff accounts, API tokens, demo data and backups; the multi-worker warning."""

import re
import sqlite3
import subprocess
from datetime import date

import pytest
from sqlalchemy import func, select

from kymppi import database, demo
from kymppi.database import warn_if_unsafe_for_workers
from kymppi.domain.checkin import check_in
from kymppi.domain.clock import local_noon
from kymppi.domain.passwords import MIN_LENGTH
from kymppi.domain.staff import user_by_email
from kymppi.extensions import db
from kymppi.models import Card, CardType, CheckIn, Course, Role, Term, User
from tests.conftest import csrf_token
from tests.factories import SESSION_DAY, on
from tests.rows import count

NEW_PASSWORD = "a new staff password"


def log_in(client, email: str, password: str):
    return client.post("/login", data={"email": email, "password": password, "csrf_token": csrf_token(client)})


def test_create_user_reads_the_password_from_stdin(runner, client):
    result = runner.invoke(args=["create-user", "Uusi@Kymppi.test", "--role", "office"], input=NEW_PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "Created office uusi@kymppi.test" in result.output
    user = user_by_email("uusi@kymppi.test")
    assert (user.role, user.name) == (Role.OFFICE, "uusi")
    response = log_in(client, "uusi@kymppi.test", NEW_PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"] == "/office/"


def test_create_user_takes_a_display_name(runner):
    args = ["create-user", "ohjaaja@kymppi.test", "--role", "instructor", "--name", "Oona Ohjaaja"]
    assert runner.invoke(args=args, input=NEW_PASSWORD + "\r\n").exit_code == 0
    user = user_by_email("ohjaaja@kymppi.test")
    assert (user.role, user.name) == (Role.INSTRUCTOR, "Oona Ohjaaja")


@pytest.mark.parametrize(
    ("email", "role", "password", "message"),
    [
        ("short@kymppi.test", "office", "x" * (MIN_LENGTH - 1), f"at least {MIN_LENGTH} characters"),
        ("empty@kymppi.test", "office", "", f"at least {MIN_LENGTH} characters"),
        ("not-an-email", "office", NEW_PASSWORD, "not an email address"),
        ("role@kymppi.test", "janitor", NEW_PASSWORD, "janitor"),
    ],
    ids=["too-short", "empty", "bad-email", "bad-role"],
)
def test_create_user_refuses_bad_input(runner, email, role, password, message):
    result = runner.invoke(args=["create-user", email, "--role", role], input=password + "\n")
    assert result.exit_code != 0
    assert message in result.output
    assert count(User) == 0


def test_create_user_refuses_a_duplicate_email(runner, make_user):
    existing = make_user(Role.OFFICE)
    result = runner.invoke(args=["create-user", existing.email.upper(), "--role", "admin"], input=NEW_PASSWORD + "\n")
    assert result.exit_code != 0
    assert "a user with this email exists" in result.output
    assert count(User) == 1
    assert user_by_email(existing.email).role is Role.OFFICE


def test_create_token_prints_a_working_api_token(runner, client, world, make_card, todays_card_type):
    result = runner.invoke(args=["create-token", world.instructor.email])
    assert result.exit_code == 0, result.output
    token = result.output.strip()
    assert len(token) >= 40
    body = {"code": make_card(card_type=todays_card_type).number, "course_id": world.course("gym").id}
    response = client.post("/api/v1/checkins", json=body, headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 201
    assert response.get_json()["status"] == "ok"


def test_create_token_gives_a_new_token_each_time(runner, world):
    first = runner.invoke(args=["create-token", world.office.email]).output.strip()
    second = runner.invoke(args=["create-token", world.office.email]).output.strip()
    assert first != second


def test_create_token_for_unknown_email_fails(runner, world):
    result = runner.invoke(args=["create-token", "nobody@kymppi.test"])
    assert result.exit_code != 0
    assert "no user nobody@kymppi.test" in result.output


def demo_counts() -> dict:
    return {model.__name__: count(model) for model in (User, Course, CardType, Term, Card, CheckIn)}


@pytest.fixture
def demo_day(monkeypatch):
    """The demo follows today's date; pin it to a day well into its autumn term."""
    monkeypatch.setattr(demo, "utcnow", lambda: local_noon(date(2026, 11, 22)))


def test_demo_loads_a_full_opisto(runner, client, demo_day):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "Demo data loaded." in result.output
    assert count(Course) >= 12
    assert count(Course, Course.accepts_cards.is_(True)) >= 8
    assert count(Course, Course.accepts_cards.is_(False)) >= 1
    roles = dict(db.session.execute(select(User.role, func.count()).group_by(User.role)).all())
    assert roles == {Role.INSTRUCTOR: 3, Role.OFFICE: 1, Role.ADMIN: 1}
    card_type = db.session.execute(select(CardType).where(CardType.name == "Kymppikortti")).scalar_one()
    assert (card_type.visits, card_type.price_cents) == (10, 5000)
    cards = db.session.scalars(select(Card)).all()
    assert cards
    assert count(CheckIn) > 0
    for card in cards:
        assert card.visits_used == count(CheckIn, CheckIn.card_id == card.id, CheckIn.undone_at.is_(None))
    assert "toimisto@kymppi.example" in result.output
    assert log_in(client, "toimisto@kymppi.example", "demo-office-2026").headers["Location"] == "/office/"


def test_second_demo_changes_nothing(runner, demo_day):
    assert runner.invoke(args=["demo"]).exit_code == 0
    before = demo_counts()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0
    assert "already has data; demo data not loaded" in result.output
    assert demo_counts() == before


def test_demo_refuses_a_database_with_users(runner, make_user):
    make_user(Role.ADMIN)
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0
    assert "demo data not loaded" in result.output
    assert (count(User), count(Course), count(Card)) == (1, 0, 0)


def test_backup_is_a_usable_copy(app, runner, world, make_card, tmp_path):
    cards = [make_card() for _ in range(3)]
    check_in(cards[0].number, world.course("gym").id, by=world.instructor, at=on(SESSION_DAY))
    path = tmp_path / "kymppi-backup"
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    assert f"Backup written to {path}" in result.output
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        listing = subprocess.run(["pg_restore", "--list", str(path)], capture_output=True, text=True, check=True)
        assert re.search(r"TABLE DATA \S+ card ", listing.stdout)
        data = subprocess.run(
            ["pg_restore", "--data-only", "--table=card", "--file=-", str(path)],
            capture_output=True,
            text=True,
            check=True,
        )
        assert all(card.secret in data.stdout for card in cards)
    else:
        copy = sqlite3.connect(path)
        try:
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            numbers = {row[0] for row in copy.execute("SELECT number FROM card")}
            assert numbers == {card.number for card in cards}
            assert copy.execute("SELECT visits_used FROM card WHERE id = ?", (cards[0].id,)).fetchone() == (1,)
        finally:
            copy.close()


def test_worker_warning_follows_the_running_sqlite():
    warning = warn_if_unsafe_for_workers("sqlite:////srv/kymppi.sqlite3", 2)
    if sqlite3.sqlite_version_info < (3, 51, 3):
        assert "3.51.3" in warning
        assert "2 workers" in warning
    else:
        assert warning is None


@pytest.mark.parametrize(
    ("version", "warns"), [((3, 40, 1), True), ((3, 51, 2), True), ((3, 51, 3), False), ((3, 52, 0), False)]
)
def test_worker_warning_depends_on_the_sqlite_version(monkeypatch, version, warns):
    monkeypatch.setattr(database.sqlite3, "sqlite_version_info", version)
    monkeypatch.setattr(database.sqlite3, "sqlite_version", ".".join(map(str, version)))
    warning = warn_if_unsafe_for_workers("sqlite:////srv/kymppi.sqlite3", 4)
    assert (warning is not None) is warns
    if warns:
        assert f"SQLite {'.'.join(map(str, version))} is older than 3.51.3" in warning
        assert "4 workers" in warning
        assert "PostgreSQL" in warning


@pytest.mark.parametrize(
    ("uri", "workers"),
    [
        ("sqlite:////srv/kymppi.sqlite3", 1),
        ("postgresql+psycopg://kymppi@db/kymppi", 8),
        ("postgresql://kymppi@db/kymppi", 2),
    ],
)
def test_no_worker_warning_for_one_worker_or_postgresql(monkeypatch, uri, workers):
    monkeypatch.setattr(database.sqlite3, "sqlite_version_info", (3, 40, 1))
    assert warn_if_unsafe_for_workers(uri, workers) is None
