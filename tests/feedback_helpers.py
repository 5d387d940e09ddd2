"""What the feedback-round tests share: constants, an SMTP server that refuses one address, a buyer's token."""

from contextlib import contextmanager

from aiosmtpd.controller import Controller
from sqlalchemy import select

from kymppi.domain.feedback_sending import claim_invitation, mark_sent
from kymppi.extensions import db
from kymppi.models import Card, FeedbackInvitation
from tests.factories import SESSION_DAY, on
from tests.mailbox import Inbox, free_port

REFUSED = "refused@example.org"
BASE_URL = "https://kurssit.opisto.example"
AT = on(SESSION_DAY)


class RefusingInbox(Inbox):
    """Keeps what it receives, except mail to REFUSED, which it refuses as a real server would."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


@contextmanager
def refusing_server():
    inbox = RefusingInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, inbox
    finally:
        controller.stop()


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
