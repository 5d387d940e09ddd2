"""The term-end feedback round (palautekierros): its messages, one invitation per buyer, and the answers.

An invitation holds its buyer's answer too: one invitation, one token, one
answer, so "a second submit edits the same answer" is an UPDATE of one row
and never a race between two inserts.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kymppi.extensions import db
from kymppi.models.buyer import Buyer
from kymppi.models.course import Course
from kymppi.models.enums import Language, enum_type
from kymppi.models.term import Term
from kymppi.models.user import User

# The longest free-text answer and message body kept; the forms say so before the database must.
ANSWER_TEXT_LENGTH = 2000
MESSAGE_BODY_LENGTH = 5000


class BuyAgain(StrEnum):
    YES = "yes"
    NO = "no"
    MAYBE = "maybe"


class FeedbackRound(db.Model):
    """One round for a period; open until the office closes it, and only one open round per period."""

    __tablename__ = "feedback_round"
    __table_args__ = (
        CheckConstraint("starts_on <= ends_on", name="dates_in_order"),
        Index(
            "uq_feedback_round_open_period",
            "starts_on",
            "ends_on",
            unique=True,
            sqlite_where=text("closed_at IS NULL"),
            postgresql_where=text("closed_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    # The term picked, if the period was a term rather than a date range.
    term_id: Mapped[int | None] = mapped_column(ForeignKey("term.id"))
    started_at: Mapped[datetime]
    started_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    closed_at: Mapped[datetime | None]
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))

    term: Mapped[Term | None] = relationship()
    started_by: Mapped[User] = relationship(foreign_keys=[started_by_id])
    closed_by: Mapped[User | None] = relationship(foreign_keys=[closed_by_id])
    messages: Mapped[list["FeedbackMessage"]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="FeedbackMessage.language"
    )

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def __repr__(self) -> str:
        return f"<FeedbackRound {self.id}>"


class FeedbackMessage(db.Model):
    """The invitation's subject and body in one language, as the office edited them."""

    __tablename__ = "feedback_message"

    round_id: Mapped[int] = mapped_column(ForeignKey("feedback_round.id", ondelete="CASCADE"), primary_key=True)
    language: Mapped[Language] = mapped_column(enum_type(Language), primary_key=True)
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(String(MESSAGE_BODY_LENGTH))

    round: Mapped[FeedbackRound] = relationship(back_populates="messages")


feedback_course_mention = Table(
    "feedback_course_mention",
    db.metadata,
    Column("invitation_id", ForeignKey("feedback_invitation.id", ondelete="CASCADE"), primary_key=True),
    Column("course_id", ForeignKey("course.id", ondelete="CASCADE"), primary_key=True),
)


class FeedbackInvitation(db.Model):
    """One buyer in one round: the survey link's hash, how the sending went, and the answer.

    Sending: `claimed_at` is set by the one request that may send it (a
    conditional UPDATE), `sent_at` only after the mail server took the
    message, `failure` holds the mail server's reason in Finnish until a retry.
    Only the token's SHA-256 is stored: the link in the buyer's inbox is the
    one copy of the token.
    """

    __tablename__ = "feedback_invitation"
    __table_args__ = (
        UniqueConstraint("round_id", "buyer_id", name="uq_feedback_invitation_round_buyer"),
        CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="rating_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # No index of its own: the (round, buyer) unique constraint starts with it.
    round_id: Mapped[int] = mapped_column(ForeignKey("feedback_round.id", ondelete="CASCADE"))
    buyer_id: Mapped[int] = mapped_column(ForeignKey("buyer.id"), index=True)
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    claimed_at: Mapped[datetime | None]
    sent_at: Mapped[datetime | None]
    failure: Mapped[str | None] = mapped_column(String(200))
    answered_at: Mapped[datetime | None]
    rating: Mapped[int | None]
    good: Mapped[str | None] = mapped_column(String(ANSWER_TEXT_LENGTH))
    improve: Mapped[str | None] = mapped_column(String(ANSWER_TEXT_LENGTH))
    buy_again: Mapped[BuyAgain | None] = mapped_column(enum_type(BuyAgain))
    comment: Mapped[str | None] = mapped_column(String(ANSWER_TEXT_LENGTH))

    round: Mapped[FeedbackRound] = relationship()
    buyer: Mapped[Buyer] = relationship()
    courses: Mapped[list[Course]] = relationship(secondary=feedback_course_mention, order_by=Course.name)

    def __repr__(self) -> str:
        return f"<FeedbackInvitation {self.id}>"
