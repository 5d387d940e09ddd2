"""Card buyers: residents with no account and as little data as possible (rule 11)."""

from datetime import datetime

from sqlalchemy import CheckConstraint, String, true
from sqlalchemy.orm import Mapped, mapped_column

from kymppi.extensions import db
from kymppi.models.enums import Language, enum_type


class Buyer(db.Model):
    __tablename__ = "buyer"
    __table_args__ = (
        CheckConstraint(
            "email IS NOT NULL OR phone IS NOT NULL OR anonymized_at IS NOT NULL",
            name="reachable",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    phone: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[Language] = mapped_column(enum_type(Language), default=Language.FI)
    feedback_consent: Mapped[bool] = mapped_column(default=False)
    new_customer: Mapped[bool]
    municipality: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime]
    anonymized_at: Mapped[datetime | None]
    # The buyer's own choice, made on their card page: reminder emails on by default.
    reminders: Mapped[bool] = mapped_column(default=True, server_default=true())

    @property
    def display_name(self) -> str:
        """First name and initial ("Maija M."), the most a scan screen may show."""
        parts = self.name.split()
        if len(parts) < 2:
            return self.name
        return f"{parts[0]} {parts[-1][0]}."

    def __repr__(self) -> str:
        return f"<Buyer {self.id}>"
