"""Reminder emails through a real SMTP server: who gets which, once, in their language; and the opt-out."""

import logging
from contextlib import contextmanager
from datetime import timedelta

import pytest

from kymppi.domain.card_status import cancel_card, refund_card, suspend_card
from kymppi.domain.clock import utcnow
from kymppi.domain.organization import opisto
from kymppi.domain.reminders import ReminderKind, send_reminders
from kymppi.domain.replacement import replace_card
from kymppi.extensions import db
from kymppi.mail import SmtpSettings
from kymppi.models import Card, Language, Organization
from tests.conftest import csrf_token
from tests.factories import SESSION_DAY, TERM_END
from tests.mailbox import REFUSED, RefusingInbox, free_port, smtp_server
from tests.rows import audit_events, reload

BASE_URL = "https://kurssit.opisto.example"
LOW, EXPIRY = ReminderKind.LOW_VISITS, ReminderKind.EXPIRY
# Twenty days before the cards of `world` expire: only the two-visits reminder can be due.
TODAY = SESSION_DAY
A_WEEK_BEFORE_END = TERM_END - timedelta(days=7)


@contextmanager
def refusing_server():
    with smtp_server(RefusingInbox()) as (port, inbox):
        yield SmtpSettings(host="127.0.0.1", port=port, sender="kymppi@opisto.example"), inbox


@pytest.fixture
def smtp():
    with smtp_server() as (port, inbox):
        yield SmtpSettings(host="127.0.0.1", port=port, sender="kymppi@opisto.example"), inbox


@pytest.fixture
def app_inbox(app_config):
    """The server `kymppi remind` sends to; request it before anything that builds the app."""
    with smtp_server() as (port, inbox):
        app_config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port)
        yield inbox


def left(card: Card, visits: int) -> Card:
    card.visits_used = card.visits_total - visits
    db.session.commit()
    return card


def remind(settings: SmtpSettings, today=TODAY):
    return send_reminders(today=today, base_url=BASE_URL, settings=settings, organization=opisto())


def body(message) -> str:
    """The plain text as written, without SMTP's CRLF line ends."""
    return message.get_body(preferencelist=("plain",)).get_content().replace("\r\n", "\n")


def counts(result) -> dict:
    return {"sent": dict(result.sent), "failed": dict(result.failed)}


def test_two_visits_left_is_reminded_once(world, make_card, smtp):
    settings, inbox = smtp
    card = left(make_card(), 2)

    assert counts(remind(settings)) == {"sent": {LOW: 1}, "failed": {}}
    assert counts(remind(settings)) == {"sent": {}, "failed": {}}
    assert counts(remind(settings, TODAY + timedelta(days=1))) == {"sent": {}, "failed": {}}

    [message] = inbox.messages
    assert message["To"] == "Maija Meikäläinen <maija@example.org>"
    assert f"{BASE_URL}/k/{card.secret}" in body(message)
    assert reload(card).low_visits_reminded_at is not None and reload(card).expiry_reminded_at is None


@pytest.mark.parametrize("days_before_end", [7, 1])
def test_a_week_before_expiry_is_reminded_once(world, make_card, smtp, days_before_end):
    settings, inbox = smtp
    card = left(make_card(), 5)
    today = TERM_END - timedelta(days=days_before_end)

    assert counts(remind(settings, today)) == {"sent": {EXPIRY: 1}, "failed": {}}
    assert counts(remind(settings, today + timedelta(days=1))) == {"sent": {}, "failed": {}}
    assert len(inbox.messages) == 1 and reload(card).expiry_reminded_at is not None


@pytest.mark.parametrize("days_before_end", [8, 0, -1], ids=["too-early", "last-day", "expired"])
def test_no_expiry_reminder_outside_the_week(world, make_card, smtp, days_before_end):
    settings, inbox = smtp
    left(make_card(), 5)
    assert counts(remind(settings, TERM_END - timedelta(days=days_before_end))) == {"sent": {}, "failed": {}}
    assert inbox.messages == []


