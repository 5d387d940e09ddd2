"""Check-ins (käynti): one deducted visit each, scans that were refused, and visit transfers."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kymppi.extensions import db
from kymppi.models.card import Card
from kymppi.models.course import Course
from kymppi.models.enums import CheckInSource, enum_type
from kymppi.models.user import User


class CheckIn(db.Model):
    __tablename__ = "check_in"
    __table_args__ = (
        # Rule 3 in the database: one active check-in per card and session, so
        # two processes racing on the same card can't both insert one.
        Index(
            "uq_check_in_active_session",
            "card_id",
            "course_id",
            "session_date",
            unique=True,
            sqlite_where=text("undone_at IS NULL"),
            postgresql_where=text("undone_at IS NULL"),
        ),
        Index("ix_check_in_course_session", "course_id", "session_date"),
        # A period's visits (the results report, the attendance export's courses) are a range
        # of this index, where the one above would make them read every check-in ever made.
        Index(
            "ix_check_in_active_by_date",
            "session_date",
            "course_id",
            sqlite_where=text("undone_at IS NULL"),
            postgresql_where=text("undone_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int] = mapped_column(ForeignKey("card.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"))
    session_date: Mapped[date]  # local (Europe/Helsinki) date of the course meeting
    checked_in_at: Mapped[datetime]
    checked_in_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    source: Mapped[CheckInSource] = mapped_column(enum_type(CheckInSource))
    # Set by a device (offline queue, retries) so a replayed request is recognised.
    client_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    undone_at: Mapped[datetime | None]
    undone_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id"))
    undo_reason: Mapped[str | None] = mapped_column(String(500))

    card: Mapped[Card] = relationship()
    course: Mapped[Course] = relationship()
    checked_in_by: Mapped[User] = relationship(foreign_keys=[checked_in_by_id])
    undone_by: Mapped[User | None] = relationship(foreign_keys=[undone_by_id])


class RefusedScan(db.Model):
    """A scan that took no visit, kept so a card that keeps being refused is noticed.

    Scans synced from a tablet's offline queue (source "offline") that the
    server refuses are the office's conflicts: the instructor let someone in
    on the tablet's word, and the card did not pay for it. The scanned text is
    never stored (it may be a card secret); an unknown card has no card_id.
    """

    __tablename__ = "refused_scan"
    __table_args__ = (Index("ix_refused_scan_scanned_at", "scanned_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    card_id: Mapped[int | None] = mapped_column(ForeignKey("card.id"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id"))
    session_date: Mapped[date]
    scanned_at: Mapped[datetime]
    scanned_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    source: Mapped[CheckInSource] = mapped_column(enum_type(CheckInSource))
    outcome: Mapped[str] = mapped_column(String(32))  # a CheckInOutcome value
    # The device's id for the scan, so a replay answers the same refusal and is logged once.
    client_id: Mapped[str | None] = mapped_column(String(64), unique=True)

    card: Mapped[Card | None] = relationship()
    course: Mapped[Course] = relationship()
    scanned_by: Mapped[User] = relationship()


class VisitTransfer(db.Model):
    """Rule 9: unused visits moved by the office from one card to another."""

    __tablename__ = "visit_transfer"
    __table_args__ = (CheckConstraint("visits > 0", name="visits_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    from_card_id: Mapped[int] = mapped_column(ForeignKey("card.id"), index=True)
    to_card_id: Mapped[int] = mapped_column(ForeignKey("card.id"), index=True)
    visits: Mapped[int]
    reason: Mapped[str] = mapped_column(String(500))
    transferred_by_id: Mapped[int] = mapped_column(ForeignKey("user.id"))
    transferred_at: Mapped[datetime]
