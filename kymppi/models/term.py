"""Terms (lukukausi) and the academic year they belong to."""

from datetime import date

from sqlalchemy import CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from kymppi.extensions import db
from kymppi.models.enums import TermKind, enum_type


class Term(db.Model):
    __tablename__ = "term"
    __table_args__ = (CheckConstraint("starts_on <= ends_on", name="dates_in_order"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    kind: Mapped[TermKind] = mapped_column(enum_type(TermKind))
    academic_year: Mapped[str] = mapped_column(String(9))  # "2026-2027"
    starts_on: Mapped[date]
    ends_on: Mapped[date]

    def __repr__(self) -> str:
        return f"<Term {self.name}>"