@pytest.mark.parametrize(("visits", "reminded"), [(3, False), (2, True), (1, True), (0, False)])
def test_the_two_visits_reminder_is_for_one_or_two_left(world, make_card, smtp, visits, reminded):
    """One left too: a transfer can take a card from three straight to one."""
    settings, inbox = smtp
    left(make_card(), visits)
    remind(settings)
    assert len(inbox.messages) == int(reminded)


def test_no_expiry_reminder_for_a_used_up_card(world, make_card, smtp):
    settings, inbox = smtp
    left(make_card(), 0)
    remind(settings, A_WEEK_BEFORE_END)
    assert inbox.messages == []


def test_both_reminders_for_a_card_that_meets_both(world, make_card, smtp):
    settings, inbox = smtp
    left(make_card(), 2)
    assert counts(remind(settings, A_WEEK_BEFORE_END)) == {"sent": {LOW: 1, EXPIRY: 1}, "failed": {}}
    assert len(inbox.messages) == 2


def test_an_expired_card_gets_no_reminder(world, make_card, smtp):
    settings, inbox = smtp
    left(make_card(), 2)
    remind(settings, TERM_END + timedelta(days=1))
    assert inbox.messages == []


@pytest.mark.parametrize("change", [cancel_card, suspend_card, refund_card])
def test_a_card_out_of_use_gets_no_reminder(world, make_card, smtp, change):
    settings, inbox = smtp
    card = left(make_card(), 2)
    assert change(card.id, by=world.office, reason="Ostajan pyyntö").ok
    remind(settings)
    remind(settings, A_WEEK_BEFORE_END)
    assert inbox.messages == []


def test_a_replaced_card_is_reminded_through_its_new_card_only(world, make_card, smtp):
    settings, inbox = smtp
    old = left(make_card(), 2)
    new = replace_card(old.id, by=world.office, reason="Kadonnut").card

    remind(settings)
    [message] = inbox.messages
    assert f"/k/{new.secret}" in body(message) and old.secret not in body(message)


def test_a_replacement_keeps_the_reminders_already_sent(world, make_card, smtp):
    settings, inbox = smtp
    old = left(make_card(), 2)
    remind(settings)
    replace_card(old.id, by=world.office, reason="Kadonnut")

    remind(settings, TODAY + timedelta(days=1))
    assert len(inbox.messages) == 1


@pytest.mark.parametrize(
    "buyer",
    [{"email": None, "phone": "040 123 4567"}, {"email": "", "phone": "040 123 4567"}],
    ids=["no-email", "empty-email"],
)
def test_a_buyer_without_email_gets_nothing(world, make_card, smtp, buyer):
    settings, inbox = smtp
    left(make_card(**buyer), 2)
    remind(settings)
    assert inbox.messages == []


@pytest.mark.parametrize("change", ["reminders_off", "anonymised"])
def test_an_opted_out_or_anonymised_buyer_gets_nothing(world, make_card, smtp, change):
    settings, inbox = smtp
    card = left(make_card(), 2)
    if change == "reminders_off":
        card.buyer.reminders = False
    else:
        card.buyer.anonymized_at = utcnow()
    db.session.commit()

    remind(settings)
    remind(settings, A_WEEK_BEFORE_END)
    assert inbox.messages == [] and reload(card).low_visits_reminded_at is None


LANGUAGES = {
    Language.FI: ("Kymppikortillasi on 2 käyntiä jäljellä", "Kymppikorttisi vanhenee 13.12.2026", "lopettaa"),
    Language.SV: ("Ditt tiokort har 2 besök kvar", "Ditt tiokort går ut 13.12.2026", "stänga av"),
    Language.EN: (
        "Your ten-visit card has 2 visits left",
        "Your ten-visit card expires on 13 Dec 2026",
        "turn them off",
    ),
}


