"""The pages' shared data for the browser checks (tests/test_accessibility.py, tests/test_look.py):
a term with sales, cards in every state, check-ins, a refused scan and feedback rounds, served by gunicorn."""

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page

from kymppi.domain.card_status import cancel_card, refund_card, suspend_card
from kymppi.domain.checkin import check_in
from kymppi.domain.feedback import close_round, start_round
from kymppi.domain.organization import opisto
from kymppi.domain.periods import Period
from kymppi.domain.replacement import replace_card
from kymppi.extensions import db
from kymppi.models import Card, Language, Role, User
from tests.factories import SESSION_DAY, World, on
from tests.feedback_helpers import AT, invite
from tests.live_server import gunicorn

LANGUAGES = [language.value for language in Language]
# A client address of its own for each browser (the server trusts one proxy's X-Forwarded-For), so the
# card and survey pages' per-address throttles count each apart; the 429 checks take fresh ones.
ADDRESSES = (f"10.0.{n // 250}.{n % 250 + 1}" for n in itertools.count())


@dataclass
class Site:
    """What the pages show: a term with sales, a check-in, a refused scan and a feedback round."""

    world: World
    office: User
    admin: User
    active: Card  # valid today, on the real clock: checked in already, so a scan of it is "already"
    fresh: dict[str, Card]  # one card per language, valid today and not yet checked in: its scan is "ok"
    used_up: Card
    cancelled: Card
    statuses: dict[str, Card]  # the buyer's card in each other state: expired, not yet valid, suspended, ...
    round_id: int
    token: str
    closed_token: str  # an invitation to a round the office has closed
    users: dict[str, User] = field(default_factory=dict)

    @property
    def term(self) -> str:
        return f"term={self.world.term.id}"

    @property
    def gym(self) -> int:
        return self.world.course("gym").id


@pytest.fixture
def site(world, make_user, make_card, todays_card_type) -> Site:
    office, admin = make_user(Role.OFFICE), make_user(Role.ADMIN)
    organization = opisto()
    organization.email, organization.phone = "toimisto@opisto.example", "09 123 4567"
    active = make_card(card_type=todays_card_type, name="Maija Meikäläinen", feedback_consent=True)
    fresh = {
        language: make_card(card_type=todays_card_type, name=f"Uusi {language}", email=f"{language}@example.org")
        for language in LANGUAGES
    }
    used_up = make_card(visits=1, name="Ville Virtanen", email="ville@example.org", feedback_consent=True)
    cancelled = make_card(name="Kaisa Korhonen", email="kaisa@example.org")
    gym = world.course("gym").id
    check_in(active.number, gym, by=world.instructor, at=on(todays_card_type.valid_from))
    check_in(used_up.number, gym, by=world.instructor, at=on(SESSION_DAY))
    cancel_card(cancelled.id, by=office, reason="Ostaja perui", at=on(SESSION_DAY))
    check_in(cancelled.number, gym, by=world.instructor, at=on(SESSION_DAY))  # a refused scan for the office
    statuses = {
        state: make_card(name=f"Kortti {state}", email=f"{state.replace(' ', '-')}@example.org")
        for state in ("expired", "not yet valid", "suspended", "refunded", "replaced")
    }
    statuses["expired"].valid_from, statuses["expired"].valid_until = date(2020, 1, 1), date(2020, 5, 31)
    statuses["not yet valid"].valid_from, statuses["not yet valid"].valid_until = date(2099, 1, 1), date(2099, 5, 31)
    db.session.commit()
    suspend_card(statuses["suspended"].id, by=office, reason="Sairaus", at=on(SESSION_DAY))
    refund_card(statuses["refunded"].id, by=office, reason="Muutti pois", at=on(SESSION_DAY))
    replace_card(statuses["replaced"].id, by=office, reason="Hukkui", at=on(SESSION_DAY))
    round_id = start_round(Period.of_term(world.term), by=office, at=AT).round_id
    term = world.term
    closed_id = start_round(Period(term.starts_on, term.ends_on - timedelta(days=1)), by=office, at=AT).round_id
    closed_token = invite(closed_id, used_up)
    close_round(closed_id, by=office, at=AT)
    return Site(
        world,
        office,
        admin,
        active,
        fresh,
        used_up,
        cancelled,
        statuses,
        round_id,
        invite(round_id, used_up),
        closed_token,
        users={"office": office, "admin": admin, "instructor": world.instructor},
    )


@pytest.fixture
def server(app, tmp_path):
    """The app under gunicorn, trusting one proxy's X-Forwarded-For (see _ADDRESSES)."""
    with gunicorn(app.config["SQLALCHEMY_DATABASE_URI"], tmp_path, TRUSTED_PROXIES="1") as base:
        yield base


# Nothing when the page is no wider than the window; else the innermost elements that stick out.
STICKING_OUT = """() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const out = [...document.body.querySelectorAll('*')].filter(element =>
        element.getBoundingClientRect().right > root.clientWidth + 0.5 && !element.closest('.table-wrap *'));
    return out.filter(element => !out.some(other => other !== element && element.contains(other)))
        .slice(0, 5).map(element => element.outerHTML.slice(0, 160));
}"""


def assert_fits(page: Page, width: str) -> None:
    page.evaluate("document.scrollingElement.scrollLeft = 0")
    sticking_out = page.evaluate(STICKING_OUT)
    assert not sticking_out, f"{page.url} scrolls sideways at {width}: " + "\n".join(sticking_out)
