"""A real SMTP server on localhost (aiosmtpd) that keeps what it receives, or refuses one address."""

import email
import email.policy
import socket
from contextlib import contextmanager

from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 OK"


# The one address RefusingInbox turns away.
REFUSED = "refused@example.org"


class RefusingInbox(Inbox):
    """Keeps what it receives, except mail to REFUSED, which it refuses as a real server would."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == REFUSED:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server(inbox: Inbox | None = None):
    """Yield (port, inbox) of an SMTP server running for the duration of the block; a new Inbox unless given."""
    inbox = Inbox() if inbox is None else inbox
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.port, inbox
    finally:
        controller.stop()
