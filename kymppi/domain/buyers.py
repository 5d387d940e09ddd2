"""Finding buyers at the desk: by name, email, phone or card number, as the secretary types."""

import re

from sqlalchemy import func, or_, select

from kymppi.extensions import db
from kymppi.models import Buyer, Card

# Fewer characters match half the register and help nobody.
MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100


def search_buyers(query: str, *, limit: int = 10) -> list[Buyer]:
    """Buyers matching every word of `query`, newest first; anonymised buyers never.

    A word matches the name or email anywhere, a phone number ignoring spaces
    and dashes, or the start of one of the buyer's card numbers.
    """
    words = query.split()[:5]
    if len("".join(words)) < MIN_QUERY_LENGTH or len(query) > MAX_QUERY_LENGTH:
        return []
    statement = select(Buyer).where(Buyer.anonymized_at.is_(None))
    for word in words:
        statement = statement.where(_matches(word))
    return list(db.session.scalars(statement.order_by(Buyer.created_at.desc(), Buyer.id.desc()).limit(limit)))


def _matches(word: str):
    pattern = f"%{_escape(word.lower())}%"
    conditions = [
        func.lower(Buyer.name).like(pattern, escape="\\"),
        func.lower(Buyer.email).like(pattern, escape="\\"),
    ]
    digits = re.sub(r"[\s()-]", "", word)
    if len(digits) >= 3 and re.fullmatch(r"\+?\d+", digits):
        phone = func.replace(func.replace(func.replace(Buyer.phone, " ", ""), "-", ""), "+358", "0")
        conditions.append(phone.like(f"%{digits.replace('+358', '0')}%"))
    number = word.replace("-", "").upper()
    if len(number) >= 4 and number.isalnum():
        conditions.append(Buyer.id.in_(select(Card.buyer_id).where(Card.number.like(f"{number}%"))))
    return or_(*conditions)


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
