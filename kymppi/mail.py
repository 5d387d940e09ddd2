"""Sending email through the opisto's SMTP server, configured by SMTP_* settings.

A failed send raises MailError with a message fit to show the secretary; the
caller decides what else happens (a sale, for one, stays sold).
"""

import logging
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage

from flask_babel import gettext as _

TIMEOUT_SECONDS = 15
log = logging.getLogger(__name__)


class MailError(Exception):
    """The message could not be handed to the mail server."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    username: str = ""
    password: str = ""
    security: str = "none"  # none | starttls | ssl

    @classmethod
    def from_config(cls, config: Mapping) -> "SmtpSettings":
        return cls(
            host=config["SMTP_HOST"],
            port=int(config["SMTP_PORT"]),
            sender=config["MAIL_FROM"],
            username=config["SMTP_USERNAME"],
            password=config["SMTP_PASSWORD"],
            security=config["SMTP_SECURITY"],
        )


def send(message: EmailMessage, settings: SmtpSettings) -> None:
    if "From" not in message:
        message["From"] = settings.sender
    client = smtplib.SMTP_SSL if settings.security == "ssl" else smtplib.SMTP
    context = ssl.create_default_context()
    try:
        kwargs = {"context": context} if settings.security == "ssl" else {}
        with client(settings.host, settings.port, timeout=TIMEOUT_SECONDS, **kwargs) as smtp:
            if settings.security == "starttls":
                smtp.starttls(context=context)
            if settings.username:
                smtp.login(settings.username, settings.password)
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        # The type says enough to the IT person; the message would name the recipient.
        log.warning("SMTP send to %s:%s failed: %s", settings.host, settings.port, type(error).__name__)
        raise MailError(_in_words(error)) from error


def _in_words(error: Exception) -> str:
    """What went wrong, in the language of whoever asked for the send (the secretary's, a command's Finnish)."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return _("Sähköpostin lähetys epäonnistui: palvelin ei hyväksynyt vastaanottajan osoitetta.")
    if isinstance(error, smtplib.SMTPException):
        return _("Sähköpostin lähetys epäonnistui: sähköpostipalvelin ei hyväksynyt viestiä.")
    return _("Sähköpostin lähetys epäonnistui: sähköpostipalvelimeen ei saatu yhteyttä.")
