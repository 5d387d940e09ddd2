"""The "Lost your link?" page's work: a buyer without an account gets their cards' links by email.

Whoever types an address is told the same thing whether or not it has cards, so
this function reports nothing the page could leak: it sends, or quietly doesn't.
"""

from datetime import date

from sqlalchemy import func, select

from kymppi.domain.clock import local_date, utcnow
from kymppi.extensions import db
from kymppi.lost_link_mail import card_links_message
from kymppi.mail import SmtpSettings, send
from kymppi.models import Buyer, Card, CardStatus, Organization

# Usable now, or again once the office resumes it. A replaced card's link is
# revoked and a cancelled or refunded card never works again: no use sending those.
LIVE = (CardStatus.ACTIVE, CardStatus.SUSPENDED)


def normalized_email(text: str) -> str:
    """How an address is compared: people type their address in any case, often with a stray space."""
    return text.strip().lower()


def live_cards(email: str, today: date) -> list[Card]:
    """The live cards of every buyer still on file with this address, oldest buyer first."""
    statement = (
        select(Card)
        .join(Card.buyer)
        .where(
            func.lower(Buyer.email) == normalized_email(email),
            Buyer.anonymized_at.is_(None),
            Card.status.in_(LIVE),
            Card.valid_until >= today,
        )
        .order_by(Card.buyer_id, Card.id)
    )
    return list(db.session.scalars(statement))


def send_card_links(
    email: str, *, base_url: str, settings: SmtpSettings, organization: Organization, today: date | None = None
) -> int:
    """Send one message listing the address's live cards; return how many it listed.

    Nothing is sent when none match. A failed send raises MailError.
    """
    cards = live_cards(email, today or local_date(utcnow()))
    if cards:
        send(card_links_message(cards, organization, base_url), settings)
    return len(cards)
