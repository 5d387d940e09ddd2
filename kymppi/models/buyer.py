"""Card buyers: residents with no account and as little data as possible (rule 11)."""

from datetime import datetime

from sqlalchemy import CheckConstraint, String, Text, event, true
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
    # Name and email in lower case, kept by the ORM on every write (below): the office's
    # search matches it with the database's own LIKE. SQLite's lower() knows only ASCII,
    # and a Python lower() called per row made every search a scan of Python calls.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="", index=True)

    @property
    def display_name(self) -> str:
        """First name and initial ("Maija M."), the most a scan screen may show."""
        parts = self.name.split()
        if len(parts) < 2:
            return self.name
        return f"{parts[0]} {parts[-1][0]}."

    def __repr__(self) -> str:
        return f"<Buyer {self.id}>"


def search_text_of(name: str, email: str | None) -> str:
    """What the search matches: a line break between the parts, which no typed word contains."""
    return f"{name.lower()}\n{(email or '').lower()}"


@event.listens_for(Buyer, "before_insert")
@event.listens_for(Buyer, "before_update")
def _keep_search_text(_mapper, _connection, buyer: Buyer) -> None:
    """An anonymised buyer has nothing left to find (rule 12)."""
    buyer.search_text = "" if buyer.anonymized_at is not None else search_text_of(buyer.name, buyer.email)
