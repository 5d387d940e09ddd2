"""A buyer's data (kymppi.domain.subject_access) as JSON: the machine-readable copy of an access
request, which is also what the right to data portability asks for.

Dates and times are ISO 8601, times in UTC as stored; codes (status, payment
method) stay as the database holds them, so a program reading it needs no
translation table; the PDF is the copy for people.
"""

import json
from datetime import date

from kymppi.domain.subject_access import Data


def subject_access_json(data: Data) -> bytes:
    return json.dumps(data, default=_iso, ensure_ascii=False, indent=2).encode()


def _iso(value: object) -> str:
    if isinstance(value, date):  # a datetime is a date too
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")