@pytest.mark.parametrize("language", list(Language))
def test_the_reminders_speak_the_buyers_language(world, make_card, smtp, language):
    settings, inbox = smtp
    card = left(make_card(name="Åsa Öhman", email="asa@example.org", language=language), 2)
    db.session.get(Organization, 1).phone = "09 123 4567"
    db.session.commit()

    remind(settings, A_WEEK_BEFORE_END)

    low_subject, expiry_subject, opt_out = LANGUAGES[language]
    low, expiry = inbox.messages
    assert low["Subject"] == f"{low_subject} – Testiopisto"
    assert expiry["Subject"] == f"{expiry_subject} – Testiopisto"
    number = f"{card.number[:4]}-{card.number[4:]}"
    for message in (low, expiry):
        text = body(message)
        assert f"{BASE_URL}/k/{card.secret}" in text and number in text and "Åsa" in text
        assert opt_out in text and "Testiopisto\n09 123 4567\n" in text
    assert ("13 Dec 2026" if language is Language.EN else "13.12.2026") in body(low)


def test_one_visit_left_is_said_in_the_singular(world, make_card, smtp):
    settings, inbox = smtp
    left(make_card(language=Language.EN), 1)
    remind(settings)
    [message] = inbox.messages
    assert "has 1 visit left" in message["Subject"] and "has only 1 visit left" in body(message)


def test_a_refused_recipient_leaves_that_card_unmarked_and_the_others_sent(world, make_card, caplog):
    refused = left(make_card(name="Risto Reppana", email=REFUSED), 2)
    accepted = left(make_card(), 2)
    caplog.set_level(logging.INFO)

    with refusing_server() as (settings, inbox):
        assert counts(remind(settings)) == {"sent": {LOW: 1}, "failed": {LOW: 1}}
    assert [m["To"] for m in inbox.messages] == ["Maija Meikäläinen <maija@example.org>"]
    assert reload(refused).low_visits_reminded_at is None and reload(accepted).low_visits_reminded_at is not None
    ours = " ".join(r.getMessage() for r in caplog.records if r.name.startswith("kymppi"))
    assert "not sent" in ours and all(personal not in ours for personal in (REFUSED, "Risto", "maija"))

    with smtp_server() as (port, inbox):
        retry = remind(SmtpSettings(host="127.0.0.1", port=port, sender="k@opisto.example"), TODAY + timedelta(days=1))
    assert counts(retry) == {"sent": {LOW: 1}, "failed": {}}
    assert [m["To"] for m in inbox.messages] == [f"Risto Reppana <{REFUSED}>"]


def test_no_mail_server_marks_nothing(world, make_card):
    card = left(make_card(), 2)
    settings = SmtpSettings(host="127.0.0.1", port=free_port(), sender="kymppi@opisto.example")
    assert counts(remind(settings, A_WEEK_BEFORE_END)) == {"sent": {}, "failed": {LOW: 1, EXPIRY: 1}}
    assert (reload(card).low_visits_reminded_at, reload(card).expiry_reminded_at) == (None, None)


def test_the_command_sends_as_of_the_date_given(app_inbox, runner, world, make_card):
    left(make_card(), 5)
    early = runner.invoke(args=["remind", "--date", "2026-11-23"])
    assert early.exit_code == 0, early.output
    assert "Expires within a week: 0 sent, 0 failed" in early.output and app_inbox.messages == []

    result = runner.invoke(args=["remind", "--date", A_WEEK_BEFORE_END.isoformat()])
    assert result.exit_code == 0, result.output
    assert "Two visits left: 0 sent, 0 failed\nExpires within a week: 1 sent, 0 failed\n" == result.output
    [message] = app_inbox.messages
    assert "http://kymppi.test/k/" in body(message)


def test_the_command_runs_as_of_today_by_default(app_inbox, runner, world, make_card, todays_card_type):
    left(make_card(card_type=todays_card_type), 2)
    result = runner.invoke(args=["remind"])
    assert result.exit_code == 0, result.output
    assert "Two visits left: 1 sent, 0 failed" in result.output and len(app_inbox.messages) == 1


def test_the_command_refuses_a_date_written_otherwise(runner, world):
    result = runner.invoke(args=["remind", "--date", "23.11.2026"])
    assert result.exit_code == 2 and "23.11.2026" in result.output


