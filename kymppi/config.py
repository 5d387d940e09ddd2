"""Configuration: defaults, then instance/config.py, then environment, then test overrides."""

import os
import secrets
import tempfile
from pathlib import Path

from flask import Flask

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Environment variables read as configuration keys of the same name.
ENV_KEYS = (
    "BASE_URL",
    "SECRET_KEY",
    "SMTP_HOST",
    "SMTP_PORT",
    "SMTP_USERNAME",
    "SMTP_PASSWORD",
    "SMTP_SECURITY",
    "MAIL_FROM",
    "RATELIMIT_STORAGE_URI",
    "LOGIN_LIMIT",
    "LOST_LINK_LIMIT",
    "LOST_LINK_EMAIL_LIMIT",
    "CARD_PAGE_LIMIT",
    "SURVEY_PAGE_LIMIT",
    "FEEDBACK_BATCH_SIZE",
    "TRUSTED_PROXIES",
    "INSTRUCTOR_IDLE_MINUTES",
    "OFFICE_IDLE_MINUTES",
    "LOG_FORMAT",
)
INT_KEYS = {"SMTP_PORT", "TRUSTED_PROXIES", "FEEDBACK_BATCH_SIZE", "INSTRUCTOR_IDLE_MINUTES", "OFFICE_IDLE_MINUTES"}


def defaults(instance_path: Path) -> dict:
    return {
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{instance_path / 'kymppi.sqlite3'}",
        "BASE_URL": "http://127.0.0.1:5000",
        "SMTP_HOST": "localhost",
        "SMTP_PORT": 25,
        "SMTP_USERNAME": "",
        "SMTP_PASSWORD": "",
        "SMTP_SECURITY": "none",  # none | starttls | ssl
        "MAIL_FROM": "kymppi@localhost",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "RATELIMIT_STORAGE_URI": "memory://",
        # Failed logins per account and per client address before a pause.
        "LOGIN_LIMIT": "5 per 15 minutes",
        # "Lost your link?" requests per client address (probing many addresses) and
        # per typed address (flooding one inbox from many clients).
        "LOST_LINK_LIMIT": "5 per hour",
        "LOST_LINK_EMAIL_LIMIT": "3 per day",
        # Buyer card pages per client address: a phone reloads now and then; a guesser many times a second.
        "CARD_PAGE_LIMIT": "60 per minute",
        # Feedback survey pages per client address: a buyer opens, answers and edits; a guesser hammers.
        "SURVEY_PAGE_LIMIT": "30 per minute",
        # Feedback invitations sent per request: the round page's progress moves a batch at a time.
        "FEEDBACK_BATCH_SIZE": 20,
        # Unused this long, a staff session ends: a tablet's at the door, an office or admin PC's.
        "INSTRUCTOR_IDLE_MINUTES": 8 * 60,
        "OFFICE_IDLE_MINUTES": 60,
        "WTF_CSRF_TIME_LIMIT": None,  # the form's lifetime is the session's
        # Reverse proxies in front of the app whose X-Forwarded-* headers are trusted.
        "TRUSTED_PROXIES": 0,
        # "text" for people at a terminal, "json" (one object a line) for a log collector.
        "LOG_FORMAT": "text",
        # The largest request: a course CSV is far smaller; more is refused before it is read.
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
        "BABEL_DEFAULT_LOCALE": "fi",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Helsinki",
    }


def database_url(url: str) -> str:
    """Accept the usual postgres:// spellings and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def load(app: Flask, test_config: dict | None) -> None:
    instance_path = Path(app.instance_path)
    app.config.from_mapping(defaults(instance_path))
    app.config.from_pyfile(str(instance_path / "config.py"), silent=True)
    for key in ENV_KEYS:
        if key in os.environ:
            value = os.environ[key]
            app.config[key] = int(value) if key in INT_KEYS else value
    if "DATABASE_URL" in os.environ:
        app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
    if test_config:
        app.config.from_mapping(test_config)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(app.config["SQLALCHEMY_DATABASE_URI"])
    # Database errors would otherwise quote bound values (names, emails) into the logs.
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {
        "hide_parameters": True,
        **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}),
    }
    app.config["BASE_URL"] = app.config["BASE_URL"].rstrip("/")
    secure = app.config["BASE_URL"].startswith("https://")
    app.config["SESSION_COOKIE_SECURE"] = app.config["REMEMBER_COOKIE_SECURE"] = secure
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = instance_secret_key(instance_path)


def instance_secret_key(instance_path: Path) -> str:
    """Read instance/secret_key, creating it with 256 random bits on first run.

    The key is written to a private temporary file and linked into place, so
    several workers starting at once agree on one key and never read half a file.
    """
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=instance_path, prefix=".secret_key.")
        try:
            with os.fdopen(fd, "w") as f:
                f.write(secrets.token_hex(32))
            os.link(tmp, key_file)
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    return key_file.read_text().strip()
