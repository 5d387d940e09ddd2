"""Card types: the products the office sells."""

from datetime import date

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kymppi.extensions import db
from kymppi.models.course import CourseCategory

card_type_category = Table(
    "card_type_category",
    db.metadata,
    Column("card_type_id", ForeignKey("card_type.id", ondelete="CASCADE"), primary_key=True),
    Column("category_id", ForeignKey("course_category.id", ondelete="CASCADE"), primary_key=True),
)


class CardType(db.Model):
    """Rule 1: visits (default 10), a price, a validity period and eligible categories."""

    __tablename__ = "card_type"
    __table_args__ = (
        CheckConstraint("visits > 0", name="visits_positive"),
        CheckConstraint("price_cents >= 0", name="price_not_negative"),
        CheckConstraint("valid_from <= valid_until", name="validity_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    visits: Mapped[int] = mapped_column(default=10)
    price_cents: Mapped[int]
    valid_from: Mapped[date]
    valid_until: Mapped[date]
    on_sale: Mapped[bool] = mapped_column(default=True)

    categories: Mapped[list[CourseCategory]] = relationship(secondary=card_type_category)

    def __repr__(self) -> str:
        return f"<CardType {self.name}>"
