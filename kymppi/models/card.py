"""Sold cards and their receipts."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kymppi.extensions import db
from kymppi.models.buyer import Buyer
from kymppi.models.card_type import CardType
from kymppi.models.enums import CardStatus, PaymentMethod, enum_type
from kymppi.models.user import User


class Card(db.Model):
    """One sold card.

    `visits_used` counts the card's active check-ins. The CHECK constraint is
    the last line of rule 4: whatever the application does, the database never
    stores more used visits than the card has.
    """

    __tablename__ = "card"
    __table_args__ = (
        CheckConstraint("visits_used >= 0 AND visits_used <= visits_total", name="visits_in_range"),
        CheckConstraint("price_cents >= 0", name="price_not_negative"),
        CheckConstraint("valid_from <= valid_until", name="validity_in_order"),
        # The office's card list opens newest sale first: with this its page is 50 rows of the
        # index, not a sort of every card ever sold; the results report's sales by date use it too.
        Index("ix_card_sold_at", "sold_at", "id"),
        # Who had a card valid in a period (the term's buyer list, its exports, the feedback
        # round): the period's cards and their buyers from the index alone, not every card.
        Index("ix_card_validity", "valid_until", "valid_from", "buyer_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(16), unique=True)
    secret: Mapped[str] = mapped_column(String(64), unique=True)
    card_type_id: Mapped[int] = mapped_column(ForeignKey("card_type.id"))
    buyer_id: Mapped[int] = mapped_column(ForeignKey("buyer.id"), index=True)
    status: Mapped[CardStatus] = mapped_column(enum_type(CardStatus), default=CardStatus.ACTIVE)
    status_reason: Mapped[str | None] = mapped_column(String(500))
    visits_total: Mapped[int]
    visits_used: Mapped[int] = mapped_column(default=0)
    valid_from: Mapped[date]
    valid_until: Mapped[date]
    suspended_on: Mapped[date | None]
    price_cents: Mapped[int]
    refunded_cents: Mapped[int | None]
    payment_method: Mapped[PaymentMethod] = mapped_column(enum_type(PaymentMethod))
    payment_reference: Mapped[str | None] = mapped_column(String(100))
    sold_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    sold_at: Mapped[datetime]
    # A double-submitted sale form carries the same key and sells nothing twice.
    sale_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    # Indexed: every card page asks which card this one replaced.
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("card.id"), index=True)
    # When `kymppi remind` emailed each reminder: set only after the mail server took it, so each goes once.
    low_visits_reminded_at: Mapped[datetime | None]
    expiry_reminded_at: Mapped[datetime | None]

    card_type: Mapped[CardType] = relationship()
    buyer: Mapped[Buyer] = relationship()
    sold_by: Mapped[User] = relationship()
    replaced_by: Mapped["Card | None"] = relationship(remote_side=[id])
    receipt: Mapped["Receipt | None"] = relationship(back_populates="card")

    @property
    def visits_left(self) -> int:
        return self.visits_total - self.visits_used

    def __repr__(self) -> str:
        return f"<Card {self.number} {self.status}>"


class Receipt(db.Model):
    """Rule 10: receipts are numbered 1, 2, 3… anew each calendar year."""

    __tablename__ = "receipt"
    __table_args__ = (UniqueConstraint("year", "number", name="uq_receipt_year_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    number: Mapped[int]
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id"), unique=True)
    amount_cents: Mapped[int]
    issued_at: Mapped[datetime]

    card: Mapped[Card] = relationship(back_populates="receipt")

    @property
    def label(self) -> str:
        return f"{self.year}-{self.number:05d}"


class ReceiptCounter(db.Model):
    """The last receipt number used in a year; its row lock hands out numbers one at a time."""

    __tablename__ = "receipt_counter"

    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last_number: Mapped[int]
