"""`kymppi backup` and `kymppi restore`: a backup put back into a fresh instance holds every row of every table.

Runs on the suite's backend, so on SQLite by default and on PostgreSQL (pg_dump
and pg_restore) when TEST_DATABASE_URL is set. Restoring over data takes --force.
"""

import secrets
import sqlite3
from contextlib import closing
from datetime import date

import psycopg
import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.engine import make_url

from kymppi import create_app
from kymppi.demo import load_demo
from kymppi.domain.replacement import transfer_visits
from kymppi.domain.staff import create_api_token
from kymppi.extensions import db
from kymppi.models import Card, CardStatus, PaymentMethod, Role, User


def table_rows(database_uri: str) -> dict[str, list[tuple]]:
    """Every table the models define, each one's rows in primary-key order, read on an engine of their own."""
    engine = create_engine(database_uri)
    try:
        with engine.connect() as connection:
            return {
                table.name: connection.execute(select(table).order_by(*table.primary_key.columns)).all()
                for table in db.metadata.sorted_tables
            }
    finally:
        engine.dispose()


def kymppi(app, *args: str):
    """Run a command on `app`: in its own context, since a command reuses whichever app's context is open."""
    with app.app_context():
        return app.test_cli_runner().invoke(args=list(args))


@pytest.fixture
def opisto_data(app) -> dict[str, list[tuple]]:
    """The demo opisto, plus the two kinds of rows it lacks (an API token, a transfer): a row in every table."""
    load_demo(date(2026, 11, 22))
    office = db.session.scalars(select(User).where(User.role == Role.OFFICE)).one()
    create_api_token(office)
    cash_cards = db.session.scalars(
        select(Card).where(Card.status == CardStatus.ACTIVE, Card.payment_method == PaymentMethod.CASH)
    ).all()
    assert transfer_visits(cash_cards[0].id, cash_cards[1].id, 1, by=office, reason="Sama perhe").ok
    db.session.remove()  # no transaction of the test's may hold the database while it is copied or replaced
    rows = table_rows(app.config["SQLALCHEMY_DATABASE_URI"])
    assert all(rows.values()), [name for name, found in rows.items() if not found]
    return rows


@pytest.fixture
def fresh_uri(database, tmp_path):
    """An empty database of the suite's backend, next to the test's own."""
    if database.backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    url = make_url(database.url)
    name = f"kymppi_fresh_{secrets.token_hex(4)}"
    libpq = url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(libpq, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(libpq, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def fresh_app(fresh_uri):
    """A second instance on the empty database, set up as an operator would: `kymppi init`."""
    fresh = create_app({"TESTING": True, "SECRET_KEY": secrets.token_hex(16), "SQLALCHEMY_DATABASE_URI": fresh_uri})
    result = kymppi(fresh, "init")
    assert result.exit_code == 0, result.output
    yield fresh
    with fresh.app_context():
        db.engine.dispose()


def test_a_backup_restored_into_a_fresh_instance_holds_every_row(app, runner, opisto_data, fresh_app, tmp_path):
    path = tmp_path / "kymppi.backup"
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    fresh_uri = fresh_app.config["SQLALCHEMY_DATABASE_URI"]
    assert not any(table_rows(fresh_uri).values())
    result = kymppi(fresh_app, "restore", str(path))
    assert result.exit_code == 0, result.output
    assert f"Restored the database from {path}" in result.output
    assert table_rows(fresh_uri) == opisto_data
    if make_url(fresh_uri).get_backend_name() == "postgresql":
        # Analysed at once, not when autovacuum gets to it: without statistics the office's reports crawl.
        engine = create_engine(fresh_uri)
        with engine.connect() as connection:
            analysed = connection.exec_driver_sql(
                "SELECT last_analyze FROM pg_stat_user_tables WHERE relname = 'card'"
            ).scalar_one()
        engine.dispose()
        assert analysed is not None


def test_restoring_over_data_takes_force(app, runner, opisto_data, make_user, tmp_path):
    path = tmp_path / "kymppi.backup"
    assert runner.invoke(args=["backup", str(path)]).exit_code == 0
    make_user(Role.OFFICE)  # the day's work after the backup
    db.session.remove()
    with_new_user = table_rows(app.config["SQLALCHEMY_DATABASE_URI"])

    refused = runner.invoke(args=["restore", str(path)])
    assert refused.exit_code == 1
    assert "already holds data" in refused.output
    assert "--force" in refused.output
    assert table_rows(app.config["SQLALCHEMY_DATABASE_URI"]) == with_new_user

    forced = runner.invoke(args=["restore", "--force", str(path)])
    assert forced.exit_code == 0, forced.output
    assert table_rows(app.config["SQLALCHEMY_DATABASE_URI"]) == opisto_data


def text_file(path):
    path.write_text("not a backup\n")


def other_sqlite_database(path):
    with closing(sqlite3.connect(path)) as other, other:
        other.execute("CREATE TABLE note (text TEXT)")


@pytest.mark.parametrize("make_file", [text_file, other_sqlite_database])
def test_a_file_that_is_no_backup_changes_nothing(app, runner, opisto_data, tmp_path, make_file):
    path = tmp_path / "not-a-backup"
    make_file(path)
    result = runner.invoke(args=["restore", "--force", str(path)])
    assert result.exit_code == 1
    assert "nothing was changed" in result.output
    assert table_rows(app.config["SQLALCHEMY_DATABASE_URI"]) == opisto_data
