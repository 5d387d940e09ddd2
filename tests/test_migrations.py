"""The schema comes from migrations only, and they match the models exactly."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from kymppi import create_app
from kymppi.extensions import db


def test_migrated_schema_matches_the_models(app):
    """The test database was built by `upgrade()`; autogenerate must find nothing to add."""
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, db.metadata) == []


def test_migrations_downgrade_to_nothing_and_upgrade_again(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.sqlite3'}", "SECRET_KEY": "x"})
    with app.app_context():
        upgrade()
        downgrade(revision="base")
        assert set(inspect(db.engine).get_table_names()) == {"alembic_version"}
        upgrade()
        assert {t.name for t in db.metadata.sorted_tables} <= set(inspect(db.engine).get_table_names())
        db.engine.dispose()


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'p.sqlite3'}", "SECRET_KEY": "x"})
    with app.app_context(), db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    with app.app_context():
        db.engine.dispose()


def test_the_search_text_migration_fills_in_every_buyer_in_lower_case(tmp_path):
    """Buyers added before the column existed are found by the search straight after the upgrade."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 's.sqlite3'}", "SECRET_KEY": "x"})
    with app.app_context():
        upgrade(revision="7b2c69b17056")
        insert = text(
            "INSERT INTO buyer (id, name, email, phone, language, feedback_consent, new_customer, created_at,"
            " anonymized_at, reminders) VALUES (:id, :name, :email, :phone, 'fi', 0, 1, '2026-01-01', :gone, 1)"
        )
        for row in (
            {"id": 1, "name": "Äijä ÄIJÄLÄ", "email": "A@X.FI", "phone": None, "gone": None},
            {"id": 2, "name": "Åsa Öhman", "email": None, "phone": "040 1", "gone": None},
            {"id": 3, "name": "Anonymisoitu", "email": None, "phone": None, "gone": "2026-02-01"},
        ):
            db.session.execute(insert, row)
        db.session.commit()
        upgrade()
        rows = db.session.execute(text("SELECT id, search_text FROM buyer ORDER BY id")).all()
        assert rows == [(1, "äijä äijälä\na@x.fi"), (2, "åsa öhman\n"), (3, "")]
        db.session.remove()
        db.engine.dispose()
