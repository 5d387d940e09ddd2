"""Backups and restores: an online copy while the app keeps serving, put back while it is stopped.

A backup is SQLite's own database file (made with its online backup API) or a
pg_dump in the custom format, so either can also be read with the database's
own tools, without Kymppi.
"""

import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from sqlalchemy import create_engine, inspect, literal, select, table
from sqlalchemy.engine import URL, make_url

# Kept by Alembic in every migrated database; rows in it are no data of the opisto's.
MIGRATION_TABLE = "alembic_version"


class RestoreRefused(Exception):
    """The restore would lose data or can't read its file; the database was left as it was."""


def backup_database(database_uri: str, path: str) -> None:
    url = make_url(database_uri)
    if url.get_backend_name() == "sqlite":
        _backup_sqlite(url.database, path)
    elif url.get_backend_name() == "postgresql":
        _backup_postgresql(url, path)
    else:
        raise ValueError(f"no backup method for {url.get_backend_name()}")


def restore_database(database_uri: str, path: str, *, force: bool = False) -> None:
    """Replace the database's contents with the backup at `path`.

    A database holding any data is only overwritten with `force`: the likeliest
    mistake is restoring into the live database instead of a fresh one, and that
    must take a deliberate second step. The server must be stopped: what staff
    did meanwhile would be silently replaced, and PostgreSQL's drops would wait
    on its open transactions.
    """
    url = make_url(database_uri)
    backend = url.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise ValueError(f"no restore method for {backend}")
    if not force and _holds_data(database_uri):
        raise RestoreRefused(
            "The database already holds data; a restore would replace all of it. "
            "Stop the server, then run the restore again with --force if that is what you want."
        )
    if backend == "sqlite":
        _restore_sqlite(path, url.database)
    else:
        _restore_postgresql(path, url)


def _holds_data(database_uri: str) -> bool:
    """Whether any table has a row, Alembic's bookkeeping aside; a database not yet migrated has none."""
    engine = create_engine(database_uri)
    try:
        with engine.connect() as connection:
            names = set(inspect(connection).get_table_names()) - {MIGRATION_TABLE}
            return any(connection.scalar(select(literal(1)).select_from(table(name)).limit(1)) for name in names)
    finally:
        engine.dispose()


def _backup_sqlite(database: str, path: str) -> None:
    """SQLite's online backup API copies pages consistently even mid-write (WAL included)."""
    _copy_sqlite(sqlite3.connect(database), sqlite3.connect(path))


def _restore_sqlite(path: str, database: str) -> None:
    """The backup API again, from the file into the database, so SQLite itself handles the WAL and page size.

    The file is opened read-only, so a mistyped path can't become an empty
    database, and must be an intact Kymppi database before a page is copied.
    """
    backup_uri = f"{Path(path).resolve().as_uri()}?mode=ro"
    try:
        with closing(sqlite3.connect(backup_uri, uri=True)) as backup:
            intact = backup.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            migrated = backup.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (MIGRATION_TABLE,)).fetchone()
    except sqlite3.DatabaseError as error:
        raise RestoreRefused(f"{path} is not a SQLite backup ({error}); nothing was changed") from error
    if not (intact and migrated):
        raise RestoreRefused(f"{path} is not an intact Kymppi backup; nothing was changed")
    _copy_sqlite(sqlite3.connect(backup_uri, uri=True), sqlite3.connect(database))


def _copy_sqlite(source: sqlite3.Connection, target: sqlite3.Connection) -> None:
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()


def _backup_postgresql(url: URL, path: str) -> None:
    """pg_dump in its custom format, which pg_restore reads back table by table."""
    _run_libpq_tool("pg_dump", ["--format=custom", "--no-owner", f"--file={path}"], url)


def _restore_postgresql(path: str, url: URL) -> None:
    """pg_restore drops what the dump holds and creates it again, all in one transaction.

    So a dump that fails halfway (a wrong file, a lost connection) leaves the
    database as it was; --no-owner makes the configured user the owner, as the
    dump may come from a server with other roles.
    """
    options = ["--clean", "--if-exists", "--no-owner", "--single-transaction", path]
    try:
        _run_libpq_tool("pg_restore", options, url, capture_output=True, text=True)
    except subprocess.CalledProcessError as error:
        raise RestoreRefused(f"pg_restore failed, nothing was changed: {error.stderr.strip()}") from error
    _analyze(url)


def _analyze(url: URL) -> None:
    """pg_restore leaves the tables without statistics, and until autovacuum gathers them PostgreSQL
    plans as if they were nearly empty: a term's buyer list took 22 s at 100 000 cards (docs/performance.md)."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("ANALYZE")
    finally:
        engine.dispose()


def _run_libpq_tool(program: str, options: list[str], url: URL, **run_options) -> None:
    """Run pg_dump or pg_restore on the database; the password goes by environment, never on the command line."""
    libpq_url = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    env = {"PGPASSWORD": url.password} if url.password else {}
    command = [program, f"--dbname={libpq_url}", *options]
    subprocess.run(command, check=True, env={**os.environ, **env}, **run_options)
