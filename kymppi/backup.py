"""Online backups: a consistent copy while the app keeps serving."""

import os
import sqlite3
import subprocess

from sqlalchemy.engine import make_url


def backup_database(database_uri: str, path: str) -> None:
    url = make_url(database_uri)
    if url.get_backend_name() == "sqlite":
        _backup_sqlite(url.database, path)
    elif url.get_backend_name() == "postgresql":
        _backup_postgresql(url, path)
    else:
        raise ValueError(f"no backup method for {url.get_backend_name()}")


def _backup_sqlite(database: str, path: str) -> None:
    """SQLite's online backup API copies pages consistently even mid-write (WAL included)."""
    source = sqlite3.connect(database)
    target = sqlite3.connect(path)
    try:
        with target:
            source.backup(target)
    finally:
        target.close()
        source.close()


def _backup_postgresql(url, path: str) -> None:
    """pg_dump in its custom format (restore with pg_restore); the password goes by environment."""
    libpq_url = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    env = {"PGPASSWORD": url.password} if url.password else {}
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={path}", f"--dbname={libpq_url}"],
        check=True,
        env={**os.environ, **env},
    )
