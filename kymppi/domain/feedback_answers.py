"""The buyer's side of a round: finding the invitation by its token, the courses to ask about, the answer.

The token is all a buyer has, so it is all that is asked: no login. One
invitation holds one answer; saving again overwrites it, until the round
closes. The "still open" check is part of the UPDATE itself, so an answer
sent as the office clicks "close" is either saved before or refused after.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import delete, insert, select, update

from kymppi.domain.errors import InvalidInput
from kymppi.domain.feedback_sending import token_hash
from kymppi.domain.text import has_stray_control_characters
from kymppi.extensions import db
from kymppi.models import BuyAgain, Card, CheckIn, Course, FeedbackInvitation, FeedbackRound, Term
from kymppi.models.feedback import ANSWER_TEXT_LENGTH, feedback_course_mention

# What secrets.token_urlsafe makes, with room to spare; anything else is looked up no further.
_TOKEN = re.compile(r"[A-Za-z0-9_-]{16,100}")


class AnswerOutcome(StrEnum):
    SAVED = "saved"
    CLOSED = "closed"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Answer:
    rating: int
    course_ids: list[int] = field(default_factory=list)
    good: str = ""
    improve: str = ""
    buy_again: BuyAgain | None = None
    comment: str = ""


@dataclass(frozen=True)
class CourseChoice:
    id: int
    name: str
    attended: bool


def invitation_for_token(token: str) -> FeedbackInvitation | None:
    if not _TOKEN.fullmatch(token):
        return None
    return db.session.scalars(
        select(FeedbackInvitation).where(FeedbackInvitation.token_hash == token_hash(token))
    ).first()


def course_choices(invitation: FeedbackInvitation) -> list[CourseChoice]:
    """The period's card-accepting courses, those the buyer attended first (each group by name)."""
    round_ = invitation.round
    courses = db.session.scalars(
        select(Course)
        .join(Term, Term.id == Course.term_id)
        .where(Course.accepts_cards.is_(True), Term.starts_on <= round_.ends_on, Term.ends_on >= round_.starts_on)
        .order_by(Course.name, Course.id)
    ).all()
    attended = set(
        db.session.scalars(
            select(CheckIn.course_id)
            .join(Card, Card.id == CheckIn.card_id)
            .where(
                Card.buyer_id == invitation.buyer_id,
                CheckIn.undone_at.is_(None),
                CheckIn.session_date.between(round_.starts_on, round_.ends_on),
            )
        )
    )
    choices = [CourseChoice(course.id, course.name, course.id in attended) for course in courses]
    return sorted(choices, key=lambda choice: not choice.attended)


def _checked(answer: Answer, offered: set[int]) -> None:
    """The form refuses all of this in the buyer's language first; this is the last line."""
    if not 1 <= answer.rating <= 5:
        raise InvalidInput("rating", "rating out of range")
    for name in ("good", "improve", "comment"):
        value = getattr(answer, name)
        if len(value) > ANSWER_TEXT_LENGTH or has_stray_control_characters(value):
            raise InvalidInput(name, "text too long or with control characters")
    if not set(answer.course_ids) <= offered:
        raise InvalidInput("courses", "a course not offered")


def save_answer(token: str, answer: Answer, *, at: datetime) -> AnswerOutcome:
    invitation = invitation_for_token(token)
    if invitation is None:
        return AnswerOutcome.UNKNOWN
    _checked(answer, {choice.id for choice in course_choices(invitation)})
    invitation_id = invitation.id
    db.session.rollback()
    still_open = select(FeedbackRound.id).where(FeedbackRound.closed_at.is_(None))
    saved = db.session.execute(
        update(FeedbackInvitation)
        .where(FeedbackInvitation.id == invitation_id, FeedbackInvitation.round_id.in_(still_open))
        .values(
            answered_at=at,
            rating=answer.rating,
            good=answer.good.strip() or None,
            improve=answer.improve.strip() or None,
            buy_again=answer.buy_again,
            comment=answer.comment.strip() or None,
        )
        .execution_options(synchronize_session=False)
    ).rowcount
    if not saved:
        db.session.rollback()
        return AnswerOutcome.CLOSED
    # The row is locked by the UPDATE above, so a second submit waits to replace the courses after this one.
    db.session.execute(delete(feedback_course_mention).where(feedback_course_mention.c.invitation_id == invitation_id))
    if answer.course_ids:
        db.session.execute(
            insert(feedback_course_mention),
            [{"invitation_id": invitation_id, "course_id": course_id} for course_id in sorted(set(answer.course_ids))],
        )
    db.session.commit()
    return AnswerOutcome.SAVED
