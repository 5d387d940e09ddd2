"""A buyer's access request (GDPR art. 15): everything the database holds about one buyer, as plain data.

One structure of dicts, lists and plain values (dates and datetimes left as
they are), so the JSON and the PDF are two renderings of the same answer and
can't disagree about what was handed over.

Left out on purpose, though they sit on the same rows: the card's secret (its
QR address), the sale's idempotency key and the survey token's hash. They are
keys, not facts about the person: whoever reads the export could open the
card page or the survey with them. Staff appear by user id only; their names
are their own personal data, not the buyer's. Audit events carry only the ids
of their details, since a reason typed by staff may name somebody else; the
reasons the buyer needs are on the cards and visits themselves.

An anonymised buyer's placeholder name is no name of theirs: it is `None`.
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from kymppi.domain import audit
from kymppi.domain.clock import utcnow
from kymppi.domain.errors import NotFound
from kymppi.extensions import db
from kymppi.models import AuditEvent, Buyer, Card, CheckIn, FeedbackInvitation, RefusedScan, User, VisitTransfer

Data = dict[str, Any]


def export_buyer_data(buyer_id: int, *, by: User, file_format: str, at: datetime | None = None) -> Data:
    """The buyer's data, the export itself audited (who, whose, in which format), so handing
    personal data out of the system leaves a trace like every change does."""
    data = buyer_data(buyer_id)
    audit.record("buyer_data_exported", by=by, at=at or utcnow(), buyer_id=buyer_id, format=file_format)
    db.session.commit()
    return data


def buyer_data(buyer_id: int) -> Data:
    """The buyer, their cards oldest first with each card's visits and refused scans, visit transfers,
    feedback invitations with the answers, and the audit events about them."""
    buyer = db.session.get(Buyer, buyer_id)
    if buyer is None:
        raise NotFound(f"buyer {buyer_id}")
    cards = list(
        db.session.scalars(
            select(Card)
            .where(Card.buyer_id == buyer_id)
            .options(selectinload(Card.card_type), selectinload(Card.receipt), selectinload(Card.replaced_by))
            .order_by(Card.sold_at, Card.id)
        )
    )
    card_ids = [card.id for card in cards]
    check_ins, refused_scans = _check_ins(card_ids), _refused_scans(card_ids)
    return {
        "buyer": _buyer(buyer),
        "cards": [_card(card, check_ins[card.id], refused_scans[card.id]) for card in cards],
        "visit_transfers": _transfers(card_ids),
        "feedback": _feedback(buyer_id),
        "audit_events": _audit_events(buyer_id, card_ids),
    }


def _buyer(buyer: Buyer) -> Data:
    return {
        "id": buyer.id,
        "name": None if buyer.anonymized_at else buyer.name,
        "email": buyer.email,
        "phone": buyer.phone,
        "language": buyer.language.value,
        "municipality": buyer.municipality,
        "new_customer": buyer.new_customer,
        "feedback_consent": buyer.feedback_consent,
        "reminders": buyer.reminders,
        "created_at": buyer.created_at,
        "anonymized_at": buyer.anonymized_at,
    }


def _card(card: Card, check_ins: list[Data], refused_scans: list[Data]) -> Data:
    receipt = card.receipt
    return {
        "id": card.id,
        "number": card.number,
        "card_type": card.card_type.name,
        "status": card.status.value,
        "status_reason": card.status_reason,
        "visits_total": card.visits_total,
        "visits_used": card.visits_used,
        "valid_from": card.valid_from,
        "valid_until": card.valid_until,
        "suspended_on": card.suspended_on,
        "sold_at": card.sold_at,
        "price_cents": card.price_cents,
        "refunded_cents": card.refunded_cents,
        "payment_method": card.payment_method.value,
        "payment_reference": card.payment_reference,
        "receipt": (
            {"number": receipt.label, "amount_cents": receipt.amount_cents, "issued_at": receipt.issued_at}
            if receipt
            else None
        ),
        "replaced_by": card.replaced_by.number if card.replaced_by else None,
        "low_visits_reminded_at": card.low_visits_reminded_at,
        "expiry_reminded_at": card.expiry_reminded_at,
        "check_ins": check_ins,
        "refused_scans": refused_scans,
    }


def _check_ins(card_ids: list[int]) -> dict[int, list[Data]]:
    """Each card's visits, the undone ones too: the buyer may ask why a visit came back."""
    checks = db.session.scalars(
        select(CheckIn)
        .where(CheckIn.card_id.in_(card_ids))
        .options(selectinload(CheckIn.course))
        .order_by(CheckIn.session_date, CheckIn.checked_in_at, CheckIn.id)
    )
    return _by_card(
        (
            check.card_id,
            {
                "id": check.id,
                "course_code": check.course.code,
                "course": check.course.name,
                "session_date": check.session_date,
                "checked_in_at": check.checked_in_at,
                "source": check.source.value,
                "undone_at": check.undone_at,
                "undo_reason": check.undo_reason,
            },
        )
        for check in checks
    )


