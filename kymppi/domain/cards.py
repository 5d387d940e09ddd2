"""Finding cards from what a scanner or a person gives us."""

from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from kymppi.domain.codes import parse_code
from kymppi.extensions import db
from kymppi.models import Card, CardStatus

# Built once, as every scan asks; the holder comes along, as every answer at the door names them.
_CARD_BY = {
    kind: select(Card).where(column == bindparam("value")).options(joinedload(Card.buyer, innerjoin=True))
    for kind, column in (("secret", Card.secret), ("number", Card.number))
}


def find_card(code: str) -> Card | None:
    """The card for whatever the door gives us: a QR URL, a bare secret or a typed number."""
    parsed = parse_code(code)
    if parsed is None:
        return None
    kind, value = parsed
    return db.session.execute(_CARD_BY[kind], {"value": value}).scalar_one_or_none()


def card_by_number(number: str) -> Card | None:
    """The card with this typed number ("ABCD-2345", any case); never a secret."""
    parsed = parse_code(number)
    return find_card(parsed[1]) if parsed is not None and parsed[0] == "number" else None


def current_card(card: Card) -> Card:
    """Follow the replaced-by links to the card now in the holder's hand.

    The links can't loop: a card is only ever replaced by a newly created one.
    """
    while card.replaced_by is not None:
        card = card.replaced_by
    return card


def card_for_secret(secret: str) -> Card | None:
    """The card behind a buyer's QR link.

    Only a live link works: a replaced card's old secret is revoked and finds
    nothing, exactly like one that never existed. A card number never does.
    """
    parsed = parse_code(secret)
    if parsed is None or parsed[0] != "secret":
        return None
    card = find_card(parsed[1])
    return None if card is None or card.status is CardStatus.REPLACED else card


def original_sale(card: Card) -> Card:
    """Follow the replaced-by links backwards to the card that was sold and paid for."""
    while (previous := predecessor(card)) is not None:
        card = previous
    return card


def predecessor(card: Card) -> Card | None:
    """The lost card this one replaced, if it is a replacement."""
    return db.session.execute(select(Card).where(Card.replaced_by_id == card.id)).scalar_one_or_none()