def test_the_command_exits_1_when_a_send_failed(app_config, runner, world, make_card):
    app_config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port())
    left(make_card(), 2)
    result = runner.invoke(args=["remind", "--date", TODAY.isoformat()])
    assert result.exit_code == 1 and "Two visits left: 0 sent, 1 failed" in result.output


def choose(client, card, choice: str, *, token: bool = True):
    data = {"reminders": choice} | ({"csrf_token": csrf_token(client, f"/k/{card.secret}")} if token else {})
    return client.post(f"/k/{card.secret}/reminders", data=data)


def test_the_buyer_turns_reminders_off_and_on_from_the_card_page(client, world, make_card, smtp):
    card = make_card()
    assert "Älä lähetä muistutuksia" in client.get(f"/k/{card.secret}").get_data(as_text=True)

    response = choose(client, card, "off")
    assert response.status_code == 302 and response.headers["Location"] == f"/k/{card.secret}"
    assert reload(card).buyer.reminders is False
    page = client.get(f"/k/{card.secret}").get_data(as_text=True)
    assert "Muistutuksia ei enää lähetetä" in page and "Lähetä muistutukset" in page
    [event] = audit_events("reminders_turned_off")
    assert event.card_id == card.id and event.actor_id is None and "maija" not in str(event.details).lower()

    left(card, 2)
    settings, inbox = smtp
    remind(settings)
    assert inbox.messages == []

    assert choose(client, card, "on").status_code == 302 and reload(card).buyer.reminders is True
    assert [e.card_id for e in audit_events("reminders_turned_on")] == [card.id]
    remind(settings)
    assert len(inbox.messages) == 1


def test_choosing_the_current_setting_again_logs_nothing(client, world, make_card):
    card = make_card()
    assert choose(client, card, "on").status_code == 302
    assert audit_events("reminders_turned_on") == []


def test_the_choice_needs_the_csrf_token_and_a_known_value(client, world, make_card):
    card = make_card()
    assert choose(client, card, "off", token=False).status_code == 400
    assert choose(client, card, "never").status_code == 400
    assert reload(card).buyer.reminders is True


def test_an_unknown_or_revoked_secret_is_not_found(client, world, make_card):
    card = make_card()
    token = csrf_token(client, f"/k/{card.secret}")
    replace_card(card.id, by=world.office, reason="Kadonnut")
    for secret in (card.secret, "x" * 32):
        response = client.post(f"/k/{secret}/reminders", data={"reminders": "off", "csrf_token": token})
        assert response.status_code == 404
    assert reload(card).buyer.reminders is True


def test_a_buyer_without_email_is_offered_no_reminders(client, world, make_card):
    card = make_card(email=None, phone="040 123 4567")
    assert "reminders-heading" not in client.get(f"/k/{card.secret}").get_data(as_text=True)


def test_the_command_writes_each_buyer_their_own_language(app_inbox, runner, world, make_card):
    """No request to take a language from: each message is written in its buyer's."""
    left(make_card(name="Åsa Öhman", email="asa@example.org", language=Language.SV), 1)
    left(make_card(name="John Smith", email="john@example.org", language=Language.EN), 1)

    assert runner.invoke(args=["remind", "--date", A_WEEK_BEFORE_END.isoformat()]).exit_code == 0

    # The expiry reminders, whose subject names the last day (each card also got the two-visits one).
    expiry = {message["To"]: body(message) for message in app_inbox.messages if "2026 –" in message["Subject"]}
    swedish, english = expiry["Åsa Öhman <asa@example.org>"], expiry["John Smith <john@example.org>"]
    assert swedish.startswith("Hej Åsa,") and "har ännu 1 besök oanvänt. Använd det innan kortet går ut." in swedish
    assert english.startswith("Hello John,") and "Kind regards\nTestiopisto" in english
    assert "is valid until 13 Dec 2026 and still has 1 visit unused. Use it before the card expires." in english
