"""Fixtures for the feedback-round tests (a pytest plugin: `pytest_plugins = ["tests.feedback_fixtures"]`):
a term's buyers, who may be mailed and who may not, and the app's mail server refusing one address."""

from dataclasses import dataclass

import pytest

from kymppi.domain.clock import utcnow
from kymppi.domain.feedback import start_round
from kymppi.domain.periods import Period
from kymppi.extensions import db
from kymppi.mail import SmtpSettings
from kymppi.models import Buyer, Card, Language
from tests.feedback_helpers import AT, invite
from tests.mailbox import REFUSED, RefusingInbox, smtp_server


@pytest.fixture
def smtp(app_config):
    """The app's mail server, refusing REFUSED; request it before anything that builds the app."""
    with smtp_server(RefusingInbox()) as (port, inbox):
        app_config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port)
        yield SmtpSettings(host="127.0.0.1", port=port, sender="kymppi@opisto.example"), inbox


@dataclass
class Buyers:
    maija: Card  # Finnish, consents
    anna: Card  # Swedish, consents
    john: Card  # English, consents
    refused: Card  # consents, but the server refuses the address
    matti: Card  # no consent
    ghost: Card  # consented, then anonymised
    pekka: Card  # consents, phone only

    @property
    def mailable(self) -> list[Card]:
        return [self.maija, self.anna, self.john, self.refused]


@pytest.fixture
def buyers(world, make_card) -> Buyers:
    cards = Buyers(
        maija=make_card(name="Maija Meikäläinen", email="maija@example.org", feedback_consent=True),
        anna=make_card(name="Anna Svensson", email="anna@example.org", language=Language.SV, feedback_consent=True),
        john=make_card(name="John Smith", email="john@example.org", language=Language.EN, feedback_consent=True),
        refused=make_card(name="Riku Rikki", email=REFUSED, feedback_consent=True),
        matti=make_card(name="Matti Virtanen", email="matti@example.org", feedback_consent=False),
        ghost=make_card(name="Haamu Henkilö", email="ghost@example.org", feedback_consent=True),
        pekka=make_card(name="Pekka Puhelin", email=None, phone="+358401234567", feedback_consent=True),
    )
    ghost: Buyer = cards.ghost.buyer
    ghost.anonymized_at = utcnow()
    db.session.commit()
    return cards


@pytest.fixture
def period(world) -> Period:
    return Period.of_term(world.term)


@pytest.fixture
def round_id(world, buyers, period) -> int:
    return start_round(period, by=world.office, at=AT).round_id


@pytest.fixture
def token(round_id, buyers) -> str:
    """Maija's survey token."""
    return invite(round_id, buyers.maija)
