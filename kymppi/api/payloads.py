"""Reading API request bodies into plain values, naming every field that is wrong."""

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from kymppi.models import CheckInSource

CLIENT_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
# Ids are 32-bit integers in PostgreSQL; larger numbers can't name a row.
MAX_ID = 2**31 - 1
# Scan times outside these years are typos or attacks, and overflow time zone arithmetic.
EARLIEST_SCAN = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_SCAN = datetime(2100, 1, 1, tzinfo=UTC)


class PayloadError(ValueError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("invalid request body")
        self.errors = errors


@dataclass(frozen=True)
class CheckInRequest:
    code: str
    course_id: int
    source: CheckInSource
    client_id: str | None
    at: datetime | None


def check_in_request(body: Any) -> CheckInRequest:
    if not isinstance(body, dict):
        raise PayloadError({"body": "expected a JSON object"})
    errors: dict[str, str] = {}
    code = body.get("code")
    if not isinstance(code, str) or not code.strip() or len(code) > 500:
        errors["code"] = "a card URL, secret or card number is required"
    course_id = body.get("course_id")
    if not isinstance(course_id, int) or isinstance(course_id, bool) or not 1 <= course_id <= MAX_ID:
        errors["course_id"] = "a positive integer course id is required"
    source = body.get("source", CheckInSource.MANUAL.value)
    if not isinstance(source, str) or source not in {s.value for s in CheckInSource}:
        errors["source"] = "one of: " + ", ".join(s.value for s in CheckInSource)
    client_id = body.get("client_id")
    if client_id is not None and (not isinstance(client_id, str) or not CLIENT_ID.fullmatch(client_id)):
        errors["client_id"] = "8–64 characters: letters, digits and . _ : -"
    at = _timestamp(body.get("at"), errors)
    if errors:
        raise PayloadError(errors)
    return CheckInRequest(code.strip(), course_id, CheckInSource(source), client_id, at)


def _timestamp(value: Any, errors: dict[str, str]) -> datetime | None:
    """When the scan happened (offline queues sync later); ISO 8601 with a UTC offset."""
    if value is None:
        return None
    try:
        at = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        errors["at"] = "an ISO 8601 timestamp with a time zone, e.g. 2026-11-22T18:02:00+02:00"
        return None
    if not EARLIEST_SCAN <= at < LATEST_SCAN:
        errors["at"] = "a time between the years 2000 and 2099"
        return None
    return at


def undo_reason(body: Any) -> str | None:
    if body is None:
        return None
    if not isinstance(body, dict):
        raise PayloadError({"body": "expected a JSON object"})
    reason = body.get("reason")
    if reason is not None and (not isinstance(reason, str) or len(reason) > 500):
        raise PayloadError({"reason": "a string of at most 500 characters"})
    return reason
