"""What a feedback round found, as plain values: for the office's results page, its CSV, the dashboard and the PDF.

Answers are reported without names: management decides about the card, not
about people, and the free text is what the buyers wrote, nothing added.
The response rate is of the invitations that were sent (a failed address
never had the chance to answer).
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from kymppi.domain.feedback import failed_invitation, get_round
from kymppi.domain.periods import Period
from kymppi.extensions import db
from kymppi.models import BuyAgain, Buyer, Course, FeedbackInvitation, FeedbackRound
from kymppi.models.feedback import feedback_course_mention

RATINGS = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class AnswerRow:
    answered_at: datetime
    rating: int
    courses: list[str]
    good: str | None
    improve: str | None
    buy_again: BuyAgain | None
    comment: str | None


@dataclass(frozen=True)
class CourseMentions:
    course: str
    mentions: int


@dataclass(frozen=True)
class FeedbackResults:
    round_id: int
    starts_on: date
    ends_on: date
    term_name: str | None
    closed_at: datetime | None
    invited: int
    sent: int
    failed: int
    answered: int
    rating_average: float | None
    # Every rating 1–5 and every buy-again choice is a key, counted 0 when nobody chose it.
    rating_counts: dict[int, int]
    buy_again_counts: dict[BuyAgain, int]
    buy_again_unanswered: int
    course_mentions: list[CourseMentions]
    answers: list[AnswerRow]

    @property
    def response_rate(self) -> float | None:
        """Answers per sent invitation, 0–1; None before anything was sent."""
        return self.answered / self.sent if self.sent else None


def round_for_period(period: Period) -> int | None:
    """The period's latest round, open or closed: the one a term report shows."""
    return db.session.scalar(
        select(FeedbackRound.id)
        .where(FeedbackRound.starts_on == period.starts_on, FeedbackRound.ends_on == period.ends_on)
        .order_by(FeedbackRound.started_at.desc(), FeedbackRound.id.desc())
        .limit(1)
    )


def round_results(round_id: int) -> FeedbackResults:
    """The round's figures and answers; raises NotFound for an unknown round."""
    round_ = get_round(round_id)
    invitation = FeedbackInvitation
    invited, sent, failed = db.session.execute(
        select(
            func.count(),
            func.count(invitation.sent_at),
            func.coalesce(func.sum(case((failed_invitation(), 1), else_=0)), 0),
        )
        .join(Buyer, Buyer.id == invitation.buyer_id)
        .where(invitation.round_id == round_id)
    ).one()
    answers = list(
        db.session.scalars(
            select(invitation)
            .where(invitation.round_id == round_id, invitation.answered_at.is_not(None))
            .options(selectinload(invitation.courses))
            .order_by(invitation.answered_at, invitation.id)
        )
    )
    mentions = db.session.execute(
        select(Course.name, func.count())
        .select_from(feedback_course_mention)
        .join(Course, Course.id == feedback_course_mention.c.course_id)
        .join(invitation, invitation.id == feedback_course_mention.c.invitation_id)
        .where(invitation.round_id == round_id, invitation.answered_at.is_not(None))
        .group_by(Course.id, Course.name)
        .order_by(func.count().desc(), Course.name)
    ).all()
    ratings = [answer.rating for answer in answers]
    return FeedbackResults(
        round_id=round_.id,
        starts_on=round_.starts_on,
        ends_on=round_.ends_on,
        term_name=round_.term.name if round_.term else None,
        closed_at=round_.closed_at,
        invited=invited,
        sent=sent,
        # Still unsent and worth a retry, as the round page counts them.
        failed=failed,
        answered=len(answers),
        rating_average=sum(ratings) / len(ratings) if ratings else None,
        rating_counts={rating: ratings.count(rating) for rating in RATINGS},
        buy_again_counts={choice: sum(a.buy_again is choice for a in answers) for choice in BuyAgain},
        buy_again_unanswered=sum(a.buy_again is None for a in answers),
        course_mentions=[CourseMentions(name, count) for name, count in mentions],
        answers=[
            AnswerRow(
                answered_at=answer.answered_at,
                rating=answer.rating,
                courses=[course.name for course in answer.courses],
                good=answer.good,
                improve=answer.improve,
                buy_again=answer.buy_again,
                comment=answer.comment,
            )
            for answer in answers
        ],
    )
