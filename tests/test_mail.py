"""Email through a real SMTP server: the card message arrives whole, and failures are clear."""

import pytest

from kymppi.emails import card_message
from kymppi.extensions import db
from kymppi.mail import MailError, SmtpSettings, send
from kymppi.models import Organization
from tests import pdfs
from tests.mailbox import free_port, smtp_server

BASE_URL = "https://kurssit.opisto.example"


@pytest.fixture
def smtp():
    with smtp_server() as (port, inbox):
        yield SmtpSettings(host="127.0.0.1", port=port, sender="kymppi@opisto.example"), inbox


def test_card_email_carries_the_link_and_a_scannable_pdf(world, make_card, smtp):
    settings, inbox = smtp
    card = make_card(name="Åsa Öhman", email="asa@example.org")
    organization = db.session.get(Organization, 1)

    send(card_message(card, organization, BASE_URL), settings)

    [message] = inbox.messages
    link = f"{BASE_URL}/k/{card.secret}"
    assert message["To"] == "Åsa Öhman <asa@example.org>"
    assert message["From"] == "kymppi@opisto.example"
    assert "Kymppikorttisi" in message["Subject"]
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert link in body and "Hei Åsa" in body
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert [[payload for payload, _ in page] for page in pdfs.qr_codes(attachment.get_content())] == [[link]]


def test_unreachable_server_raises_a_clear_mail_error(world, make_card):
    card = make_card()
    settings = SmtpSettings(host="127.0.0.1", port=free_port(), sender="kymppi@opisto.example")
    with pytest.raises(MailError, match="Sähköpostin lähetys epäonnistui"):
        send(card_message(card, db.session.get(Organization, 1), BASE_URL), settings)


def test_settings_come_from_the_app_config(app):
    app.config.update(SMTP_HOST="smtp.opisto.example", SMTP_PORT=587, SMTP_SECURITY="starttls", MAIL_FROM="a@b.fi")
    settings = SmtpSettings.from_config(app.config)
    assert (settings.host, settings.port, settings.security, settings.sender) == (
        "smtp.opisto.example",
        587,
        "starttls",
        "a@b.fi",
    )


def test_a_buyer_without_email_gets_no_message(world, make_card):
    card = make_card(email=None, phone="+358401234567")
    with pytest.raises(ValueError, match="no email"):
        card_message(card, db.session.get(Organization, 1), BASE_URL)
