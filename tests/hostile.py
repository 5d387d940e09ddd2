"""Hostile values for forms, query strings and JSON bodies, and what every answer to them must be.

The values are what a careless script, a confused browser or an attacker
sends: very long strings, control characters and NUL, SQL and HTML
fragments, numbers out of every range, dates that don't exist, invalid
UTF-8 and, in JSON, the wrong type wherever one can go. An answer may
refuse any of it, but never with a server error, a stack trace or the
HTML sent echoed back unescaped.
"""

import json
import math
from urllib.parse import quote_from_bytes

from hypothesis import strategies as st

# HTML that would run if a page echoed it as it came; each is looked for verbatim in every answer.
MARKERS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
)
FRAGMENTS = (
    "' OR 1=1 --",
    "; DROP TABLE card;",
    "1; SELECT pg_sleep(10)",
    "%' AND ''='",
    "</textarea></form>",
    "{{ 7*7 }}{% raw %}",
    "\x00",
    "a\x00b",
    "\x1b[31mred",
    "\r\nSet-Cookie: x=1",
    "\u202etxt.exe",
    "\ufeff",
    "\ud800",
    "x" * 10_000,
    "ä" * 10_000,
    "",
    " ",
    "-1",
    "0",
    str(2**31),
    str(2**63),
    str(-(2**63) - 1),
    "1e308",
    "-1e308",
    "NaN",
    "Infinity",
    "-0",
    "0x10",
    "1,5",
    "12,345.67",
    "0000-00-00",
    "9999-12-31",
    "0001-01-01",
    "1.1.10000",
    "31.2.2026",
    "29.2.2027",
    "2026-13-01",
    "2026-02-30T25:61:00",
    "99:99",
    "24:00",
    "true",
    "null",
    "[]",
    "../../etc/passwd",
    "http://evil.example/",
    "javascript:alert(1)",
    "a@b",
    "@" * 300 + ".fi",
)
# Everything below U+0020 and DEL, around text a field might otherwise accept.
CONTROL = st.characters(max_codepoint=0x1F) | st.just("\x7f")
TEXT = st.text(st.characters(codec="utf-8") | CONTROL, max_size=40)

markers = st.sampled_from(MARKERS)
text = st.one_of(markers, st.sampled_from(FRAGMENTS), TEXT, st.tuples(TEXT, markers, TEXT).map("".join))
# Where the test client must encode the text itself (a multipart part, a path), a lone surrogate can't go.
encodable = text.map(lambda value: value.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))

# JSON: each of these where a string, a number, an object or a list should be.
NUMBERS = st.one_of(
    st.sampled_from([-1, 0, 2**31, 2**63, -(2**63) - 1, 10**400, 1e308, -1e308, 0.5, math.inf, math.nan]),
    st.integers(),
    st.floats(),
)
JSON_SCALARS = st.none() | st.booleans() | NUMBERS | text
json_values = st.recursive(
    JSON_SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3), max_leaves=6
)


def json_body(value) -> bytes:
    """`value` as JSON text; NaN and Infinity come out as the bare words Python writes, which JSON has not."""
    return json.dumps(value, allow_nan=True).encode("utf-8", "surrogatepass")


# Raw request bodies no JSON or form parser should choke on: broken JSON, invalid UTF-8, nothing at all.
RAW_BODIES = (
    b"",
    b"{",
    b'{"code": }',
    b"[" * 5_000,
    b'{"a":' * 2_000,
    b"\xff\xfe\x00{}",
    b'{"code": "\xff\xfe"}',
    b'{"code": "\\ud800"}',
    b"NaN",
    b"null",
    b"\x00" * 100,
)
INVALID_UTF8 = (b"\xff", b"\xc3\x28", b"\xed\xa0\x80", b"\xf8\x88\x80\x80\x80", b"\xc0\xaf")


def form_body(fields: list[tuple[str, str | bytes]]) -> bytes:
    """An application/x-www-form-urlencoded body; bytes values go as they are, invalid UTF-8 included."""
    return b"&".join(
        quote_from_bytes(name.encode()).encode()
        + b"="
        + quote_from_bytes(value if isinstance(value, bytes) else value.encode("utf-8", "surrogatepass")).encode()
        for name, value in fields
    )


def assert_survives(response, sent: str = "") -> None:
    """No server error, no stack trace and, on a page, no marker from `sent` as it was sent."""
    body = response.get_data()
    where = f"{response.request.method} {response.request.full_path} → {response.status_code}"
    assert response.status_code < 500, f"{where}\n{body[:2000]!r}"
    assert b"Traceback" not in body, f"{where}: a stack trace\n{body[:2000]!r}"
    if response.mimetype == "text/html":
        echoed = [marker for marker in MARKERS if marker in sent and marker.encode() in body]
        assert not echoed, f"{where}: echoed unescaped {echoed}"


def assert_refused_as_json(response) -> None:
    """A refused API request is told in JSON, with words a tablet or a script's log can show.

    The words are a message for the whole request or, as the check-in API's `CheckInError`
    has them, one for each wrong field: either schema of the OpenAPI document counts.
    """
    assert_survives(response)
    assert 400 <= response.status_code < 500, f"{response.status_code}: {response.get_data()[:500]!r}"
    assert response.is_json, response.get_data()[:500]
    answer = response.get_json()
    assert isinstance(answer, dict), answer
    per_field = answer.get("errors") or answer.get("fields") or {}
    messages = [answer.get("error"), answer.get("message"), *per_field.values()]
    assert any(isinstance(message, str) and message.strip() for message in messages), answer
