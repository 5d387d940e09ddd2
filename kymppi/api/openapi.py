"""The API's OpenAPI 3.1 description, served at /api/v1/openapi.json.

It is public: it holds no data, only the shape of requests and answers, and
tools (code generators, schemathesis) read it before they have a token. The
tests check that every API route is described here, so a new route can't go
undocumented.
"""

from flask import Blueprint, jsonify

from kymppi.api.schemas import SCHEMAS
from kymppi.orm import MAX_ID

docs_bp = Blueprint("api_docs", __name__, url_prefix="/api/v1")

BEARER_OR_SESSION = [{"bearerToken": []}, {"sessionCookie": []}]
# A browser sends its session cookie on its own, so a session write must prove
# it came from our page with the CSRF token in a header.
BEARER_OR_SESSION_WITH_CSRF = [{"bearerToken": []}, {"sessionCookie": [], "csrfHeader": []}]


def _json(schema_name: str, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema_name}"}}},
    }


def _json_list(schema_name: str, description: str) -> dict:
    items = {"$ref": f"#/components/schemas/{schema_name}"}
    return {"description": description, "content": {"application/json": {"schema": {"type": "array", "items": items}}}}


def _either(description: str, *schema_names: str) -> dict:
    refs = [{"$ref": f"#/components/schemas/{name}"} for name in schema_names]
    return {"description": description, "content": {"application/json": {"schema": {"anyOf": refs}}}}


def _ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


def _operation(summary: str, responses: dict, *, write: bool = False, office: bool = False, **extra) -> dict:
    """An authenticated operation with the error answers every one of them can give."""
    common = {"401": _ref("responses", "Unauthorized")}
    if office or write:
        common["403"] = _ref("responses", "Forbidden")
    if write:
        common["400"] = _ref("responses", "BadRequest")
    return {
        "summary": summary,
        "tags": ["office" if office else "check-in"],
        "security": BEARER_OR_SESSION_WITH_CSRF if write else BEARER_OR_SESSION,
        "responses": common | responses,
        **extra,
    }


def _body(schema_name: str, *, required: bool = True) -> dict:
    return {"required": required, "content": {"application/json": {"schema": _ref("schemas", schema_name)}}}


NUMBER_PARAMETER = {
    "name": "number",
    "in": "path",
    "required": True,
    "description": "card number, with or without the dash, any case",
    "schema": {"type": "string", "examples": ["ABCD-2345"]},
}

# An id outside 1 … MAX_ID matches no route, so the 404 is the app's plain JSON error, not the blueprint's.
NO_SUCH_COURSE = "no such course (status unknown_course), or an id no row can have"

