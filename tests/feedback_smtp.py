"""A real SMTP server that refuses one address, and the constants the feedback-round tests share."""

from contextlib import contextmanager

from aiosmtpd.controller import Controller

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
