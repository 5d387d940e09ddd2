"""A small autumn term with every kind of event the results report counts, for its hand-computed tests.

Sales (period = the term 24.8.–13.12.2026):
  Gunnar Grönroos  cash     50,00  20.8. (before the term: valid in it, not sold in it)  new
  Aino Aaltonen    cash     50,00  Mon 31.8. (week 36)                                    new
  Bertta Berg      ePassi   50,00  Wed 2.9. (week 36)                                     returning
  Aino Aaltonen    card     20,00  Mon 14.9. (week 38), a 2-visit card                    (same buyer)
  Cecilia Cedergren Smartum 30,00  Tue 15.9. (week 38), a 5-visit card valid to 31.10.    new
  Daniel Dahl      cash     50,00  Mon 5.10. (week 41), refunded in full on 12.10.        new
  Fanni Fors       Edenred  50,00  Mon 5.10. at 00:30 in Helsinki (Sun 4.10. in UTC)     new
  Eero Äijälä      invoice  50,00  Mon 23.11. (week 48), 20,00 refunded on 24.11.         returning
Bertta's card is lost on 28.9. after 3 visits and replaced (7 visits carried).

Check-ins: gym meets on Mondays, dance on Wednesdays; "capped" once on a Thursday.
  Gunnar   gym 31.8.
  Aino     gym 7.9., gym 14.9., dance 16.9.        (10-visit card)
  Aino     gym 21.9., dance 23.9.                  (2-visit card: used up)
  Bertta   gym 7.9., dance 9.9., gym 14.9.         (lost card)
  Bertta   dance 30.9., gym 5.10.                  (its replacement)
  Cecilia  dance 16.9., gym 21.9.                  (expires 31.10. with 3 visits left)
  Daniel   gym 5.10.
  Eero     gym 23.11.
  Fanni    dance 7.10., capped Thu 8.10., gym 12.10. undone by the office (doesn't count)
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest

from kymppi.domain.card_status import refund_card
from kymppi.domain.checkin import check_in, undo_check_in
from kymppi.domain.clock import HELSINKI
from kymppi.domain.replacement import replace_card
from kymppi.domain.sales import BuyerDetails, Sale, sell_card
from kymppi.extensions import db
from kymppi.models import Card, CardType, PaymentMethod
from tests.factories import TERM_END, TERM_START, World, on


@dataclass
class TermSales:
    world: World
    cards: dict[str, Card]  # by the holder's first name; "aino2" is Aino's second card


def _card_type(world: World, name: str, visits: int, cents: int, valid_until: date) -> CardType:
    card_type = CardType(
        name=name,
        visits=visits,
        price_cents=cents,
        valid_from=TERM_START,
        valid_until=valid_until,
        categories=world.card_type.categories,
    )
    db.session.add(card_type)
    db.session.commit()
    return card_type


def build_term_sales(world: World) -> TermSales:
    office = world.office
    two_visits = _card_type(world, "Kaksi käyntiä", 2, 2000, TERM_END)
    autumn_only = _card_type(world, "Syyskortti", 5, 3000, date(2026, 10, 31))

    def sell(name, new_customer, method, at, card_type=world.card_type, buyer_id=None) -> Card:
        details = None if buyer_id else BuyerDetails(name, new_customer, email=f"{name.split()[0].lower()}@example.org")
        sale = Sale(card_type_id=card_type.id, payment_method=method, buyer_id=buyer_id, new_buyer=details)
        result = sell_card(sale, by=office, at=at)
        assert result.card is not None, result
        return result.card

    cards = {
        "gunnar": sell("Gunnar Grönroos", True, PaymentMethod.CASH, on(date(2026, 8, 20))),
        "aino": sell("Aino Aaltonen", True, PaymentMethod.CASH, on(date(2026, 8, 31))),
        "bertta": sell("Bertta Berg", False, PaymentMethod.EPASSI, on(date(2026, 9, 2))),
    }
    cards["aino2"] = sell(
        "", True, PaymentMethod.PAYMENT_CARD, on(date(2026, 9, 14)), two_visits, buyer_id=cards["aino"].buyer_id
    )
    cards["cecilia"] = sell("Cecilia Cedergren", True, PaymentMethod.SMARTUM, on(date(2026, 9, 15)), autumn_only)
    cards["daniel"] = sell("Daniel Dahl", True, PaymentMethod.CASH, on(date(2026, 10, 5)))
    half_past_midnight = datetime(2026, 10, 5, 0, 30, tzinfo=HELSINKI).astimezone(UTC)
    cards["fanni"] = sell("Fanni Fors", True, PaymentMethod.EDENRED, half_past_midnight)
    cards["eero"] = sell("Eero Äijälä", False, PaymentMethod.INVOICE, on(date(2026, 11, 23)))

    gym, dance, capped = world.course("gym"), world.course("dance"), world.course("capped")

    def visit(key: str, course, day: date):
        result = check_in(cards[key].number, course.id, by=world.instructor, at=on(day))
        assert result.ok, (key, course.code, day, result)
        return result

    visit("gunnar", gym, date(2026, 8, 31))
    visit("aino", gym, date(2026, 9, 7))
    visit("aino", gym, date(2026, 9, 14))
    visit("aino", dance, date(2026, 9, 16))
    visit("aino2", gym, date(2026, 9, 21))
    visit("aino2", dance, date(2026, 9, 23))
    visit("bertta", gym, date(2026, 9, 7))
    visit("bertta", dance, date(2026, 9, 9))
    visit("bertta", gym, date(2026, 9, 14))
    replaced = replace_card(cards["bertta"].id, by=office, reason="Kadonnut", at=on(date(2026, 9, 28)))
    cards["bertta_new"] = replaced.card
    visit("bertta_new", dance, date(2026, 9, 30))
    visit("bertta_new", gym, date(2026, 10, 5))
    visit("cecilia", dance, date(2026, 9, 16))
    visit("cecilia", gym, date(2026, 9, 21))
    visit("daniel", gym, date(2026, 10, 5))
    visit("eero", gym, date(2026, 11, 23))
    visit("fanni", dance, date(2026, 10, 7))
    visit("fanni", capped, date(2026, 10, 8))
    mistake = visit("fanni", gym, date(2026, 10, 12))
    undone = undo_check_in(mistake.check_in_id, by=office, reason="Väärä kortti", at=on(date(2026, 10, 12)))
    assert undone.outcome.value == "ok", undone

    refunds = [
        refund_card(cards["daniel"].id, by=office, reason="Muutti pois", at=on(date(2026, 10, 12))),
        refund_card(cards["eero"].id, by=office, reason="Loukkaantui", amount_cents=2000, at=on(date(2026, 11, 24))),
    ]
    assert all(result.outcome.value == "ok" for result in refunds), refunds
    return TermSales(world, cards)


@pytest.fixture
def term_sales(world) -> TermSales:
    return build_term_sales(world)
