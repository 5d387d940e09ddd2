"""JSON Schemas (OpenAPI 3.1 dialect) of the API's request and response bodies.

Enums, limits and lengths come from the code that enforces them, so the
documentation can't drift from what the server accepts.
"""

from kymppi.answers import Tone
from kymppi.api.payloads import CLIENT_ID, PRICE_REASON_LENGTH, REASON_LENGTH
from kymppi.domain.contact import PHONE
from kymppi.domain.offline_refusals import OFFLINE_REFUSALS
from kymppi.domain.outcomes import CheckInOutcome, SaleOutcome, UndoOutcome
from kymppi.domain.sales import MAX_PRICE_CENTS
from kymppi.models import Buyer, Card, CardStatus, CheckInSource, Language, PaymentMethod
from kymppi.orm import MAX_ID

ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
DATE = {"type": "string", "format": "date", "examples": ["2026-11-22"]}
TIMESTAMP = {"type": "string", "format": "date-time", "examples": ["2026-11-22T16:02:00+00:00"]}
CARD_NUMBER = {"type": "string", "examples": ["ABCD-2345"]}
DEVICE_KEY = {"type": "string", "pattern": f"^{CLIENT_ID.pattern}$"}
# One line of text: control characters (NUL, tab, line breaks) are refused.
LINE = r"^[^\x00-\x1f\x7f]*$"
NOT_BLANK_LINE = r"^[^\x00-\x1f\x7f]*[^\s\x00-\x1f\x7f][^\x00-\x1f\x7f]*$"


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _nullable(schema: dict) -> dict:
    return {"anyOf": [schema, {"type": "null"}]}


def _values(enum) -> list[str]:
    return [member.value for member in enum]


def _text(length: int, **extra) -> dict:
    return {"type": "string", "maxLength": length, "pattern": LINE, **extra}


def _object(properties: dict, *, required=(), closed: bool = False, **extra) -> dict:
    schema = {"type": "object", "properties": properties, "required": list(required), **extra}
    if closed:
        schema["additionalProperties"] = False
    return schema


ERROR = _object(
    {
        "error": {"type": "string"},
        "fields": {
            "type": "object",
            "description": "Every wrong field, by its name (buyer.name for a nested one), with what is expected.",
            "additionalProperties": {"type": "string"},
        },
        "outcome": {"type": "string"},
    },
    required=["error"],
)

CHECK_IN_REQUEST = _object(
    {
        "code": {"type": "string", "minLength": 1, "maxLength": 500, "description": "card URL, secret or number"},
        "course_id": ID,
        "source": {"enum": _values(CheckInSource), "default": CheckInSource.MANUAL.value},
        "client_id": DEVICE_KEY
        | {"description": "the device's id for this scan, e.g. a UUID; a replay returns the first result"},
        "scanned_at": TIMESTAMP
        | {
            "description": "when the scan happened, with a UTC offset; decides the session date. Default now; "
            "at most 5 minutes ahead; more than 14 days back needs office or admin rights"
        },
    },
    required=["code", "course_id"],
)

REFUSAL_REPORT = {
    "allOf": [
        _ref("CheckInRequest"),
        _object(
            {
                "outcome": {"enum": sorted(o.value for o in OFFLINE_REFUSALS)},
                "source": {"enum": [s.value for s in CheckInSource if s is not CheckInSource.OFFLINE]},
            },
            required=["outcome", "client_id", "scanned_at"],
        ),
    ],
    "description": "A scan the tablet refused while offline, with the reason it gave at the door.",
}

REFUSAL_LOGGED = _object(
    {"status": {"const": "logged"}, "replayed": {"type": "boolean", "description": "this client_id was kept before"}},
    required=["status", "replayed"],
)

DOOR_CARD = _object(
    {
        "number": CARD_NUMBER,
        "holder": {"type": "string", "description": "first name and initial only"},
        "visits_left": {"type": "integer"},
        "visits_total": {"type": "integer"},
    },
    required=["number", "holder", "visits_left", "visits_total"],
)

SCAN_ANSWER = _object(
    {
        "status": {"enum": _values(CheckInOutcome)},
        "tone": {"enum": _values(Tone), "description": "ok: green; warn: amber (already in); refused: red"},
        "headline": {"type": "string", "description": "a word or two for the screen, in the user's language"},
        "message": {"type": "string", "description": "the reason or the visits left, in the user's language"},
        "replayed": {"type": "boolean", "description": "the answer first given to this client_id"},
        "checkin_id": _nullable({"type": "integer"}),
        "checked_in_at": _nullable(TIMESTAMP | {"description": "the visit; for already_checked_in, the earlier one"}),
        "card": _nullable(
            {
                "allOf": [
                    _ref("DoorCard"),
                    _object({"valid_from": DATE, "valid_until": DATE}, required=["valid_from", "valid_until"]),
                ]
            }
        ),
    },
    required=["status", "tone", "headline", "message", "replayed", "checkin_id", "checked_in_at", "card"],
)

