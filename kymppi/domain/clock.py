"""Time: stored in UTC, reasoned about in the opisto's own time zone.

A course session is identified by its local date, so a class at 23:30 in
Helsinki belongs to that evening, not to the next UTC day.
"""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

HELSINKI = ZoneInfo("Europe/Helsinki")


def utcnow() -> datetime:
    return datetime.now(UTC)


def local_date(at: datetime) -> date:
    return at.astimezone(HELSINKI).date()


def local_noon(day: date) -> datetime:
    """A UTC instant that falls on `day` in Helsinki; handy for tests and demo data."""
    return datetime(day.year, day.month, day.day, 12, tzinfo=HELSINKI).astimezone(UTC)


def local_midnight(day: date) -> datetime:
    """The UTC instant `day` begins in Helsinki: compare stored UTC times with a local date by it."""
    return datetime(day.year, day.month, day.day, tzinfo=HELSINKI).astimezone(UTC)
