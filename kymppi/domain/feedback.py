"""Feedback rounds (palautekierros): starting one for a period, its messages, its state, closing it.

A round invites the period's buyers whom `term_buyers.contactable()` allows
and who have an email address; the invitations are made when the round
starts, one per buyer (a unique row), so nobody is mailed twice in a round.
Consenting buyers without an email are listed for the office to phone.
Sending is `feedback_sending`; the buyer's side is `feedback_answers`.
"""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import and_, case, func, select, update
from sqlalchemy.exc import IntegrityError

from kymppi.domain import audit
from kymppi.domain.errors import InvalidInput, NotFound
from kymppi.domain.periods import Period
from kymppi.domain.term_buyers import BuyerFilters, BuyerRow, contactable, term_buyers
from kymppi.domain.text import has_control_characters
from kymppi.extensions import db
from kymppi.feedback_mail import DEFAULT_TEXTS, MessageText, has_link, unknown_placeholders
from kymppi.models import Buyer, FeedbackInvitation, FeedbackMessage, FeedbackRound, Language, User
from kymppi.models.feedback import MESSAGE_BODY_LENGTH

SUBJECT_LENGTH = FeedbackMessage.subject.type.length


class StartOutcome(StrEnum):
    STARTED = "started"
    ALREADY_OPEN = "already_open"


@dataclass(frozen=True)
class StartResult:
    outcome: StartOutcome
    round_id: int


def period_of(round_: FeedbackRound) -> Period:
    return Period(round_.starts_on, round_.ends_on, round_.term)


def has_address(row: BuyerRow) -> bool:
    return bool(row.email and row.email.strip())


@dataclass(frozen=True)
class Audience:
    """Whom a round for a period would reach, before it is started."""

    mailable: int
    to_phone: int  # consent, but no email
    without_consent: int
    open_round: FeedbackRound | None


def audience(period: Period) -> Audience:
    rows = term_buyers(period, BuyerFilters(consent_only=True))
    mailable = sum(has_address(row) for row in rows.rows)
    return Audience(mailable, len(rows.rows) - mailable, rows.without_consent, open_round(period))


def open_round(period: Period) -> FeedbackRound | None:
    return db.session.scalars(
        select(FeedbackRound).where(
            FeedbackRound.starts_on == period.starts_on,
            FeedbackRound.ends_on == period.ends_on,
            FeedbackRound.closed_at.is_(None),
        )
    ).first()


def rounds() -> list[FeedbackRound]:
    return list(db.session.scalars(select(FeedbackRound).order_by(FeedbackRound.started_at.desc())))


def get_round(round_id: int) -> FeedbackRound:
    round_ = db.session.get(FeedbackRound, round_id)
    if round_ is None:
        raise NotFound(f"feedback round {round_id}")
    return round_


def start_round(period: Period, *, by: User, at: datetime) -> StartResult:
    """Open a round for `period` with the default texts and an invitation per mailable buyer.

    A period already having an open round gets that round back: two clicks on
    "start" (or two secretaries) make one round, the database's partial unique
    index deciding a race.
    """
    existing = open_round(period)
    if existing is not None:
        return StartResult(StartOutcome.ALREADY_OPEN, existing.id)
    round_ = FeedbackRound(
        starts_on=period.starts_on,
        ends_on=period.ends_on,
        term_id=period.term.id if period.term else None,
        started_at=at,
        started_by_id=by.id,
        messages=[
            FeedbackMessage(language=language, subject=text.subject, body=text.body)
            for language, text in DEFAULT_TEXTS.items()
        ],
    )
    db.session.add(round_)
    recipients = [row.buyer_id for row in term_buyers(period, BuyerFilters(consent_only=True)).rows if has_address(row)]
    try:
        db.session.flush()
        db.session.add_all(FeedbackInvitation(round_id=round_.id, buyer_id=buyer_id) for buyer_id in recipients)
        audit.record("feedback_round_started", by=by, at=at, round_id=round_.id, invited=len(recipients))
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return StartResult(StartOutcome.ALREADY_OPEN, open_round(period).id)
    return StartResult(StartOutcome.STARTED, round_.id)


def close_round(round_id: int, *, by: User, at: datetime) -> bool:
    """Close the survey: answers become read-only and nothing more is sent. False if it was closed already."""
    closed = db.session.execute(
        update(FeedbackRound)
        .where(FeedbackRound.id == round_id, FeedbackRound.closed_at.is_(None))
        .values(closed_at=at, closed_by_id=by.id)
        .execution_options(synchronize_session=False)
    ).rowcount
    if closed:
        audit.record("feedback_round_closed", by=by, at=at, round_id=round_id)
    db.session.commit()
    return bool(closed)


