from flask import jsonify, request
from flask_login import current_user

from kymppi.api import bp
from kymppi.api.payloads import PayloadError, check_in_request, read_json, undo_reason
from kymppi.api.serializers import check_in_json, undo_json
from kymppi.domain.checkin import check_in, undo_check_in
from kymppi.domain.errors import ClientIdReused, NotFound
from kymppi.domain.outcomes import UndoOutcome

UNDO_STATUS = {
    UndoOutcome.OK: 200,
    UndoOutcome.NOT_FOUND: 404,
    UndoOutcome.ALREADY_UNDONE: 409,
    UndoOutcome.NOT_PERMITTED: 403,
    UndoOutcome.REASON_REQUIRED: 422,
}


@bp.errorhandler(PayloadError)
def invalid_payload(error: PayloadError):
    return jsonify(error="invalid request", fields=error.errors), 400


@bp.errorhandler(ClientIdReused)
def client_id_reused(error: ClientIdReused):
    return jsonify(error="client_id was already used for a different scan", fields={"client_id": str(error)}), 409


@bp.errorhandler(NotFound)
def not_found(error: NotFound):
    return jsonify(error=f"not found: {error}"), 404


@bp.post("/check-ins")
def create_check_in():
    """Scan a card. A refusal is an answer, not an error: 200 with its outcome;
    a new visit is 201; a replayed client_id is 200 with the original visit."""
    req = check_in_request(read_json(request))
    result = check_in(req.code, req.course_id, by=current_user, at=req.at, source=req.source, client_id=req.client_id)
    return jsonify(check_in_json(result)), 201 if result.ok and not result.replayed else 200


@bp.post("/check-ins/<id:check_in_id>/undo")
def undo(check_in_id: int):
    reason = undo_reason(read_json(request))
    result = undo_check_in(check_in_id, by=current_user, reason=reason)
    return jsonify(undo_json(result)), UNDO_STATUS[result.outcome]
