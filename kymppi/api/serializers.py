"""Outcome results as JSON: the API's one translation table."""

from kymppi.domain.codes import format_card_number
from kymppi.domain.outcomes import CheckInResult, UndoResult


def check_in_json(result: CheckInResult) -> dict:
    return {
        "outcome": result.outcome.value,
        "ok": result.ok,
        "replayed": result.replayed,
        "card_number": format_card_number(result.card_number) if result.card_number else None,
        "holder": result.holder,
        "visits_left": result.visits_left,
        "visits_total": result.visits_total,
        "valid_until": result.valid_until.isoformat() if result.valid_until else None,
        "check_in_id": result.check_in_id,
        "checked_in_at": result.checked_in_at.isoformat() if result.checked_in_at else None,
    }


def undo_json(result: UndoResult) -> dict:
    return {"outcome": result.outcome.value, "visits_left": result.visits_left}