def message_problems(language: Language, text: MessageText) -> dict[str, str]:
    """What is wrong with one language's texts, by field ("subject", "body"), in the office's own language.

    `language` is the language of the message, not of the messages about it.
    """
    problems: dict[str, str] = {}
    subject, body = text.subject.strip(), text.body.strip()
    if not subject:
        problems["subject"] = _("Kirjoita viestin otsikko.")
    elif has_control_characters(subject) or len(subject) > SUBJECT_LENGTH:
        problems["subject"] = ngettext(
            "Otsikko on yksi rivi, enintään %(num)d merkki.",
            "Otsikko on yksi rivi, enintään %(num)d merkkiä.",
            SUBJECT_LENGTH,
        )
    if not body:
        problems["body"] = _("Kirjoita viestin teksti.")
    elif len(body) > MESSAGE_BODY_LENGTH:
        problems["body"] = ngettext("Enintään %(num)d merkki.", "Enintään %(num)d merkkiä.", MESSAGE_BODY_LENGTH)
    elif "\x00" in body:
        problems["body"] = _("Poista tekstistä erikoismerkit.")
    elif not has_link(body):
        problems["body"] = _("Lisää tekstiin {linkki}: sen paikalle tulee vastaajan oma kyselylinkki.")
    for field, value in (("subject", subject), ("body", body)):
        unknown = unknown_placeholders(value)
        if unknown and field not in problems:
            problems[field] = _(
                "Tuntematon paikkamerkki {%(placeholder)s}. Käytettävissä ovat {nimi}, {linkki} ja {opisto}.",
                placeholder=unknown[0],
            )
    return problems


def messages_of(round_id: int) -> dict[Language, MessageText]:
    round_ = get_round(round_id)
    stored = {message.language: MessageText(message.subject, message.body) for message in round_.messages}
    return {language: stored.get(language, default) for language, default in DEFAULT_TEXTS.items()}


def save_messages(round_id: int, texts: dict[Language, MessageText], *, by: User, at: datetime) -> None:
    """Store the edited texts; later batches use them. The form has shown `message_problems` already."""
    for language, text in texts.items():
        problems = message_problems(language, text)
        if problems:
            field, message = next(iter(problems.items()))
            raise InvalidInput(f"{field}_{language.value}", message)
    round_ = get_round(round_id)
    by_language = {message.language: message for message in round_.messages}
    for language, text in texts.items():
        message = by_language.get(language)
        if message is None:
            round_.messages.append(FeedbackMessage(language=language, subject="", body=""))
            message = round_.messages[-1]
        message.subject, message.body = text.subject.strip(), text.body.strip()
    audit.record("feedback_messages_edited", by=by, at=at, round_id=round_id)
    db.session.commit()


@dataclass(frozen=True)
class FailedInvitation:
    invitation_id: int
    name: str
    email: str
    reason: str


@dataclass(frozen=True)
class RoundState:
    """The counts behind the round page's progress bar, and the failures; each batch answers with them."""

    round: FeedbackRound
    invited: int
    sent: int
    failed: int
    pending: int
    # Invited, but the buyer has since withdrawn consent, lost their address or been anonymised:
    # not sent, and not listed among the failures either, so nobody fixes their address to retry.
    withdrawn: int
    answered: int
    failures: list[FailedInvitation]

    @property
    def done(self) -> int:
        return self.sent + self.failed + self.withdrawn


def still_mailable():
    """The buyer of an invitation may still be mailed: consent kept, address kept, not anonymised."""
    return and_(contactable(), Buyer.email.is_not(None), Buyer.email != "")


def failed_invitation():
    """Not sent because the mail server refused it, and still worth a retry: its buyer may still be mailed.

    A failed buyer who has since withdrawn counts as withdrawn instead, on the round page and in the results.
    """
    invitation = FeedbackInvitation
    return and_(invitation.sent_at.is_(None), invitation.failure.is_not(None), still_mailable())


def round_state(round_id: int) -> RoundState:
    round_ = get_round(round_id)
    invitation = FeedbackInvitation
    unsent = invitation.sent_at.is_(None)
    counts = db.session.execute(
        select(
            func.count(),
            func.count(invitation.sent_at),
            func.sum(case((failed_invitation(), 1), else_=0)),
            func.sum(case((and_(unsent, invitation.failure.is_(None), still_mailable()), 1), else_=0)),
            func.sum(case((and_(unsent, ~still_mailable()), 1), else_=0)),
            func.count(invitation.answered_at),
        )
        .join(Buyer, Buyer.id == invitation.buyer_id)
        .where(invitation.round_id == round_id)
    ).one()
    failures = db.session.execute(
        select(invitation.id, Buyer.name, Buyer.email, invitation.failure)
        .join(Buyer, Buyer.id == invitation.buyer_id)
        .where(invitation.round_id == round_id, failed_invitation())
        .order_by(Buyer.name, invitation.id)
    ).all()
    invited, sent, failed, pending, withdrawn, answered = (value or 0 for value in counts)
    return RoundState(
        round=round_,
        invited=invited,
        sent=sent,
        failed=failed,
        pending=pending,
        withdrawn=withdrawn,
        answered=answered,
        failures=[FailedInvitation(*row) for row in failures],
    )


def buyers_to_phone(round_: FeedbackRound) -> list[BuyerRow]:
    """The round period's consenting buyers with no email: the office calls them instead.

    Read from the buyer list, so a buyer who gave consent after the round started is on it too.
    """
    rows = term_buyers(period_of(round_), BuyerFilters(consent_only=True)).rows
    return [row for row in rows if not has_address(row)]
