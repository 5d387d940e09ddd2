"""A feedback round through a real SMTP server: who is mailed, once each, in their language; failures; closing."""

import asyncio
import re
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from kymppi.domain.feedback import StartOutcome, buyers_to_phone, close_round, round_state, save_messages, start_round
from kymppi.domain.feedback_answers import invitation_for_token
from kymppi.domain.feedback_results import round_results
from kymppi.domain.feedback_sending import CLAIM_TIMEOUT, BatchOutcome, claim_invitation, retry_failed, send_batch
from kymppi.domain.organization import opisto
from kymppi.extensions import db
from kymppi.feedback_mail import MessageText
from kymppi.mail import SmtpSettings
from kymppi.models import FeedbackInvitation, Language
from tests.concurrency import THREADS_POOL, run_at_once
from tests.feedback_helpers import AT, BASE_URL, body
from tests.mailbox import REFUSED, Inbox, RefusingInbox, smtp_server
from tests.rows import audit_events, count

pytest_plugins = ["tests.feedback_fixtures"]
LINK = re.compile(re.escape(BASE_URL) + r"/palaute/([A-Za-z0-9_-]+)")


def send(round_id, settings, *, size=50, at=AT, **options):
    return send_batch(
        round_id, base_url=BASE_URL, settings=settings, organization=opisto(), at=at, size=size, **options
    )


def recipients(inbox) -> list[str]:
    return sorted(message["To"].addresses[0].addr_spec for message in inbox.messages)


def test_each_consenting_buyer_is_mailed_once_in_their_language(smtp, buyers, round_id):
    settings, inbox = smtp
    result = send(round_id, settings)

    assert (result.outcome, result.sent, result.failed) == (BatchOutcome.SENT, 3, 1)
    assert recipients(inbox) == ["anna@example.org", "john@example.org", "maija@example.org"]
    by_address = {message["To"].addresses[0].addr_spec: message for message in inbox.messages}
    assert by_address["maija@example.org"]["Subject"] == "Miten kymppikortti toimi? – Testiopisto"
    assert body(by_address["maija@example.org"]).startswith("Hei Maija,\n\nkiitos, että kokeilit kymppikorttia.")
    assert by_address["anna@example.org"]["Subject"] == "Hur fungerade tiokortet? – Testiopisto"
    assert by_address["john@example.org"]["Subject"].startswith("How did the ten-visit card work")
    # Each link is the buyer's own, and it finds their invitation.
    for address, card in (("maija@example.org", buyers.maija), ("anna@example.org", buyers.anna)):
        [token] = LINK.findall(body(by_address[address]))
        assert len(token) >= 22 and invitation_for_token(token).buyer_id == card.buyer_id


def test_the_token_is_stored_only_as_its_hash(smtp, buyers, round_id):
    settings, inbox = smtp
    send(round_id, settings)
    tokens = [LINK.findall(body(message))[0] for message in inbox.messages]
    stored = set(db.session.scalars(select(FeedbackInvitation.token_hash)))
    assert not set(tokens) & stored
    assert all(len(hash_) == 64 for hash_ in stored if hash_)


def test_no_consent_anonymised_and_phone_only_are_never_mailed(smtp, buyers, round_id):
    settings, inbox = smtp
    send(round_id, settings)
    state = round_state(round_id)
    assert state.invited == 4  # maija, anna, john and the refused address
    assert {"matti@example.org", "ghost@example.org"}.isdisjoint(recipients(inbox))
    (to_phone,) = buyers_to_phone(state.round)
    assert (to_phone.name, to_phone.phone) == ("Pekka Puhelin", "+358401234567")


def test_a_second_send_mails_nobody_again(smtp, buyers, round_id):
    settings, inbox = smtp
    send(round_id, settings)
    again = send(round_id, settings)
    assert (again.sent, again.failed) == (0, 0)
    assert len(inbox.messages) == 3


