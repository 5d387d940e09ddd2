"""Shared fixtures: an app on a fresh database per test, clients, logins and factories.

The backend is chosen by TEST_DATABASE_URL: unset means SQLite (a migrated
template file copied for each test); a PostgreSQL URL means the suite creates
its own database next to the one named, migrates it once, empties it after
every test and drops it at the end. An unreachable PostgreSQL stops the run.
"""

import os
import re
import secrets
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from playwright.sync_api import sync_playwright
from sqlalchemy.engine import make_url

from kymppi import create_app
from kymppi.config import database_url
from kymppi.extensions import db
from kymppi.models import Role
from tests.chromium import launch_chromium
from tests.factories import PASSWORD
from tests.live_server import gunicorn
from tests.mailbox import smtp_server

pytest_plugins = ["tests.factories", "tests.term_sales", "tests.site_pages"]

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL", "")
os.environ["KYMPPI_INSTANCE_PATH"] = tempfile.mkdtemp(prefix="kymppi-instance-")


def pytest_report_header(config):
    return f"kymppi database backend: {'postgresql' if TEST_DATABASE_URL else 'sqlite'}"


def pytest_sessionstart(session):
    if TEST_DATABASE_URL:
        try:
            psycopg.connect(_libpq(TEST_DATABASE_URL), connect_timeout=5).close()
        except psycopg.Error as error:
            pytest.exit(f"TEST_DATABASE_URL is set but PostgreSQL can't be reached: {error}", returncode=3)


def _libpq(url: str) -> str:
    return make_url(database_url(url)).set(drivername="postgresql").render_as_string(hide_password=False)


@dataclass
class TestDatabase:
    backend: str
    url: str
    template: Path | None = None

    def for_test(self, tmp_path: Path) -> str:
        if self.template is None:
            return self.url
        path = tmp_path / "kymppi.sqlite3"
        shutil.copy(self.template, path)
        return f"sqlite:///{path}"

    def empty(self) -> None:
        """PostgreSQL only: remove every row, keep the migrated schema."""
        if self.template is not None:
            return
        with psycopg.connect(_libpq(self.url), autocommit=True) as conn:
            tables = ", ".join(f'"{t.name}"' for t in db.metadata.sorted_tables)
            conn.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")


def _migrate(url: str) -> None:
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "SECRET_KEY": "migrate"})
    with app.app_context():
        upgrade()
        db.engine.dispose()


@pytest.fixture(scope="session")
def database(tmp_path_factory):
    if not TEST_DATABASE_URL:
        template = tmp_path_factory.mktemp("template") / "kymppi.sqlite3"
        _migrate(f"sqlite:///{template}")
        yield TestDatabase("sqlite", "", template)
        return
    name = f"kymppi_test_{secrets.token_hex(4)}"
    admin = _libpq(TEST_DATABASE_URL)
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    url = make_url(database_url(TEST_DATABASE_URL)).set(database=name).render_as_string(hide_password=False)
    try:
        _migrate(url)
        yield TestDatabase("postgresql", url)
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def app_config():
    """Per-test overrides of the app configuration; tests may add to it before `app`."""
    return {}


@pytest.fixture
def inbox(app_config):
    """A real SMTP server the app sends to; request it before anything that builds the app."""
    with smtp_server() as (port, inbox):
        app_config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port)
        yield inbox


@pytest.fixture
def app(database, tmp_path, app_config):
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": secrets.token_hex(16),
            "SQLALCHEMY_DATABASE_URI": database.for_test(tmp_path),
            "BASE_URL": "http://kymppi.test",
            **app_config,
        }
    )
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()
    database.empty()


class OwnContextClient(FlaskClient):
    """Each request in an app context of its own, as in production.

    The `app` fixture keeps one app context open for the whole test, and a
    request would reuse it, so `g` would carry Flask-Login's current user and
    Flask-WTF's CSRF token from one request to the next.
    """

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
    app.test_client_class = OwnContextClient
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, path: str = "/login") -> str:
    match = CSRF_RE.search(client.get(path).get_data(as_text=True))
    assert match, f"no CSRF token on {path}"
    return match.group(1)


@pytest.fixture
def login(client, make_user):
    """Log the test client in as a new user of `role`; returns that user."""

    def log_in(role: Role = Role.OFFICE, **overrides):
        user = make_user(role, **overrides)
        response = client.post(
            "/login", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_token(client)}
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return user

    return log_in


@pytest.fixture(scope="session")
def playwright():
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright):
    browser = launch_chromium(playwright)
    yield browser
    browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fi-FI")
    yield context.new_page()
    context.close()


@pytest.fixture
def live_server(app, tmp_path):
    """The app served by gunicorn on this test's database; yields its base URL."""
    with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path) as base:
        yield base
