"""Payment reconciliation and per-session attendance: the page and the CSV files, read back as Excel would.

Expected rows come from tests/term_sales.py's docstring, counted by hand.
"""

import csv
import io
from datetime import date

import pytest

from kymppi.documents.spreadsheets import FinnishExcel
from kymppi.domain.codes import format_card_number
from kymppi.domain.periods import Period
from kymppi.domain.reconciliation import payment_reconciliation
from kymppi.models import PaymentMethod


@pytest.fixture
def office(client, login):
    login()
    return client


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    body = response.get_data()
    assert body.startswith(b"\xef\xbb\xbf")  # the BOM Finnish Excel needs
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), dialect=FinnishExcel))


def test_each_day_lists_its_sales_and_refunds_per_method(term_sales):
    reconciliation = payment_reconciliation(Period.of_term(term_sales.world.term))
    days = [
        (day.day, [(t.method, t.sales, t.sales_cents, t.refunds, t.refunds_cents) for t in day.methods])
        for day in reconciliation.days
    ]
    assert days == [
        (date(2026, 8, 31), [(PaymentMethod.CASH, 1, 5000, 0, 0)]),
        (date(2026, 9, 2), [(PaymentMethod.EPASSI, 1, 5000, 0, 0)]),
        (date(2026, 9, 14), [(PaymentMethod.PAYMENT_CARD, 1, 2000, 0, 0)]),
        (date(2026, 9, 15), [(PaymentMethod.SMARTUM, 1, 3000, 0, 0)]),
        # Fanni's Edenred sale at 00:30 belongs to Monday 5.10., not to Sunday's UTC date.
        (date(2026, 10, 5), [(PaymentMethod.CASH, 1, 5000, 0, 0), (PaymentMethod.EDENRED, 1, 5000, 0, 0)]),
        (date(2026, 10, 12), [(PaymentMethod.CASH, 0, 0, 1, 5000)]),
        (date(2026, 11, 23), [(PaymentMethod.INVOICE, 1, 5000, 0, 0)]),
        (date(2026, 11, 24), [(PaymentMethod.INVOICE, 0, 0, 1, 2000)]),
    ]
    assert reconciliation.days[4].total.sales_cents == 10000
    assert reconciliation.total.net_cents == 23000


def test_the_reconciliation_csv_has_a_row_per_day_and_method_then_the_totals(office, term_sales):
    rows = read_csv(office.get(f"/reports/reconciliation.csv?term={term_sales.world.term.id}"))
    assert rows[0] == ["Päivä", "Maksutapa", "Myyntejä", "Myynti", "Hyvityksiä", "Hyvitykset", "Netto"]
    assert rows[1:] == [
        ["31.8.2026", "Käteinen", "1", "50,00", "0", "0,00", "50,00"],
        ["2.9.2026", "ePassi", "1", "50,00", "0", "0,00", "50,00"],
        ["14.9.2026", "Maksukortti", "1", "20,00", "0", "0,00", "20,00"],
        ["15.9.2026", "Smartum", "1", "30,00", "0", "0,00", "30,00"],
        ["5.10.2026", "Käteinen", "1", "50,00", "0", "0,00", "50,00"],
        ["5.10.2026", "Edenred", "1", "50,00", "0", "0,00", "50,00"],
        ["12.10.2026", "Käteinen", "0", "0,00", "1", "50,00", "-50,00"],
        ["23.11.2026", "Lasku", "1", "50,00", "0", "0,00", "50,00"],
        ["24.11.2026", "Lasku", "0", "0,00", "1", "20,00", "-20,00"],
        ["Yhteensä", "Käteinen", "2", "100,00", "1", "50,00", "50,00"],
        ["Yhteensä", "Maksukortti", "1", "20,00", "0", "0,00", "20,00"],
        ["Yhteensä", "Lasku", "1", "50,00", "1", "20,00", "30,00"],
        ["Yhteensä", "ePassi", "1", "50,00", "0", "0,00", "50,00"],
        ["Yhteensä", "Smartum", "1", "30,00", "0", "0,00", "30,00"],
        ["Yhteensä", "Edenred", "1", "50,00", "0", "0,00", "50,00"],
        ["Yhteensä", "Muu", "0", "0,00", "0", "0,00", "0,00"],
        ["Yhteensä", "Kaikki", "7", "300,00", "2", "70,00", "230,00"],
    ]
    response = office.get(f"/reports/reconciliation.csv?term={term_sales.world.term.id}")
    assert response.headers["Content-Disposition"] == 'attachment; filename="maksut-2026-08-24-2026-12-13.csv"'


