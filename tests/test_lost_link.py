"""The "Lost your link?" page: the links go to the address on file, and the page says the same to everyone."""

import asyncio
import logging
import re
import time
from datetime import timedelta

import pytest
import requests
from aiosmtpd.controller import Controller

from kymppi.domain.card_status import cancel_card, refund_card, suspend_card
from kymppi.domain.clock import utcnow
from kymppi.domain.contact import EMAIL_MESSAGE
from kymppi.domain.lost_link import send_card_links
from kymppi.domain.organization import opisto
from kymppi.domain.replacement import replace_card
from kymppi.domain.sales import Sale, sell_card
from kymppi.extensions import db
from kymppi.mail import SmtpSettings
from kymppi.models import Language, PaymentMethod
from tests.conftest import CSRF_RE, csrf_token
from tests.factories import TERM_END
from tests.live_server import gunicorn
from tests.mailbox import Inbox, free_port

NEUTRAL = "Jos antamaasi osoitteeseen on rekisteröity kortti, sen linkki on lähetetty."
LINK = re.compile(r"http://kymppi\.test/k/[A-Za-z0-9_-]+")
SLOW_SMTP_SECONDS = 2


@pytest.fixture
def card(make_card, todays_card_type):
    """Valid today: the page runs on the real clock."""
    return make_card(email="maija@example.org", card_type=todays_card_type)


@pytest.fixture
def sell_to(world, todays_card_type):
    """Another card for a buyer who already has one."""

    def sell(buyer_id: int):
        sale = Sale(card_type_id=todays_card_type.id, payment_method=PaymentMethod.CASH, buyer_id=buyer_id)
        return sell_card(sale, by=world.office).card

    return sell


def ask(client, email: str, address: str = "127.0.0.1"):
    """Submit the form and follow the answer, as a browser does; the mail goes out in between."""
    data = {"email": email, "csrf_token": csrf_token(client, "/k/lost")}
    return client.post("/k/lost", data=data, follow_redirects=True, environ_base={"REMOTE_ADDR": address})


def links(message) -> list[str]:
    return LINK.findall(message.get_content())


def test_get_lost_is_the_form_not_a_card_page(app, client, world):
    assert app.url_map.bind("kymppi.test").match("/k/lost") == ("card.lost_link", {})
    response = client.get("/k/lost")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'name="email"' in html and "Opiston toimisto auttaa: Testiopisto" in html


def test_a_known_email_gets_one_message_with_every_live_card(inbox, client, world, card, sell_to, make_card):
    suspended = sell_to(card.buyer_id)
    suspend_card(suspended.id, by=world.office, reason="sairaus")
    lost = sell_to(card.buyer_id)
    replacement = replace_card(lost.id, by=world.office, reason="kadonnut").card
    cancel_card(sell_to(card.buyer_id).id, by=world.office, reason="virhe")
    refund_card(sell_to(card.buyer_id).id, by=world.office, reason="muutto")
    make_card(email="someone.else@example.org")

    response = ask(client, "maija@example.org")

    assert response.status_code == 200 and NEUTRAL in response.get_data(as_text=True)
    [message] = inbox.messages
    assert message["To"] == "maija@example.org"
    assert links(message) == [f"http://kymppi.test/k/{c.secret}" for c in (card, suspended, replacement)]
    assert "Kortti on keskeytetty" in message.get_content()


@pytest.mark.parametrize(
    ("language", "subject", "phrases"),
    [
        (Language.FI, "Linkki kymppikorttiisi – Testiopisto", ["10 käyntiä jäljellä", "voimassa {fi} asti"]),
        (Language.SV, "Länken till ditt tiokort – Testiopisto", ["10 besök kvar", "till och med {fi}"]),
        (Language.EN, "The link to your ten-visit card – Testiopisto", ["10 visits left", "valid until {en}"]),
    ],
)
def test_the_message_is_in_the_buyers_language(inbox, client, make_card, todays_card_type, language, subject, phrases):
    card = make_card(email="maija@example.org", language=language, card_type=todays_card_type)
    until = card.valid_until
    dates = {"fi": f"{until.day}.{until.month}.{until.year}", "en": f"{until.day} {until:%b %Y}"}

    ask(client, "maija@example.org")

    [message] = inbox.messages
    assert message["Subject"] == subject
    body = message.get_content()
    for phrase in phrases:
        assert phrase.format(**dates) in body
    assert "Testiopisto" in body and links(message) == [f"http://kymppi.test/k/{card.secret}"]


