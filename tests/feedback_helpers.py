"""What the feedback-round tests share: constants, a buyer's token, the links in the emails."""

import re

from sqlalchemy import select

from kymppi.domain.feedback_sending import claim_invitation, mark_sent
from kymppi.extensions import db
from kymppi.models import Card, FeedbackInvitation
from tests.factories import SESSION_DAY, on

BASE_URL = "https://kurssit.opisto.example"
AT = on(SESSION_DAY)


def invite(round_id: int, card: Card) -> str:
    """The survey token `card`'s buyer would find in their email, issued as a sent batch would."""
    invitation = db.session.scalars(
        select(FeedbackInvitation).where(
            FeedbackInvitation.round_id == round_id, FeedbackInvitation.buyer_id == card.buyer_id
        )
    ).one()
    token = claim_invitation(invitation.id, round_id, AT)
    mark_sent(invitation.id, AT)
    return token


def body(message) -> str:
    """The plain text as written, without SMTP's CRLF line ends."""
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def tokens_by_address(inbox, base_url: str = BASE_URL) -> dict[str, str]:
    """Each recipient's survey token, read from the link in their email."""
    link = re.compile(re.escape(base_url) + r"/palaute/([A-Za-z0-9_-]+)")
    return {message["To"].addresses[0].addr_spec: link.findall(body(message))[0] for message in inbox.messages}