def test_batches_add_up_and_the_counts_follow(smtp, buyers, round_id):
    settings, _ = smtp
    first = send(round_id, settings, size=2)
    state = round_state(round_id)
    assert first.sent + first.failed == 2
    assert (state.invited, state.sent + state.failed, state.pending) == (4, 2, 2)
    send(round_id, settings, size=2)
    state = round_state(round_id)
    assert (state.sent, state.failed, state.pending, state.done) == (3, 1, 0, 4)


def test_a_refused_address_is_listed_with_the_reason_and_can_be_retried(smtp, buyers, round_id, caplog):
    settings, _ = smtp
    with caplog.at_level("INFO"):
        send(round_id, settings)
    [failure] = round_state(round_id).failures
    assert (failure.name, failure.email) == ("Riku Rikki", REFUSED)
    assert failure.reason == "Sähköpostin lähetys epäonnistui: palvelin ei hyväksynyt vastaanottajan osoitetta."
    # Our log names ids only (the test server's own log is not ours).
    ours = "\n".join(record.getMessage() for record in caplog.records if record.name.startswith("kymppi"))
    assert "not sent" in ours
    assert REFUSED not in ours and "Riku" not in ours

    assert send(round_id, settings).failed == 0  # a failure waits for the office's retry
    assert retry_failed(round_id) == 1
    assert round_state(round_id).failures == []
    assert send(round_id, settings).failed == 1  # still refused, listed again
    assert len(round_state(round_id).failures) == 1


def test_an_unreachable_server_fails_every_address_and_a_retry_sends_them(world, buyers, period):
    with smtp_server() as (port, inbox):
        round_id = start_round(period, by=world.office, at=AT).round_id
        dead = SmtpSettings(host="127.0.0.1", port=1, sender="kymppi@opisto.example")
        assert send(round_id, dead).failed == 4
        assert retry_failed(round_id) == 4
        live = SmtpSettings(host="127.0.0.1", port=port, sender="kymppi@opisto.example")
        assert send(round_id, live).sent == 4
        assert len(inbox.messages) == 4


@pytest.mark.parametrize("app_config", [dict(THREADS_POOL)])
def test_concurrent_sends_mail_each_buyer_once(app, world, make_card, period):
    with smtp_server(RefusingInbox()) as (port, inbox):
        for n in range(12):
            make_card(name=f"Ostaja {n}", email=f"buyer{n}@example.org", feedback_consent=True)
        round_id = start_round(period, by=world.office, at=AT).round_id
        settings = SmtpSettings(host="127.0.0.1", port=port, sender="kymppi@opisto.example")
        results = run_at_once(app, 6, lambda i: send(round_id, settings, size=12))

        assert sum(result.sent for result in results) == 12
        assert sorted(recipients(inbox)) == sorted(f"buyer{n}@example.org" for n in range(12))
        assert round_state(round_id).sent == 12


def test_one_open_round_per_period(world, buyers, period, round_id):
    again = start_round(period, by=world.office, at=AT)
    assert (again.outcome, again.round_id) == (StartOutcome.ALREADY_OPEN, round_id)
    assert close_round(round_id, by=world.office, at=AT + timedelta(days=1))
    next_round = start_round(period, by=world.office, at=AT + timedelta(days=2))
    assert next_round.outcome is StartOutcome.STARTED and next_round.round_id != round_id


def test_a_closed_round_sends_nothing_and_is_audited(smtp, world, buyers, round_id):
    settings, inbox = smtp
    assert close_round(round_id, by=world.office, at=AT)
    assert not close_round(round_id, by=world.office, at=AT)
    assert send(round_id, settings).outcome is BatchOutcome.CLOSED
    assert inbox.messages == []
    [started] = audit_events("feedback_round_started")
    [closed] = audit_events("feedback_round_closed")
    assert started.actor_id == closed.actor_id == world.office.id
    assert started.details == {"round_id": round_id, "invited": 4}