CHECK_IN_ERROR = _object(
    {
        "status": {"enum": ["invalid_request", "not_permitted", "client_id_reused", "unknown_course"]},
        "message": {"type": "string"},
        "errors": {
            "type": "object",
            "description": "Every wrong field, by its name, with what is expected.",
            "additionalProperties": {"type": "string"},
        },
    },
    required=["status"],
)

UNDO_REQUEST = _nullable(_object({"reason": _nullable(_text(REASON_LENGTH))}))
UNDO_ANSWER = _object(
    {
        "status": {"enum": ["undone", *(_values(UndoOutcome)[1:])]},
        "message": {"type": "string", "description": "in the user's language"},
        "card": _ref("DoorCard") | {"description": "where the visit went back: the card the holder now carries"},
    },
    required=["status", "message"],
)

ROSTER = _object(
    {
        "course_id": {"type": "integer"},
        "date": DATE,
        "checkins": {
            "type": "array",
            "description": "active check-ins of the session, newest first",
            "items": _object(
                {
                    "checkin_id": {"type": "integer"},
                    "checked_in_at": TIMESTAMP,
                    "source": {"enum": _values(CheckInSource)},
                    "by": {"type": "string", "description": "the staff member who scanned"},
                    "undoable": {"type": "boolean", "description": "may this user undo it (rule 6)"},
                    "card": _ref("DoorCard"),
                },
                required=["checkin_id", "checked_in_at", "source", "by", "undoable", "card"],
            ),
        },
    },
    required=["course_id", "date", "checkins"],
)

OFFLINE_ROSTER = _object(
    {
        "texts": _object(
            {
                "headlines": {"type": "object", "additionalProperties": {"type": "string"}},
                "tones": {
                    "type": "object",
                    "description": "by status: ok, warn or refused",
                    "additionalProperties": {"type": "string"},
                },
                "messages": {
                    "type": "object",
                    "description": "by status; {visits_left}, {time}, {valid_from} and {valid_until} to fill in",
                    "additionalProperties": {"type": "string"},
                },
                "ok_one": {"type": "string", "description": "the ok message for a card with one visit left"},
                "headline": {"type": "string", "description": "over a scan saved without being judged"},
                "saved": {"type": "string"},
                "unlisted": {"type": "string"},
                "not_judged": {"type": "string"},
            },
            required=["headlines", "tones", "messages", "ok_one", "headline", "saved", "unlisted", "not_judged"],
            description="what the tablet says offline, in the user's language",
        ),
        "course_id": {"type": "integer"},
        "date": DATE,
        "accepts_cards": {"type": "boolean"},
        "card_cap": _nullable({"type": "integer"}),
        "session_count": {"type": "integer", "description": "check-ins of the session so far"},
        "key": {"type": "string", "description": "hex HMAC key of this course and day"},
        "cards": {
            "type": "array",
            "items": _object(
                {
                    "hash": {"type": "string", "description": "hex HMAC-SHA256(key, card secret)"},
                    "number": CARD_NUMBER,
                    "holder": {"type": "string", "description": "first name and initial only"},
                    "visits_left": {"type": "integer"},
                    "valid_from": DATE,
                    "valid_until": DATE,
                    "status": {"enum": _values(CardStatus)},
                    "checked_in_at": _nullable(TIMESTAMP | {"description": "already in this session since"}),
                },
                required=[
                    "hash",
                    "number",
                    "holder",
                    "visits_left",
                    "valid_from",
                    "valid_until",
                    "status",
                    "checked_in_at",
                ],
            ),
        },
    },
    required=["texts", "course_id", "date", "accepts_cards", "card_cap", "session_count", "key", "cards"],
    description="Every card valid today on the course's category, without secrets, for judging scans offline.",
)

NEW_BUYER = _object(
    {
        "name": _text(Buyer.name.type.length, pattern=NOT_BLANK_LINE),
        "email": _nullable({"type": "string", "maxLength": Buyer.email.type.length, "format": "email"}),
        "phone": _nullable(_text(Buyer.phone.type.length, pattern=f"^{PHONE.pattern}$", examples=["040 123 4567"])),
        "language": {"enum": _values(Language), "default": Language.FI.value},
        "new_customer": {"type": "boolean", "description": "new to the opisto? asked at every sale"},
        "feedback_consent": {"type": "boolean", "default": False, "description": "explicit; never assumed"},
        "municipality": _nullable(_text(Buyer.municipality.type.length)),
    },
    required=["name", "new_customer"],
    closed=True,
    anyOf=[
        {"required": ["email"], "properties": {"email": {"type": "string"}}},
        {"required": ["phone"], "properties": {"phone": {"type": "string"}}},
    ],
    description="A new buyer: name, and an email or a phone (or both).",
)

