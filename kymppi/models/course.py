"""Courses, their categories and who teaches them."""

from datetime import time

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kymppi.extensions import db
from kymppi.models.term import Term
from kymppi.models.user import User

course_instructor = Table(
    "course_instructor",
    db.metadata,
    Column("course_id", ForeignKey("course.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
)


class CourseCategory(db.Model):
    """A subject area from the registration system, e.g. "liikunta" or "tanssi"."""

    __tablename__ = "course_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))


class Course(db.Model):
    """A course that meets weekly; one meeting (course + local date) is a session."""

    __tablename__ = "course"
    __table_args__ = (
        CheckConstraint("weekday BETWEEN 0 AND 6", name="weekday_range"),
        CheckConstraint("card_cap IS NULL OR card_cap >= 0", name="card_cap_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    category_id: Mapped[int] = mapped_column(ForeignKey("course_category.id"))
    term_id: Mapped[int] = mapped_column(ForeignKey("term.id"))
    # Rule 2: only full-price sport and dance courses are marked to accept cards.
    accepts_cards: Mapped[bool] = mapped_column(default=False)
    weekday: Mapped[int]  # 0 = Monday, as datetime.date.weekday()
    starts_at: Mapped[time]
    ends_at: Mapped[time]
    place: Mapped[str] = mapped_column(String(200), default="")
    # Rule 8: optional maximum of card holders per session; None means no cap.
    card_cap: Mapped[int | None]

    category: Mapped[CourseCategory] = relationship()
    term: Mapped[Term] = relationship()
    instructors: Mapped[list[User]] = relationship(secondary=course_instructor)

    def __repr__(self) -> str:
        return f"<Course {self.code}>"
