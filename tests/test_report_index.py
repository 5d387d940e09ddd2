"""The reports front page: it opens on the term to report on, and its links carry the period."""

from datetime import date

from kymppi.domain.periods import reporting_term
from kymppi.extensions import db
from kymppi.models import Role, Term, TermKind


def _term(name, starts_on, ends_on) -> Term:
    term = Term(name=name, kind=TermKind.SPRING, academic_year="2026-2027", starts_on=starts_on, ends_on=ends_on)
    db.session.add(term)
    db.session.commit()
    return term


def test_the_term_under_way_wins_then_the_last_one_ended_then_the_first_to_come(world):
    spring = _term("Kevät 2027", date(2027, 1, 11), date(2027, 5, 2))
    assert reporting_term(date(2026, 11, 23)) == world.term
    # At term end the office reports on the term just over, not on the one starting next month.
    assert reporting_term(date(2026, 12, 20)) == world.term
    assert reporting_term(date(2027, 6, 1)) == spring
    assert reporting_term(date(2026, 1, 1)) == world.term


def test_no_terms_means_no_term_to_report_on(app):
    assert reporting_term(date(2026, 11, 23)) is None


def test_the_front_page_links_each_report_with_the_chosen_period(client, login, world):
    login(Role.OFFICE)
    spring = _term("Kevät 2027", date(2027, 1, 11), date(2027, 5, 2))
    page = client.get("/reports/", query_string={"term": spring.id}).get_data(as_text=True)
    assert "Ajalta 11.1.2027–2.5.2027 (Kevät 2027)." in page
    assert f'href="/reports/buyers?term={spring.id}"' in page
    ranged = client.get("/reports/", query_string={"starts_on": "2026-09-01", "ends_on": "2026-09-30"})
    assert 'href="/reports/buyers?starts_on=2026-09-01&amp;ends_on=2026-09-30"' in ranged.get_data(as_text=True)


def test_without_terms_the_front_page_says_what_to_do(client, login):
    login(Role.OFFICE)
    assert "Lukukausia ei ole vielä" in client.get("/reports/").get_data(as_text=True)