def test_buyers_sharing_an_address_get_one_message_in_the_first_ones_language(inbox, client, make_card, card):
    other = make_card(name="Matti Meikäläinen", email="Maija@Example.org", language=Language.EN)
    ask(client, "maija@example.org")
    [message] = inbox.messages
    assert message["Subject"].startswith("Linkit kymppikortteihisi")
    assert links(message) == [f"http://kymppi.test/k/{c.secret}" for c in (card, other)]


def test_an_unknown_email_gets_the_same_page_and_no_mail(inbox, client, card):
    known = ask(client, "maija@example.org")
    unknown = ask(client, "nobody@example.org")
    assert unknown.status_code == known.status_code == 200
    assert unknown.get_data(as_text=True) == known.get_data(as_text=True)
    assert [m["To"] for m in inbox.messages] == ["maija@example.org"]


def test_case_and_surrounding_spaces_do_not_matter(inbox, client, card):
    ask(client, "  MAIJA@Example.ORG ")
    assert len(inbox.messages) == 1


def test_an_anonymised_buyer_gets_nothing(inbox, client, card):
    card.buyer.anonymized_at = utcnow()
    db.session.commit()
    assert NEUTRAL in ask(client, "maija@example.org").get_data(as_text=True)
    assert inbox.messages == []


def test_expired_cards_are_left_out(inbox, app, make_card):
    """The day the card ends it is still listed; the day after, there is nothing to send."""
    make_card(email="maija@example.org")
    settings = SmtpSettings.from_config(app.config)
    sent = [
        send_card_links(
            "maija@example.org", base_url="http://kymppi.test", settings=settings, organization=opisto(), today=day
        )
        for day in (TERM_END, TERM_END + timedelta(days=1))
    ]
    assert sent == [1, 0] and len(inbox.messages) == 1


@pytest.mark.parametrize(("typed", "error"), [("maija@", EMAIL_MESSAGE), ("", "Anna sähköpostiosoite.")])
def test_a_malformed_email_is_refused_beside_the_field(inbox, client, card, typed, error):
    response = ask(client, typed)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'<p class="error" id="email-error">{error}</p>' in html
    assert f'value="{typed}"' in html and inbox.messages == []


def test_the_form_needs_its_csrf_token(inbox, client, card):
    response = client.post("/k/lost", data={"email": "maija@example.org"})
    assert response.status_code == 400 and inbox.messages == []


def test_the_mail_goes_out_only_after_the_answer(inbox, client, card):
    """Found or not, the visitor's answer comes before any SMTP conversation, so it takes as long."""
    data = {"email": "maija@example.org", "csrf_token": csrf_token(client, "/k/lost")}
    response = client.post("/k/lost", data=data)
    assert response.status_code == 302 and response.headers["Location"] == "/k/lost/sent?lang=fi"
    assert inbox.messages == []
    response.close()
    assert len(inbox.messages) == 1


@pytest.fixture
def smtp_down(app_config):
    """A port nothing listens on; like `inbox`, requested before the app is built."""
    app_config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port())


def test_a_mail_server_that_is_down_still_gets_the_neutral_page(smtp_down, client, card, caplog):
    with caplog.at_level(logging.WARNING):
        response = ask(client, "maija@example.org")
    assert response.status_code == 200 and NEUTRAL in response.get_data(as_text=True)
    assert "SMTP send to 127.0.0.1" in caplog.text and "lost-link email could not be sent" in caplog.text
    assert "maija" not in caplog.text


