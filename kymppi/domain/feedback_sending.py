"""Sending a round's invitations in batches, each buyer at most once, whatever runs at the same time.

The round page sends a batch per request so a large round shows progress
and no request runs for minutes. For each invitation:

1. claim it: one conditional UPDATE sets `claimed_at` and a fresh token's
   hash only where it is unsent, not failed and not claimed by another
   request, so of two concurrent batches exactly one gets the row;
2. commit, and send with no transaction open while the mail server talks;
3. mark it sent only after the server took the message, or record the
   server's reason (Finnish, from kymppi.mail) and free the claim for a retry.

A batch also stops taking new invitations after BATCH_SECONDS, however
many it was asked for: a slow mail server then makes batches smaller, not
requests long enough for a proxy or a worker timeout to cut one between 2
and 3. A claim left behind by a crash there is taken again after
CLAIM_TIMEOUT (and that buyer gets a second mail, with the new link the only
one that works). Logs name invitation ids only, never a buyer or an address.
"""

import hashlib
import logging
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from enum import StrEnum

from sqlalchemy import or_, select, update

from kymppi.domain.feedback import get_round, messages_of, still_mailable
from kymppi.extensions import db
from kymppi.feedback_mail import MessageText, invitation_message
from kymppi.mail import MailError, SmtpSettings, send
from kymppi.models import Buyer, FeedbackInvitation, FeedbackRound, Language, Organization

CLAIM_TIMEOUT = timedelta(minutes=10)
# With kymppi.mail's 15 s per message at worst, a batch ends well inside nginx's and gunicorn's 30–60 s.
BATCH_SECONDS = 10.0
# 256 random bits: nothing to guess; only the SHA-256 is stored, like a password-reset token.
TOKEN_BYTES = 32
log = logging.getLogger(__name__)


class BatchOutcome(StrEnum):
    SENT = "sent"
    CLOSED = "closed"


@dataclass(frozen=True)
class BatchResult:
    outcome: BatchOutcome
    sent: int = 0
    failed: int = 0


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def survey_url(base_url: str, token: str) -> str:
    return f"{base_url}/palaute/{token}"


def _claimable(at: datetime):
    invitation = FeedbackInvitation
    return (
        invitation.sent_at.is_(None),
        invitation.failure.is_(None),
        or_(invitation.claimed_at.is_(None), invitation.claimed_at < at - CLAIM_TIMEOUT),
    )


def _open(round_id: int):
    return select(FeedbackRound.id).where(FeedbackRound.id == round_id, FeedbackRound.closed_at.is_(None))


def due_invitations(round_id: int, at: datetime, limit: int) -> list[int]:
    """Invitations a batch may try now, oldest first; their buyers checked for consent again."""
    statement = (
        select(FeedbackInvitation.id)
        .join(Buyer, Buyer.id == FeedbackInvitation.buyer_id)
        .where(FeedbackInvitation.round_id == round_id, *_claimable(at), still_mailable())
        .order_by(FeedbackInvitation.id)
        .limit(limit)
    )
    return list(db.session.scalars(statement))


def claim_invitation(invitation_id: int, round_id: int, at: datetime) -> str | None:
    """Take the invitation for this request and give it a new token; None if another request has it."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    claimed = db.session.execute(
        update(FeedbackInvitation)
        .where(
            FeedbackInvitation.id == invitation_id,
            FeedbackInvitation.round_id.in_(_open(round_id)),
            *_claimable(at),
        )
        .values(claimed_at=at, token_hash=token_hash(token))
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return token if claimed else None


def mark_sent(invitation_id: int, at: datetime) -> None:
    db.session.execute(
        update(FeedbackInvitation)
        .where(FeedbackInvitation.id == invitation_id)
        .values(sent_at=at, failure=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _mark_failed(invitation_id: int, reason: str) -> None:
    db.session.execute(
        update(FeedbackInvitation)
        .where(FeedbackInvitation.id == invitation_id, FeedbackInvitation.sent_at.is_(None))
        .values(failure=reason[: FeedbackInvitation.failure.type.length], claimed_at=None)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def send_batch(
    round_id: int,
    *,
    base_url: str,
    settings: SmtpSettings,
    organization: Organization,
    at: datetime,
    size: int,
    seconds: float = BATCH_SECONDS,
) -> BatchResult:
    """Send up to `size` due invitations of an open round for at most about `seconds`.

    A failed address doesn't stop the others.
    """
    if not get_round(round_id).is_open:
        return BatchResult(BatchOutcome.CLOSED)
    texts = messages_of(round_id)
    sent = failed = 0
    deadline = time.monotonic() + seconds
    for invitation_id in due_invitations(round_id, at, size):
        if time.monotonic() >= deadline:
            break
        token = claim_invitation(invitation_id, round_id, at)
        if token is None:
            continue
        invitation = db.session.get(FeedbackInvitation, invitation_id)
        buyer = invitation.buyer
        message = invitation_message(
            texts[buyer.language],
            name=buyer.name,
            email=buyer.email,
            link=survey_url(base_url, token),
            organization=organization,
        )
        # No transaction stays open while the mail server takes its time.
        db.session.rollback()
        try:
            send(message, settings)
        except MailError as error:
            _mark_failed(invitation_id, str(error))
            log.warning("feedback invitation %s not sent", invitation_id)
            failed += 1
            continue
        mark_sent(invitation_id, at)
        sent += 1
    log.info("feedback round %s: batch sent %d, failed %d", round_id, sent, failed)
    return BatchResult(BatchOutcome.SENT, sent, failed)


def retry_failed(round_id: int) -> int:
    """Put the failed invitations back in the queue (the office fixed an address, or the server is back).

    Only those the round page lists: a buyer who has since withdrawn stays out, and out of the count.
    """
    retried = db.session.execute(
        update(FeedbackInvitation)
        .where(
            FeedbackInvitation.round_id == round_id,
            FeedbackInvitation.round_id.in_(_open(round_id)),
            FeedbackInvitation.sent_at.is_(None),
            FeedbackInvitation.failure.is_not(None),
            FeedbackInvitation.buyer_id.in_(select(Buyer.id).where(still_mailable())),
        )
        .values(failure=None, claimed_at=None)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    return retried


# Stands in for the buyer's own token in a preview: the real one exists only in the buyer's email.
PREVIEW_LINK_TEXT = "henkilokohtainen-linkki"


def preview_message(
    round_id: int, language: Language, text: MessageText, *, base_url: str, organization: Organization
) -> EmailMessage | None:
    """The message as one real recipient of `language` would get it (any recipient if none speaks it)."""
    recipients = (
        select(Buyer)
        .join(FeedbackInvitation, FeedbackInvitation.buyer_id == Buyer.id)
        .where(FeedbackInvitation.round_id == round_id, still_mailable())
    )
    buyer = db.session.scalars(
        recipients.order_by((Buyer.language != language).asc(), FeedbackInvitation.id).limit(1)
    ).first()
    if buyer is None:
        return None
    return invitation_message(
        text,
        name=buyer.name,
        email=buyer.email,
        link=survey_url(base_url, PREVIEW_LINK_TEXT),
        organization=organization,
    )
