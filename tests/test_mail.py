"""Email through a real SMTP server: the card message arrives whole, and failures are clear."""

import pytest

from kymppi.emails import card_message
from kymppi.extensions import db
from kymppi.mail import MailError, SmtpSettings, send
from kymppi.models import Language, Organization
from tests import pdfs
from tests.conftest import csrf_token
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


def test_an_english_buyer_gets_their_card_email_and_card_in_english(world, make_card):
    card = make_card(name="Åsa Öhman", email="asa@example.org", language=Language.EN)
    number = f"{card.number[:4]}-{card.number[4:]}"

    message = card_message(card, db.session.get(Organization, 1), BASE_URL)

    assert message["Subject"] == f"Your ten-visit card {number} – Testiopisto"
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert body.startswith(f"Hello Åsa,\n\nhere is your ten-visit card {number}. It has 10 visits and is valid ")
    assert "valid 24 Aug 2026–13 Dec 2026." in body and "The link is personal" in body
    assert body.endswith("Kind regards\nTestiopisto\n")
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == f"ten-visit-card-{number}.pdf"
    assert "Valid 24 Aug 2026–13 Dec 2026" in pdfs.text(attachment.get_content())


def test_a_swedish_secretary_sends_an_english_buyer_their_card_in_english(
    inbox, client, login, make_card, todays_card_type
):
    login(language=Language.SV)
    card = make_card(name="Åsa Öhman", email="asa@example.org", language=Language.EN, card_type=todays_card_type)
    token = csrf_token(client, f"/office/cards/{card.number}")

    assert client.post(f"/office/cards/{card.number}/email", data={"csrf_token": token}).status_code == 302

    [message] = inbox.messages
    assert message["Subject"].startswith("Your ten-visit card ")
    assert "Hello Åsa" in message.get_body(preferencelist=("plain",)).get_content()


def test_a_failed_send_is_explained_in_the_secretarys_language(app_config, client, login, make_card, todays_card_type):
    app_config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port())
    login(language=Language.EN)
    card = make_card(language=Language.SV, card_type=todays_card_type)
    token = csrf_token(client, f"/office/cards/{card.number}")

    response = client.post(f"/office/cards/{card.number}/email", data={"csrf_token": token})

    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The email could not be sent: no connection to the mail server." in page