def test_the_reconciliation_page_shows_days_methods_and_totals(office, term_sales):
    html = office.get(f"/reports/reconciliation?term={term_sales.world.term.id}").get_data(as_text=True)
    figures = ("-50,00\u00a0€", "230,00\u00a0€", "100,00\u00a0€")
    for text in ("Maksujen täsmäytys", "5.10.2026", "Edenred", "Päivä yhteensä", *figures):
        assert text in html, text
    assert "/reports/reconciliation.csv?term=" in html


def test_a_range_of_one_day_reconciles_that_day_only(office, term_sales):
    rows = read_csv(office.get("/reports/reconciliation.csv?starts_on=2026-10-05&ends_on=2026-10-05"))
    assert [row[:4] for row in rows[1:3]] == [
        ["5.10.2026", "Käteinen", "1", "50,00"],
        ["5.10.2026", "Edenred", "1", "50,00"],
    ]
    assert rows[-1] == ["Yhteensä", "Kaikki", "2", "100,00", "0", "0,00", "100,00"]


def test_the_attendance_csv_lists_every_visit_by_course_date_and_name(office, term_sales):
    cards = {key: format_card_number(card.number) for key, card in term_sales.cards.items()}
    rows = read_csv(office.get(f"/reports/attendance.csv?term={term_sales.world.term.id}"))
    assert rows[0] == ["Kurssin koodi", "Kurssi", "Päivä", "Kortin numero", "Nimi"]
    assert rows[1:] == [
        ["C-capped", "Capped", "8.10.2026", cards["fanni"], "Fanni Fors"],
        ["C-dance", "Dance", "9.9.2026", cards["bertta"], "Bertta Berg"],
        ["C-dance", "Dance", "16.9.2026", cards["aino"], "Aino Aaltonen"],
        ["C-dance", "Dance", "16.9.2026", cards["cecilia"], "Cecilia Cedergren"],
        ["C-dance", "Dance", "23.9.2026", cards["aino2"], "Aino Aaltonen"],
        ["C-dance", "Dance", "30.9.2026", cards["bertta_new"], "Bertta Berg"],
        ["C-dance", "Dance", "7.10.2026", cards["fanni"], "Fanni Fors"],
        ["C-gym", "Gym", "31.8.2026", cards["gunnar"], "Gunnar Grönroos"],
        ["C-gym", "Gym", "7.9.2026", cards["aino"], "Aino Aaltonen"],
        ["C-gym", "Gym", "7.9.2026", cards["bertta"], "Bertta Berg"],
        ["C-gym", "Gym", "14.9.2026", cards["aino"], "Aino Aaltonen"],
        ["C-gym", "Gym", "14.9.2026", cards["bertta"], "Bertta Berg"],
        ["C-gym", "Gym", "21.9.2026", cards["aino2"], "Aino Aaltonen"],
        ["C-gym", "Gym", "21.9.2026", cards["cecilia"], "Cecilia Cedergren"],
        ["C-gym", "Gym", "5.10.2026", cards["bertta_new"], "Bertta Berg"],
        ["C-gym", "Gym", "5.10.2026", cards["daniel"], "Daniel Dahl"],
        ["C-gym", "Gym", "23.11.2026", cards["eero"], "Eero Äijälä"],
    ]  # Fanni's undone gym visit on 12.10. is not there


def test_the_attendance_csv_can_be_for_one_course(office, term_sales):
    dance = term_sales.world.course("dance")
    rows = read_csv(office.get(f"/reports/attendance.csv?term={term_sales.world.term.id}&course={dance.id}"))
    assert len(rows) == 7 and {row[1] for row in rows[1:]} == {"Dance"}


@pytest.mark.parametrize("course", ["abc", "0", "99999", "99999999999999999999", "１"])
def test_an_unknown_course_is_not_found(office, term_sales, course):
    assert office.get(f"/reports/attendance.csv?course={course}").status_code == 404


def test_the_dashboard_offers_the_attendance_export_for_the_courses_visited(office, term_sales):
    html = office.get(f"/reports/results?term={term_sales.world.term.id}").get_data(as_text=True)
    assert 'action="/reports/attendance.csv"' in html
    assert "Dance (C-dance)" in html and "Language" not in html