def test_edited_texts_are_what_the_buyers_get(smtp, world, buyers, round_id):
    settings, inbox = smtp
    texts = {
        Language.FI: MessageText("Palautetta, {nimi}?", "Moi {nimi}! {opisto} kysyy: {linkki}"),
        Language.SV: MessageText("Respons?", "Hej {name}: {link}"),
        Language.EN: MessageText("Feedback?", "Hi {name}: {link}"),
    }
    save_messages(round_id, texts, by=world.office, at=AT)
    send(round_id, settings)
    by_address = {message["To"].addresses[0].addr_spec: message for message in inbox.messages}
    assert by_address["maija@example.org"]["Subject"] == "Palautetta, Maija?"
    assert body(by_address["maija@example.org"]).startswith("Moi Maija! Testiopisto kysyy: https://")
    assert body(by_address["anna@example.org"]).startswith("Hej Anna: https://")


def test_a_round_with_nobody_to_mail_still_lists_whom_to_phone(world, make_card, period):
    make_card(name="Pekka Puhelin", email=None, phone="+358401234567", feedback_consent=True)
    state = round_state(start_round(period, by=world.office, at=AT).round_id)
    assert (state.invited, state.pending) == (0, 0)
    assert count(FeedbackInvitation) == 0
    assert [row.name for row in buyers_to_phone(state.round)] == ["Pekka Puhelin"]


@pytest.mark.parametrize("change", ["consent", "anonymised"])
def test_a_buyer_who_withdraws_after_the_start_is_not_mailed(smtp, buyers, round_id, change):
    settings, inbox = smtp
    buyer = buyers.maija.buyer
    if change == "consent":
        buyer.feedback_consent = False
    else:
        buyer.anonymized_at = AT
    db.session.commit()
    send(round_id, settings)
    assert "maija@example.org" not in recipients(inbox)
    assert round_state(round_id).withdrawn == 1


@pytest.mark.parametrize("change", ["consent", "anonymised"])
def test_a_failed_buyer_who_withdraws_is_no_longer_listed_to_retry(smtp, buyers, round_id, change):
    settings, _ = smtp
    send(round_id, settings)
    buyer = buyers.refused.buyer
    if change == "consent":
        buyer.feedback_consent = False
    else:
        buyer.anonymized_at = AT
    db.session.commit()
    state = round_state(round_id)
    assert state.failures == []
    assert (state.failed, state.withdrawn, state.done) == (0, 1, 4)
    assert round_results(round_id).failed == 0  # the results page counts them the same way
    assert retry_failed(round_id) == 0


def test_a_claim_left_by_a_crashed_send_is_taken_again_after_the_timeout(smtp, buyers, round_id):
    """A request that claimed an invitation and died before sending holds it for CLAIM_TIMEOUT, then lets go."""
    settings, inbox = smtp
    invitation = db.session.scalars(
        select(FeedbackInvitation).where(FeedbackInvitation.buyer_id == buyers.maija.buyer_id)
    ).one()
    assert claim_invitation(invitation.id, round_id, AT) is not None
    send(round_id, settings, at=AT + CLAIM_TIMEOUT - timedelta(seconds=1))
    assert "maija@example.org" not in recipients(inbox)
    send(round_id, settings, at=AT + CLAIM_TIMEOUT + timedelta(seconds=1))
    assert recipients(inbox).count("maija@example.org") == 1


class SlowInbox(Inbox):
    """A mail server that takes its time over every message, as a busy one does."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.3)
        return await super().handle_DATA(server, session, envelope)


def test_a_slow_mail_server_makes_batches_smaller_not_longer(app, world, buyers, round_id):
    with smtp_server(SlowInbox()) as (port, inbox):
        settings = SmtpSettings(host="127.0.0.1", port=port, sender="kymppi@opisto.example")
        started = time.monotonic()
        first = send(round_id, settings, size=50, seconds=0.5)
        assert time.monotonic() - started < 2
        assert 1 <= first.sent + first.failed < 4
        state = round_state(round_id)
        assert state.pending == 4 - first.sent - first.failed
        while round_state(round_id).pending:
            send(round_id, settings, size=50, seconds=0.5)
    state = round_state(round_id)
    assert (state.sent, state.failed) == (4, 0)
    assert recipients(inbox) == sorted(card.buyer.email for card in buyers.mailable)