@pytest.mark.parametrize("app_config", [{"LOST_LINK_LIMIT": "2 per hour"}])
def test_requests_from_one_address_are_limited(client, app_config):
    assert [ask(client, f"n{n}@example.org", "10.0.0.1").status_code for n in range(2)] == [200, 200]
    refused = ask(client, "n3@example.org", "10.0.0.1")
    assert refused.status_code == 429 and "Odota hetki" in refused.get_data(as_text=True)
    assert ask(client, "n3@example.org", "10.0.0.2").status_code == 200


@pytest.mark.parametrize("app_config", [{"LOST_LINK_EMAIL_LIMIT": "2 per day"}])
def test_requests_for_one_email_are_limited(client, app_config):
    assert [ask(client, "Maija@example.org", f"10.0.1.{n}").status_code for n in range(2)] == [200, 200]
    refused = ask(client, " maija@EXAMPLE.org", "10.0.1.9")
    assert refused.status_code == 429 and "Odota hetki" in refused.get_data(as_text=True)
    assert ask(client, "other@example.org", "10.0.1.9").status_code == 200


class SlowInbox(Inbox):
    """A mail server that takes its time, as a remote one with TLS and a login does."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(SLOW_SMTP_SECONDS)
        return await super().handle_DATA(server, session, envelope)


def test_served_by_gunicorn_a_slow_mail_server_does_not_slow_the_answer(app, card, tmp_path):
    inbox = SlowInbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        env = {"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(controller.port)}
        with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, **env) as base:
            answers = {email: _timed_post(base, email) for email in ("maija@example.org", "nobody@example.org")}
            deadline = time.monotonic() + 10
            while not inbox.messages and time.monotonic() < deadline:
                time.sleep(0.05)
    finally:
        controller.stop()
    assert all(status == 302 and seconds < SLOW_SMTP_SECONDS / 2 for status, seconds in answers.values()), answers
    assert [m["To"] for m in inbox.messages] == ["maija@example.org"]


def _timed_post(base: str, email: str) -> tuple[int, float]:
    with requests.Session() as session:
        token = CSRF_RE.search(session.get(f"{base}/k/lost").text).group(1)
        started = time.monotonic()
        response = session.post(f"{base}/k/lost", data={"email": email, "csrf_token": token}, allow_redirects=False)
        return response.status_code, time.monotonic() - started


@pytest.mark.parametrize(
    ("headers", "query", "words"),
    [
        (
            {"Accept-Language": "sv-FI,sv;q=0.9,en;q=0.5"},
            "",
            ["Har du tappat bort kortets länk?", 'lang="sv"', "E-post"],
        ),
        ({"Accept-Language": "en-GB,en;q=0.8"}, "", ["Lost your card's link?", 'lang="en"']),
        ({"Accept-Language": "de-DE"}, "", ["Hukkasitko kortin linkin?", 'lang="fi"']),
        ({"Accept-Language": "sv"}, "?lang=en", ["Lost your card's link?"]),
    ],
)
def test_the_page_speaks_the_visitors_language(client, headers, query, words):
    html = client.get(f"/k/lost{query}", headers=headers).get_data(as_text=True)
    assert all(word in html for word in words), html


def test_a_malformed_email_is_explained_in_the_visitors_language(client):
    token = csrf_token(client, "/k/lost?lang=en")
    response = client.post("/k/lost?lang=en", data={"email": "maija@", "csrf_token": token})
    assert response.status_code == 422
    assert "Check the email address, for example name@example.org." in response.get_data(as_text=True)


def test_the_answer_keeps_the_visitors_language(inbox, client, card):
    token = csrf_token(client, "/k/lost?lang=sv")
    response = client.post("/k/lost?lang=sv", data={"email": "nobody@example.org", "csrf_token": token})
    assert response.headers["Location"] == "/k/lost/sent?lang=sv"
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<html lang="sv">' in html and "Kontrollera din e-post" in html and "Försök med en annan adress" in html