SALE_REQUEST = _object(
    {
        "buyer": {
            "oneOf": [_object({"buyer_id": ID}, required=["buyer_id"], closed=True), _ref("NewBuyer")],
        },
        "card_type_id": ID,
        "payment_method": {"enum": _values(PaymentMethod)},
        "payment_reference": _nullable(_text(Card.payment_reference.type.length)),
        "price_cents": _nullable(
            {"type": "integer", "minimum": 0, "maximum": MAX_PRICE_CENTS, "description": "only to change the price"}
        ),
        "price_reason": _nullable(_text(PRICE_REASON_LENGTH, description="required with price_cents")),
        "sale_key": _nullable(DEVICE_KEY | {"description": "a retry with the same key returns the first sale"}),
    },
    required=["buyer", "card_type_id", "payment_method"],
    closed=True,
    dependentRequired={"price_cents": ["price_reason"], "price_reason": ["price_cents"]},
)

CARD = _object(
    {
        "number": CARD_NUMBER,
        "url": {"type": "string", "format": "uri", "description": "the QR code's content"},
        "status": {"enum": _values(CardStatus)},
        "visits_total": {"type": "integer"},
        "visits_left": {"type": "integer"},
        "valid_from": DATE,
        "valid_until": DATE,
        "holder": {"type": "string", "description": "the buyer's full name"},
        "buyer_id": {"type": "integer"},
        "card_type_id": {"type": "integer"},
        "receipt_number": _nullable({"type": "string", "examples": ["2026-00042"]}),
        "price_cents": {"type": "integer"},
        "payment_method": {"enum": _values(PaymentMethod)},
        "replaced_by": _nullable(CARD_NUMBER),
    },
    required=["number", "url", "status", "visits_total", "visits_left", "valid_from", "valid_until", "holder"],
)

CARD_CHECK_IN = _object(
    {
        "id": {"type": "integer"},
        "course_id": {"type": "integer"},
        "course": {"type": "string"},
        "session_date": DATE,
        "checked_in_at": TIMESTAMP,
        "by": {"type": "string"},
        "source": {"enum": _values(CheckInSource)},
        "undone_at": _nullable(TIMESTAMP),
        "undone_by": _nullable({"type": "string"}),
        "undo_reason": _nullable({"type": "string"}),
    },
    required=["id", "course_id", "course", "session_date", "checked_in_at", "by", "undone_at"],
)

CARD_DETAIL = {
    "allOf": [
        _ref("Card"),
        _object({"check_ins": {"type": "array", "items": _ref("CardCheckIn")}}, required=["check_ins"]),
    ]
}

CARD_TYPE = _object(
    {
        "id": {"type": "integer"},
        "name": {"type": "string"},
        "visits": {"type": "integer"},
        "price_cents": {"type": "integer"},
        "valid_from": DATE,
        "valid_until": DATE,
        "on_sale": {"type": "boolean"},
        "categories": {"type": "array", "items": {"type": "string"}, "description": "eligible course categories"},
    },
    required=["id", "name", "visits", "price_cents", "valid_from", "valid_until", "on_sale", "categories"],
)

COURSE = _object(
    {
        "id": {"type": "integer"},
        "code": {"type": "string"},
        "name": {"type": "string"},
        "category": {"type": "string"},
        "term_id": {"type": "integer"},
        "term": {"type": "string"},
        "accepts_cards": {"type": "boolean"},
        "weekday": {"type": "integer", "minimum": 0, "maximum": 6, "description": "0 = Monday"},
        "starts_at": {"type": "string", "examples": ["18:00"]},
        "ends_at": {"type": "string", "examples": ["19:30"]},
        "place": {"type": "string"},
        "card_cap": _nullable({"type": "integer", "description": "card holders per session; null: no cap"}),
    },
    required=["id", "code", "name", "category", "term", "accepts_cards", "weekday", "starts_at", "ends_at"],
)

# 409 on a sale: the card type is off sale, or the sale_key was used for a different sale.
SALE_CONFLICT = ERROR | {
    "properties": ERROR["properties"]
    | {"outcome": {"enum": [SaleOutcome.NOT_ON_SALE.value, SaleOutcome.KEY_REUSED.value]}}
}

SCHEMAS = {
    "Error": ERROR,
    "CheckInRequest": CHECK_IN_REQUEST,
    "RefusalReport": REFUSAL_REPORT,
    "RefusalLogged": REFUSAL_LOGGED,
    "DoorCard": DOOR_CARD,
    "ScanAnswer": SCAN_ANSWER,
    "CheckInError": CHECK_IN_ERROR,
    "UndoRequest": UNDO_REQUEST,
    "UndoAnswer": UNDO_ANSWER,
    "Roster": ROSTER,
    "OfflineRoster": OFFLINE_ROSTER,
    "NewBuyer": NEW_BUYER,
    "SaleRequest": SALE_REQUEST,
    "Card": CARD,
    "CardCheckIn": CARD_CHECK_IN,
    "CardDetail": CARD_DETAIL,
    "CardType": CARD_TYPE,
    "Course": COURSE,
    "SaleConflict": SALE_CONFLICT,
}
