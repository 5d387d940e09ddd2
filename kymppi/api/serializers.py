"""Outcome results and rows as JSON: the API's one translation table.

Dates are ISO 8601 (2026-11-22), timestamps ISO 8601 in UTC, money integer cents.
"""

from kymppi.domain.codes import card_url, format_card_number
from kymppi.domain.outcomes import CheckInResult, UndoResult
from kymppi.models import Card, CardType, CheckIn, Course


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


def card_json(card: Card, base_url: str) -> dict:
    """A card as the office sees it: the full holder name, the QR link and the sale."""
    return {
        "number": format_card_number(card.number),
        "url": card_url(base_url, card.secret),
        "status": card.status.value,
        "visits_total": card.visits_total,
        "visits_left": card.visits_left,
        "valid_from": card.valid_from.isoformat(),
        "valid_until": card.valid_until.isoformat(),
        "holder": card.buyer.name,
        "buyer_id": card.buyer_id,
        "card_type_id": card.card_type_id,
        "receipt_number": card.receipt.label if card.receipt else None,
        "price_cents": card.price_cents,
        "payment_method": card.payment_method.value,
        "replaced_by": format_card_number(card.replaced_by.number) if card.replaced_by else None,
    }


def check_in_history_json(check_in: CheckIn) -> dict:
    return {
        "id": check_in.id,
        "course_id": check_in.course_id,
        "course": check_in.course.name,
        "session_date": check_in.session_date.isoformat(),
        "checked_in_at": check_in.checked_in_at.isoformat(),
        "by": check_in.checked_in_by.name,
        "source": check_in.source.value,
        "undone_at": check_in.undone_at.isoformat() if check_in.undone_at else None,
        "undone_by": check_in.undone_by.name if check_in.undone_by else None,
        "undo_reason": check_in.undo_reason,
    }


def card_type_json(card_type: CardType) -> dict:
    return {
        "id": card_type.id,
        "name": card_type.name,
        "visits": card_type.visits,
        "price_cents": card_type.price_cents,
        "valid_from": card_type.valid_from.isoformat(),
        "valid_until": card_type.valid_until.isoformat(),
        "on_sale": card_type.on_sale,
        "categories": sorted(category.code for category in card_type.categories),
    }


def course_json(course: Course) -> dict:
    return {
        "id": course.id,
        "code": course.code,
        "name": course.name,
        "category": course.category.code,
        "term_id": course.term_id,
        "term": course.term.name,
        "accepts_cards": course.accepts_cards,
        "weekday": course.weekday,
        "starts_at": course.starts_at.isoformat("minutes"),
        "ends_at": course.ends_at.isoformat("minutes"),
        "place": course.place,
        "card_cap": course.card_cap,
    }
