"""Outcome results and rows as JSON.

Dates are ISO 8601 (2026-11-22), timestamps ISO 8601 in UTC, money integer
cents; the sentences for people are in the request's language, its staff
user's own (kymppi.i18n), whether a tablet or a token asks.
"""

from collections.abc import Callable
from datetime import date, datetime

from kymppi import answers
from kymppi.domain.codes import card_url, format_card_number
from kymppi.domain.outcomes import CheckInResult, UndoOutcome, UndoResult
from kymppi.domain.sessions import OfflineRoster
from kymppi.models import Card, CardType, CheckIn, Course


def scan_json(result: CheckInResult) -> dict:
    """A scan's answer: the outcome, what to tell the instructor, and the card as the door may see it."""
    return {
        "status": result.outcome.value,
        "tone": answers.tone(result.outcome).value,
        "headline": answers.headline(result.outcome),
        "message": answers.message(result),
        "replayed": result.replayed,
        "checkin_id": result.check_in_id,
        "checked_in_at": _timestamp(result.checked_in_at),
        "card": None
        if result.card_number is None
        else {
            "number": format_card_number(result.card_number),
            "holder": result.holder,
            "visits_left": result.visits_left,
            "visits_total": result.visits_total,
            "valid_from": result.valid_from.isoformat(),
            "valid_until": result.valid_until.isoformat(),
        },
    }


def undo_json(result: UndoResult) -> dict:
    status = "undone" if result.outcome is UndoOutcome.OK else result.outcome.value
    body = {"status": status, "message": answers.undo_message(result.outcome)}
    if result.card is not None:
        body["card"] = door_card_json(result.card)
    return body


def door_card_json(card: Card) -> dict:
    """A card as the instructor may see it: number, first name and initial, visits."""
    return {
        "number": format_card_number(card.number),
        "holder": card.buyer.display_name,
        "visits_left": card.visits_left,
        "visits_total": card.visits_total,
    }


def roster_json(course: Course, day: date, check_ins: list[CheckIn], *, undoable: Callable[[CheckIn], bool]) -> dict:
    return {
        "course_id": course.id,
        "date": day.isoformat(),
        "checkins": [
            {
                "checkin_id": check.id,
                "checked_in_at": _timestamp(check.checked_in_at),
                "source": check.source.value,
                "by": check.checked_in_by.name,
                "undoable": undoable(check),
                "card": door_card_json(check.card),
            }
            for check in check_ins
        ],
    }


def offline_roster_json(roster: OfflineRoster) -> dict:
    return {
        "texts": answers.offline_texts(),
        "course_id": roster.course.id,
        "date": roster.day.isoformat(),
        "accepts_cards": roster.course.accepts_cards,
        "card_cap": roster.course.card_cap,
        "session_count": roster.session_count,
        "key": roster.key,
        "cards": [
            {
                "hash": card.hash,
                "number": format_card_number(card.number),
                "holder": card.holder,
                "visits_left": card.visits_left,
                "valid_from": card.valid_from.isoformat(),
                "valid_until": card.valid_until.isoformat(),
                "status": card.status.value,
                "checked_in_at": _timestamp(card.checked_in_at),
            }
            for card in roster.cards
        ],
    }


def _timestamp(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


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
