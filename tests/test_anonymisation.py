"""Rule 12: buyers are anonymised the set months after their last card expired, by `kymppi purge`."""

from datetime import date

import pytest
from sqlalchemy import select

from kymppi.domain import anonymisation
from kymppi.domain.anonymisation import ANONYMISED_NAME, months_before, purge_buyers
from kymppi.domain.checkin import check_in
from kymppi.domain.clock import local_noon
from kymppi.domain.feedback import start_round
from kymppi.domain.feedback_answers import Answer, save_answer
from kymppi.domain.periods import Period
from kymppi.domain.sales import Sale, sell_card
from kymppi.extensions import db
from kymppi.models import (
    AuditEvent,
    BuyAgain,
    Buyer,
    Card,
    CardType,
    CheckIn,
    FeedbackInvitation,
    Organization,
    PaymentMethod,
)
from tests.factories import TERM_END, TERM_START, on
from tests.feedback_helpers import invite

# The world's cards are valid until 13.12.2026: 24 months on, 14.12.2028 is the first day they are due.
LAST_DAY_KEPT = date(2028, 12, 13)
FIRST_DAY_DUE = date(2028, 12, 14)


def purge(today=FIRST_DAY_DUE, **options):
    return purge_buyers(today=today, months=24, at=local_noon(today), **options)


def buyer_of(card: Card) -> Buyer:
    db.session.expire_all()
    return db.session.get(Buyer, card.buyer_id)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2028, 12, 14), 24, date(2026, 12, 14)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2028, 3, 31), 1, date(2028, 2, 29)),
        (date(2027, 1, 15), 13, date(2025, 12, 15)),
        (date(2026, 5, 1), 0, date(2026, 5, 1)),
    ],
)
def test_months_before_counts_calendar_months(day, months, expected):
    assert months_before(day, months) == expected


def test_a_buyer_is_anonymised_the_day_the_set_months_have_passed(world, make_card):
    card = make_card(name="Maija Meikäläinen", email="maija@example.org", phone="040 1", municipality="Hausjärvi")
    assert purge(LAST_DAY_KEPT).anonymised == 0
    assert buyer_of(card).name == "Maija Meikäläinen"
    result = purge(FIRST_DAY_DUE)
    assert (result.cutoff, result.buyer_ids, result.anonymised) == (date(2026, 12, 14), [card.buyer_id], 1)
    buyer = buyer_of(card)
    assert (buyer.name, buyer.email, buyer.phone, buyer.municipality) == (ANONYMISED_NAME, None, None, None)
    assert (buyer.feedback_consent, buyer.reminders) == (False, False)
    assert buyer.anonymized_at == local_noon(FIRST_DAY_DUE)
    assert buyer.search_text == ""  # the name and email in lower case went too


def test_the_cards_visits_and_money_stay_for_the_reports(world, make_card):
    card = make_card(name="Maija Meikäläinen")
    check_in(card.secret, world.course("gym").id, by=world.instructor, at=on(date(2026, 9, 7)))
    purge()
    db.session.expire_all()
    kept = db.session.get(Card, card.id)
    assert (kept.buyer_id, kept.visits_used, kept.price_cents) == (card.buyer_id, 1, 5000)
    assert db.session.scalar(select(CheckIn.card_id)) == card.id


def sell_to(world, buyer_id: int, card_type: CardType) -> Card:
    sale = Sale(card_type_id=card_type.id, payment_method=PaymentMethod.CASH, buyer_id=buyer_id)
    return sell_card(sale, by=world.office, at=on(TERM_START)).card


@pytest.fixture
def spring(world) -> CardType:
    card_type = CardType(
        name="Kevät 2027",
        visits=10,
        price_cents=5000,
        valid_from=date(2027, 1, 10),
        valid_until=date(2027, 5, 30),
        categories=world.card_type.categories,
    )
    db.session.add(card_type)
    db.session.commit()
    return card_type


def test_a_buyer_with_a_card_still_in_its_time_is_kept_whole(world, make_card, spring):
    old = make_card(name="Pitkäaikainen Ostaja", email="pitka@example.org")
    sell_to(world, old.buyer_id, spring)
    assert purge().buyer_ids == []
    assert buyer_of(old).email == "pitka@example.org"
    assert purge(date(2029, 5, 31)).buyer_ids == [old.buyer_id]


