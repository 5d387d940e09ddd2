"""The opisto's own settings: one row, edited by the admin."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from kymppi.domain.look import DEFAULT_ACCENT
from kymppi.extensions import db

DEFAULT_ANONYMIZE_AFTER_MONTHS = 24


class Organization(db.Model):
    __tablename__ = "organization"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    business_id: Mapped[str] = mapped_column(String(20), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(254), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    privacy_notice_url: Mapped[str] = mapped_column(String(500), default="")
    # Rule 12: buyers' personal data is anonymised this long after their last card expired.
    anonymize_after_months: Mapped[int] = mapped_column(default=DEFAULT_ANONYMIZE_AFTER_MONTHS)
    # The header's and buttons' colour, #rrggbb; kymppi.domain.look refuses one white text can't be read on.
    accent_colour: Mapped[str] = mapped_column(String(7), default=DEFAULT_ACCENT, server_default=DEFAULT_ACCENT)

    @property
    def signature(self) -> str:
        """How every email to a buyer ends: the opisto's name, phone and email, each set one on its own line."""
        return "\n".join(line for line in (self.name, self.phone, self.email) if line)
