"""Check-in endpoints: the contract the scan page itself uses, and tablets syncing their offline queue.

Statuses say what happened at the door: 201 a new visit; 200 the card was
already in, or a replayed client_id (with the original answer); 409 a
refusal with its reason; 404 an unknown card or course; 400 a malformed
request. Every body carries "status" and, for people, a "message" in the
staff user's language.
"""

from flask import Blueprint, current_app, jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from kymppi.api.payloads import PayloadError, check_in_request, read_json, refusal_report, session_day, undo_reason
from kymppi.api.serializers import offline_roster_json, roster_json, scan_json, undo_json
from kymppi.auth.roles import protect
from kymppi.domain import catalog_queries
from kymppi.domain.checkin import check_in, may_undo, undo_check_in
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.errors import ClientIdReused, InvalidInput, NotFound
from kymppi.domain.offline_refusals import record_offline_refusal
from kymppi.domain.outcomes import CheckInOutcome, CheckInResult, UndoOutcome
from kymppi.domain.sessions import offline_roster, session_check_ins
from kymppi.extensions import csrf
from kymppi.models.enums import OFFICE_ROLES

checkins_bp = protect(Blueprint("checkins", __name__), "api.checkins")
csrf.exempt(checkins_bp)  # the parent demands X-CSRFToken from session writes

UNDO_STATUS = {
    UndoOutcome.OK: 200,
    UndoOutcome.NOT_FOUND: 404,
    UndoOutcome.ALREADY_UNDONE: 409,
    UndoOutcome.NOT_PERMITTED: 403,
    UndoOutcome.REASON_REQUIRED: 422,
}


def scan_status(result: CheckInResult) -> int:
    if result.outcome is CheckInOutcome.OK:
        return 200 if result.replayed else 201
    if result.outcome is CheckInOutcome.ALREADY_CHECKED_IN:
        return 200
    if result.outcome is CheckInOutcome.UNKNOWN_CARD:
        return 404
    return 409


@checkins_bp.errorhandler(PayloadError)
def invalid_request(error: PayloadError):
    status = "invalid_request" if error.status == 400 else "not_permitted"
    return jsonify(status=status, errors=error.errors), error.status


@checkins_bp.errorhandler(InvalidInput)
def invalid_input(error: InvalidInput):
    """What the domain refuses that the parser let through (an undo reason with a line break)."""
    return jsonify(status="invalid_request", errors={error.field: str(error.message)}), 400


@checkins_bp.errorhandler(ClientIdReused)
def client_id_reused(error: ClientIdReused):
    message = _("Tämä client_id on jo käytetty toiseen leimaukseen.")
    return jsonify(status="client_id_reused", message=message, errors={"client_id": message}), 409


@checkins_bp.errorhandler(NotFound)
def unknown_course(error: NotFound):
    """Every lookup here is of a course: the one in the body or in the address."""
    return jsonify(status="unknown_course", message=_("Kurssia ei löytynyt.")), 404


@checkins_bp.post("/checkins")
def create():
    req = check_in_request(read_json(request), now=utcnow(), may_backdate=current_user.role in OFFICE_ROLES)
    result = check_in(
        req.code, req.course_id, by=current_user, at=req.scanned_at, source=req.source, client_id=req.client_id
    )
    return jsonify(scan_json(result)), scan_status(result)


@checkins_bp.post("/refused-scans")
def report_refusal():
    """A scan the tablet refused while offline, kept for the office; nothing is deducted."""
    report = refusal_report(read_json(request), now=utcnow(), may_backdate=current_user.role in OFFICE_ROLES)
    scan = report.scan
    kept = record_offline_refusal(
        scan.code,
        scan.course_id,
        by=current_user,
        at=scan.scanned_at,
        source=scan.source,
        outcome=report.outcome,
        client_id=scan.client_id,
    )
    return jsonify(status="logged", replayed=not kept), 201 if kept else 200


@checkins_bp.delete("/checkins/<id:check_in_id>")
def undo(check_in_id: int):
    result = undo_check_in(check_in_id, by=current_user, reason=undo_reason(read_json(request)))
    return jsonify(undo_json(result)), UNDO_STATUS[result.outcome]


@checkins_bp.get("/courses/<id:course_id>/roster")
def roster(course_id: int):
    """The session's check-ins, newest first, each saying whether this user may undo it."""
    course = catalog_queries.course(course_id)
    today = local_date(utcnow())
    day = session_day(request.args.get("date"), today=today)
    check_ins = session_check_ins(course.id, day)
    return jsonify(roster_json(course, day, check_ins, undoable=lambda check: may_undo(check, current_user, today)))


@checkins_bp.get("/courses/<id:course_id>/offline-roster")
def offline(course_id: int):
    """Today's cards for judging scans while the server can't be reached; no card secrets."""
    course = catalog_queries.course(course_id)
    found = offline_roster(course, local_date(utcnow()), secret_key=current_app.config["SECRET_KEY"])
    return jsonify(offline_roster_json(found))