def test_a_dry_run_lists_and_changes_nothing(world, make_card):
    card = make_card(name="Maija Meikäläinen")
    result = purge(dry_run=True)
    assert (result.buyer_ids, result.anonymised) == ([card.buyer_id], 0)
    assert buyer_of(card).name == "Maija Meikäläinen"
    assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "buyer_anonymised")) is None


def test_anonymising_is_done_once_and_audited_without_personal_data(world, make_card):
    card = make_card(name="Maija Meikäläinen", email="maija@example.org")
    assert purge().anonymised == 1
    assert purge().anonymised == 0
    (event,) = db.session.scalars(select(AuditEvent).where(AuditEvent.action == "buyer_anonymised"))
    assert event.details == {"buyer_id": card.buyer_id, "cutoff": "2026-12-14"}
    assert event.actor_id is None


def test_a_card_sold_after_the_buyer_was_listed_keeps_them(world, make_card, spring, monkeypatch):
    card = make_card(name="Palaava Ostaja")
    listed = anonymisation.buyers_due(date(2026, 12, 14))
    sell_to(world, card.buyer_id, spring)
    monkeypatch.setattr(anonymisation, "buyers_due", lambda cutoff: listed)
    result = purge()
    assert (result.buyer_ids, result.anonymised) == ([card.buyer_id], 0)
    assert buyer_of(card).name == "Palaava Ostaja"


def test_survey_free_text_goes_and_the_rating_stays(world, make_card):
    card = make_card(name="Maija Meikäläinen", email="maija@example.org", feedback_consent=True)
    round_id = start_round(Period.of_term(world.term), by=world.office, at=on(TERM_END)).round_id
    answer = Answer(rating=4, good="Maijan mielestä hyvä", improve="Lisää iltoja", buy_again=BuyAgain.YES, comment="M.")
    save_answer(invite(round_id, card), answer, at=on(TERM_END))
    purge()
    db.session.expire_all()
    kept = db.session.scalars(select(FeedbackInvitation)).one()
    assert (kept.rating, kept.buy_again) == (4, BuyAgain.YES)
    assert (kept.good, kept.improve, kept.comment, kept.token_hash) == (None, None, None, None)


def test_a_buyer_without_cards_counts_from_the_day_they_were_added(world):
    def added(name: str, day: date) -> Buyer:
        buyer = Buyer(name=name, email=f"{name.lower()}@example.org", new_customer=True, created_at=local_noon(day))
        db.session.add(buyer)
        db.session.commit()
        return buyer

    old, recent = added("Vanha", date(2026, 12, 13)), added("Tuore", date(2026, 12, 14))
    assert purge().buyer_ids == [old.id]
    assert db.session.get(Buyer, recent.id).anonymized_at is None


def test_the_command_uses_the_opistos_months_and_says_how_many(runner, world, make_card):
    card = make_card(name="Maija Meikäläinen")
    organization = db.session.scalars(select(Organization)).one()
    organization.anonymize_after_months = 12
    db.session.commit()
    early = runner.invoke(args=["purge", "--dry-run", "--date", "2027-12-13"])
    assert early.exit_code == 0, early.output
    assert "Dry run: 0 buyers would be anonymised (no card valid on or after 13.12.2026)." in early.output
    dry = runner.invoke(args=["purge", "--dry-run", "--date", "2027-12-14"])
    assert "Dry run: 1 buyers would be anonymised" in dry.output and f"Buyer ids: {card.buyer_id}" in dry.output
    assert "Maija" not in dry.output
    assert buyer_of(card).anonymized_at is None
    done = runner.invoke(args=["purge", "--date", "2027-12-14"])
    assert "1 buyers anonymised (no card valid on or after 14.12.2026)." in done.output
    assert buyer_of(card).name == ANONYMISED_NAME


def test_a_fresh_install_whose_settings_were_never_saved_purges_with_the_default_months(runner, app):
    assert db.session.scalars(select(Organization)).first() is None
    result = runner.invoke(args=["purge", "--dry-run", "--date", "2027-01-01"])
    assert result.exit_code == 0, result.output
    assert "Dry run: 0 buyers would be anonymised (no card valid on or after 1.1.2025)." in result.output