def _refused_scans(card_ids: list[int]) -> dict[int, list[Data]]:
    """Each card's scans that took no visit: they are kept about the card, so they are the buyer's to see."""
    scans = db.session.scalars(
        select(RefusedScan)
        .where(RefusedScan.card_id.in_(card_ids))
        .options(selectinload(RefusedScan.course))
        .order_by(RefusedScan.scanned_at, RefusedScan.id)
    )
    return _by_card(
        (
            scan.card_id,
            {
                "id": scan.id,
                "course_code": scan.course.code,
                "course": scan.course.name,
                "session_date": scan.session_date,
                "scanned_at": scan.scanned_at,
                "outcome": scan.outcome,
            },
        )
        for scan in scans
    )


def _by_card(rows: Iterable[tuple[int, Data]]) -> defaultdict[int, list[Data]]:
    grouped: defaultdict[int, list[Data]] = defaultdict(list)
    for card_id, row in rows:
        grouped[card_id].append(row)
    return grouped


def _transfers(card_ids: list[int]) -> list[Data]:
    """Visits moved to or from the buyer's cards; the other card is named by id, as it may be somebody else's."""
    transfers = db.session.scalars(
        select(VisitTransfer)
        .where(or_(VisitTransfer.from_card_id.in_(card_ids), VisitTransfer.to_card_id.in_(card_ids)))
        .order_by(VisitTransfer.transferred_at, VisitTransfer.id)
    )
    return [
        {
            "id": transfer.id,
            "from_card_id": transfer.from_card_id,
            "to_card_id": transfer.to_card_id,
            "visits": transfer.visits,
            "reason": transfer.reason,
            "transferred_at": transfer.transferred_at,
        }
        for transfer in transfers
    ]


def _feedback(buyer_id: int) -> list[Data]:
    invitations = db.session.scalars(
        select(FeedbackInvitation)
        .where(FeedbackInvitation.buyer_id == buyer_id)
        .options(selectinload(FeedbackInvitation.round), selectinload(FeedbackInvitation.courses))
        .order_by(FeedbackInvitation.id)
    )
    return [
        {
            "id": invitation.id,
            "round_id": invitation.round_id,
            "period_starts_on": invitation.round.starts_on,
            "period_ends_on": invitation.round.ends_on,
            "sent_at": invitation.sent_at,
            "failure": invitation.failure,
            "answered_at": invitation.answered_at,
            "rating": invitation.rating,
            "good": invitation.good,
            "improve": invitation.improve,
            "buy_again": invitation.buy_again.value if invitation.buy_again else None,
            "comment": invitation.comment,
            "courses": [course.name for course in invitation.courses],
        }
        for invitation in invitations
    ]


def _audit_events(buyer_id: int, card_ids: list[int]) -> list[Data]:
    """Events on the buyer's cards, and those about the buyer themself (edits, anonymising, earlier exports)."""
    events = db.session.scalars(
        select(AuditEvent)
        .where(or_(AuditEvent.card_id.in_(card_ids), AuditEvent.details["buyer_id"].as_integer() == buyer_id))
        .order_by(AuditEvent.at, AuditEvent.id)
    )
    return [
        {
            "id": event.id,
            "at": event.at,
            "action": event.action,
            "card_id": event.card_id,
            "by_user_id": event.actor_id,
            "ids": {key: value for key, value in event.details.items() if key.endswith("_id")},
        }
        for event in events
    ]
