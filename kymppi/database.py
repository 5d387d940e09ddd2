"""Connection settings that make SQLite a safe default for a small office.

WAL lets the check-in tablets read while the office writes; foreign keys are
off in SQLite unless asked for; the busy timeout makes a writer wait for the
lock instead of failing at once. `mmap_size` is deliberately left unset (see
the WAL-reset bug note in DESIGN.md).
"""

import sqlite3

from sqlalchemy import Engine, event

BUSY_TIMEOUT_MS = 15_000
# sqlite.org/wal.html "walresetbug": fixed in 3.51.3; its trigger is several
# processes writing one WAL database.
WAL_RESET_FIX = (3, 51, 3)


def configure_engine(engine: Engine) -> None:
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()
    # SQLite's own lower() knows only ASCII: "ÄIJÄLÄ" must match "äijälä" in searches.
    dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)


def _unicode_lower(value):
    return value.lower() if isinstance(value, str) else value


def warn_if_unsafe_for_workers(database_uri: str, workers: int) -> str | None:
    """The warning to show when several processes would share an affected SQLite."""
    if workers > 1 and database_uri.startswith("sqlite") and sqlite3.sqlite_version_info < WAL_RESET_FIX:
        return (
            f"SQLite {sqlite3.sqlite_version} is older than 3.51.3, whose WAL-reset bug can corrupt "
            f"a database written by several processes; {workers} workers share it. "
            "Use one worker with threads, or PostgreSQL (DATABASE_URL) for several workers."
        )
    return None
