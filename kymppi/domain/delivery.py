"""Handing a sold card to its buyer: the printable PDF and the email with the card."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from kymppi.documents.card_pdf import CardFace, card_pdf
from kymppi.documents.receipt_pdf import receipt_pdf
from kymppi.domain import audit
from kymppi.domain.cards import original_sale
from kymppi.domain.clock import utcnow
from kymppi.domain.organization import opisto
from kymppi.emails import card_message
from kymppi.extensions import db
from kymppi.mail import SmtpSettings, send
from kymppi.models import Card, CardStatus, User

# Only a card in use is handed out: a cancelled or replaced card's QR is refused at the door.
IN_USE = frozenset({CardStatus.ACTIVE, CardStatus.SUSPENDED})


class Delivery(StrEnum):
    SENT = "sent"
    NOT_IN_USE = "not_in_use"
    NO_EMAIL = "no_email"


@dataclass(frozen=True)
class Document:
    filename: str
    content: bytes


def printable_card(card: Card, *, base_url: str, by: User, at: datetime | None = None) -> Document | None:
    """The card PDF, or None for a card not in use. Printing makes another copy of a
    working QR code, so it is logged."""
    if card.status not in IN_USE:
        return None
    audit.record("card_printed", by=by, at=at or utcnow(), card_id=card.id)
    db.session.commit()
    return Document(f"kymppikortti-{card.number}.pdf", card_pdf(CardFace.of(card, opisto().name, base_url)))


def receipt_document(card: Card) -> Document | None:
    """The receipt of the sale; for a replacement card, that of the card it replaced."""
    receipt = original_sale(card).receipt
    if receipt is None:
        return None
    return Document(f"kuitti-{receipt.label}.pdf", receipt_pdf(receipt, opisto()))


def email_card(card: Card, *, base_url: str, settings: SmtpSettings, by: User, at: datetime | None = None) -> Delivery:
    """Send the card to the buyer's email; a failed send raises MailError and changes nothing.

    Only a message the mail server accepted is logged, without the address:
    the audit log holds no contact data.
    """
    if card.status not in IN_USE:
        return Delivery.NOT_IN_USE
    if not card.buyer.email:
        return Delivery.NO_EMAIL
    send(card_message(card, opisto(), base_url), settings)
    audit.record("card_emailed", by=by, at=at or utcnow(), card_id=card.id)
    db.session.commit()
    return Delivery.SENT