ID_PARAMETER = {"in": "path", "required": True, "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}

PATHS = {
    "/checkins": {
        "post": _operation(
            "Check a card in to a course session",
            {
                "201": _json("ScanAnswer", "a new visit"),
                "200": _json("ScanAnswer", "already checked in this session, or a replayed client_id"),
                "400": _either("malformed request or no CSRF header", "CheckInError", "Error"),
                "403": _either("scanned_at over 14 days back, or not staff", "CheckInError", "Error"),
                "404": _either("unknown card (status unknown_card) or unknown course", "ScanAnswer", "CheckInError"),
                "409": _either("refused, with the reason; or client_id reused", "ScanAnswer", "CheckInError"),
            },
            write=True,
            requestBody=_body("CheckInRequest"),
        )
    },
    "/refused-scans": {
        "post": _operation(
            "Report a scan the tablet refused while offline; nothing is deducted",
            {
                "201": _json("RefusalLogged", "kept for the office"),
                "200": _json("RefusalLogged", "this client_id was reported before; kept once"),
                "400": _either("malformed request or no CSRF header", "CheckInError", "Error"),
                "403": _either("scanned_at over 14 days back, or not staff", "CheckInError", "Error"),
                "404": _json("CheckInError", "unknown course"),
            },
            write=True,
            requestBody=_body("RefusalReport"),
        )
    },
    "/checkins/{check_in_id}": {
        "delete": _operation(
            "Undo a check-in and give the visit back",
            {
                "200": _json("UndoAnswer", "undone"),
                "400": _either("malformed body or no CSRF header", "CheckInError", "Error"),
                "403": _either("not permitted (another's visit, another day) or not staff", "UndoAnswer", "Error"),
                "404": _either("no such check-in", "UndoAnswer", "Error"),
                "409": _json("UndoAnswer", "already undone"),
                "422": _json("UndoAnswer", "the office must give a reason"),
            },
            write=True,
            parameters=[ID_PARAMETER | {"name": "check_in_id"}],
            requestBody=_body("UndoRequest", required=False),
        )
    },
    "/courses/{course_id}/roster": {
        "get": _operation(
            "Who is checked in to a session",
            {
                "200": _json("Roster", "the session's check-ins"),
                "400": _json("CheckInError", "date is not YYYY-MM-DD"),
                "404": _either(NO_SUCH_COURSE, "CheckInError", "Error"),
            },
            parameters=[
                ID_PARAMETER | {"name": "course_id"},
                {"name": "date", "in": "query", "required": False, "schema": {"type": "string", "format": "date"}},
            ],
        )
    },
    "/courses/{course_id}/offline-roster": {
        "get": _operation(
            "Today's cards of a course, for judging scans while offline",
            {"200": _json("OfflineRoster", "the roster"), "404": _either(NO_SUCH_COURSE, "CheckInError", "Error")},
            parameters=[ID_PARAMETER | {"name": "course_id"}],
        )
    },
    "/cards": {
        "post": _operation(
            "Sell a card",
            {
                "201": _json("Card", "sold") | {"headers": {"Location": {"schema": {"type": "string"}}}},
                "200": _json("Card", "sold earlier under the same sale_key; nothing new was sold"),
                "404": _json("Error", "no such card type or buyer"),
                "409": _json("SaleConflict", "the card type is not on sale, or sale_key was used for a different sale"),
            },
            write=True,
            office=True,
            requestBody=_body("SaleRequest"),
        )
    },
    "/cards/{number}": {
        "get": _operation(
            "A card with its check-in history",
            {"200": _json("CardDetail", "the card"), "404": _json("Error", "no such card")},
            office=True,
            parameters=[NUMBER_PARAMETER],
        )
    },
    "/cards/{number}/pdf": {
        "get": _operation(
            "The printable card (85.6 × 54 mm PDF with its QR code); each download is audit-logged",
            {
                "200": {
                    "description": "the card PDF, as an attachment named kymppikortti-<number>.pdf",
                    "headers": {"Content-Disposition": {"schema": {"type": "string"}}},
                    "content": {
                        "application/pdf": {"schema": {"type": "string", "contentMediaType": "application/pdf"}}
                    },
                },
                "404": _json("Error", "no such card"),
                "409": _json("Error", "the card is not in use (cancelled, refunded or replaced)"),
            },
            office=True,
            parameters=[NUMBER_PARAMETER],
        )
    },
    "/card-types": {
        "get": _operation(
            "Card types, newest validity first", {"200": _json_list("CardType", "card types")}, office=True
        )
    },
    "/courses": {
        "get": _operation(
            "Courses by code",
            {"200": _json_list("Course", "courses"), "400": _ref("responses", "BadRequest")},
            office=True,
            parameters=[
                {
                    "name": "accepts_cards",
                    "in": "query",
                    "required": False,
                    "description": "only the courses that do (true) or don't (false) accept cards",
                    "schema": {"type": "boolean"},
                }
            ],
        )
    },
    "/openapi.json": {
        "get": {
            "summary": "This document",
            "tags": ["meta"],
            "security": [],
            "responses": {"200": {"description": "OpenAPI 3.1", "content": {"application/json": {"schema": {}}}}},
        }
    },
}

SPEC = {
    "openapi": "3.1.0",
    "info": {
        "title": "Kymppi API",
        "version": "1",
        "description": (
            "Check-in for tablets and scripts, and card sales for the office. Authenticate with "
            "`Authorization: Bearer <token>` (from `kymppi create-token EMAIL`) or a staff session; "
            "a session's writes carry its CSRF token in the X-CSRFToken header. Instructors may "
            "check in; the card endpoints are for office and admin. Check-in answers carry "
            '`{"status": "…", "message": "…"}` and refusals of a request `{"status": "invalid_request", '
            '"errors": {"field": "what is expected"}}`; the office endpoints answer errors as '
            '`{"error": "…", "fields": {"field": "what is expected"}}`. Those texts are written for '
            "people, in the language of the token's or session's staff user (fi, sv or en); statuses "
            "and outcomes are codes, the same in every language."
        ),
    },
    "servers": [{"url": "/api/v1"}],
    "tags": [
        {"name": "check-in", "description": "staff: instructors, office and admin"},
        {"name": "office", "description": "office and admin only"},
        {"name": "meta"},
    ],
    "paths": PATHS,
    "components": {
        "schemas": SCHEMAS,
        "responses": {
            "BadRequest": _json("Error", "malformed request (every wrong field named) or missing CSRF header"),
            "Unauthorized": _json("Error", "no valid token or session"),
            "Forbidden": _json("Error", "the user's role may not use this endpoint"),
        },
        "securitySchemes": {
            "bearerToken": {"type": "http", "scheme": "bearer", "description": "`kymppi create-token EMAIL`"},
            "sessionCookie": {"type": "apiKey", "in": "cookie", "name": "session"},
            "csrfHeader": {"type": "apiKey", "in": "header", "name": "X-CSRFToken"},
        },
    },
}


@docs_bp.get("/openapi.json")
def openapi():
    return jsonify(SPEC)
