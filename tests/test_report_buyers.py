"""The term-end buyer list: who is on it, its figures, the consent rule and its CSV and XLSX files."""

import csv
import io
from datetime import UTC, date, datetime

import openpyxl
import pytest

from kymppi.documents.spreadsheets import FinnishExcel
from kymppi.domain.checkin import check_in
from kymppi.domain.codes import format_card_number
from kymppi.domain.periods import Period
from kymppi.domain.replacement import replace_card
from kymppi.domain.term_buyers import BuyerFilters, term_buyers
from kymppi.extensions import db
from kymppi.models import Buyer, CardStatus, CardType, Language, Role
from tests.factories import SESSION_DAY, TERM_END, TERM_START, on

HEADER = [
    "Nimi",
    "Sähköposti",
    "Puhelin",
    "Kieli",
    "Palautelupa",
    "Uusi asiakas",
    "Kortit",
    "Käyntejä käytetty",
    "Käyntejä jäljellä",
    "Kurssit",
    "Viimeisin käynti",
]


@pytest.fixture
def buyers(world, make_card):
    """Aino (consent, two visits on two courses), Bertil (consent, Swedish, phone only), Cecilia (no consent)."""
    aino = make_card(name="Aino Aalto", email="aino@example.org", feedback_consent=True)
    check_in(aino.secret, world.course("gym").id, by=world.instructor, at=on(date(2026, 9, 7)))
    check_in(aino.secret, world.course("dance").id, by=world.instructor, at=on(SESSION_DAY))
    bertil = make_card(
        name="Bertil Berg", email=None, phone="040 123 4567", language="sv", feedback_consent=True, new_customer=False
    )
    cecilia = make_card(name="Cecilia Carlsson", email="cecilia@example.org", feedback_consent=False)
    return aino, bertil, cecilia


def export(client, extension, **params):
    response = client.get(f"/reports/buyers.{extension}", query_string=params)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response


def read_csv(response) -> list[list[str]]:
    body = response.get_data()
    assert body.startswith("\ufeff".encode()), "Finnish Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), dialect=FinnishExcel))


def test_the_list_holds_the_period_buyers_with_their_figures(world, buyers):
    aino, _, _ = buyers
    listing = term_buyers(Period.of_term(world.term))
    assert [row.name for row in listing.rows] == ["Aino Aalto", "Bertil Berg"]
    first, second = listing.rows
    assert first.card_numbers == [aino.number]
    assert (first.visits_used, first.visits_left) == (2, 8)
    assert first.courses == ["Dance", "Gym"]
    assert first.last_visit.astimezone(UTC) == on(SESSION_DAY)
    assert (second.language, second.new_customer, second.phone, second.email) == (
        Language.SV,
        False,
        "040 123 4567",
        None,
    )
    assert (second.visits_used, second.courses, second.last_visit) == (0, [], None)
    assert listing.without_consent == 1


def test_consent_filter_can_show_everyone_but_counts_who_may_be_contacted(world, buyers):
    listing = term_buyers(Period.of_term(world.term), BuyerFilters(consent_only=False))
    assert [row.name for row in listing.rows] == ["Aino Aalto", "Bertil Berg", "Cecilia Carlsson"]
    assert (listing.total, listing.without_consent, listing.contactable) == (3, 1, 2)


def test_a_card_valid_outside_the_period_leaves_its_buyer_off(world, make_card):
    spring = CardType(
        name="Kevät",
        visits=10,
        price_cents=5000,
        valid_from=date(2027, 1, 10),
        valid_until=date(2027, 5, 20),
        categories=world.card_type.categories,
    )
    db.session.add(spring)
    db.session.commit()
    make_card(name="Kevät Ostaja", feedback_consent=True, card_type=spring)
    make_card(name="Syksy Ostaja", feedback_consent=True)
    assert [row.name for row in term_buyers(Period.of_term(world.term)).rows] == ["Syksy Ostaja"]
    spring_period = Period(date(2027, 5, 20), date(2027, 6, 30))
    assert [row.name for row in term_buyers(spring_period).rows] == ["Kevät Ostaja"]


def test_anonymised_buyers_are_never_listed(world, make_card):
    card = make_card(name="Poistettava", feedback_consent=True)
    buyer = db.session.get(Buyer, card.buyer_id)
    buyer.anonymized_at = datetime(2026, 12, 1, tzinfo=UTC)
    db.session.commit()
    for consent_only in (True, False):
        listing = term_buyers(Period.of_term(world.term), BuyerFilters(consent_only=consent_only))
        assert listing.rows == []
        assert listing.without_consent == 0


def test_a_replaced_card_counts_its_visits_left_once(world, make_card):
    card = make_card(name="Kadottaja", feedback_consent=True)
    check_in(card.secret, world.course("gym").id, by=world.instructor, at=on(date(2026, 9, 7)))
    new = replace_card(card.id, by=world.office, reason="Hukassa", at=on(date(2026, 9, 8))).card
    check_in(new.secret, world.course("gym").id, by=world.instructor, at=on(date(2026, 9, 14)))
    (row,) = term_buyers(Period.of_term(world.term)).rows
    assert sorted(row.card_numbers) == sorted([card.number, new.number])
    assert (row.visits_used, row.visits_left) == (2, 8)


def test_card_type_and_status_filters(world, make_card, buyers):
    aino, _, _ = buyers
    other = CardType(
        name="Viitonen",
        visits=5,
        price_cents=2500,
        valid_from=TERM_START,
        valid_until=TERM_END,
        categories=world.card_type.categories,
    )
    db.session.add(other)
    db.session.commit()
    make_card(name="Viitosen Ostaja", feedback_consent=True, card_type=other)
    period = Period.of_term(world.term)
    assert [r.name for r in term_buyers(period, BuyerFilters(card_type_id=other.id)).rows] == ["Viitosen Ostaja"]
    aino.status = CardStatus.SUSPENDED
    db.session.commit()
    assert [r.name for r in term_buyers(period, BuyerFilters(status=CardStatus.SUSPENDED)).rows] == ["Aino Aalto"]


def test_the_page_lists_consenting_buyers_and_says_how_many_were_left_out(client, login, world, buyers):
    login(Role.OFFICE)
    page = client.get("/reports/buyers", query_string={"term": world.term.id}).get_data(as_text=True)
    assert "Aino Aalto" in page and "Bertil Berg" in page
    assert "Cecilia Carlsson" not in page
    assert "jätetty pois 1 ostajaa" in page
    assert "Tiedostoon tulee 2 palauteluvan antanutta ostajaa" in page
    everyone = client.get("/reports/buyers", query_string={"term": world.term.id, "consent": "all"})
    assert "Cecilia Carlsson" in everyone.get_data(as_text=True)


def test_csv_export_opens_with_the_right_columns_in_finnish_excel_dialect(client, login, world, buyers):
    aino, bertil, _ = buyers
    login(Role.OFFICE)
    response = export(client, "csv", term=world.term.id)
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="ostajat-2026-08-24-2026-12-13.csv"'
    assert b";" in response.get_data()
    header, *rows = read_csv(response)
    assert header == HEADER
    assert rows == [
        [
            "Aino Aalto",
            "aino@example.org",
            "",
            "suomi",
            "kyllä",
            "kyllä",
            format_card_number(aino.number),
            "2",
            "8",
            "Dance, Gym",
            "23.11.2026",
        ],
        [
            "Bertil Berg",
            "",
            "040 123 4567",
            "ruotsi",
            "kyllä",
            "ei",
            format_card_number(bertil.number),
            "0",
            "10",
            "",
            "",
        ],
    ]


def test_exports_never_include_buyers_without_consent_whatever_the_table_shows(client, login, world, buyers):
    login(Role.OFFICE)
    for extension in ("csv", "xlsx"):
        body = export(client, extension, term=world.term.id, consent="all").get_data()
        if extension == "csv":
            names = [row[0] for row in read_csv_bytes(body)[1:]]
        else:
            sheet = openpyxl.load_workbook(io.BytesIO(body)).active
            names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert names == ["Aino Aalto", "Bertil Berg"], extension


def read_csv_bytes(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig")), dialect=FinnishExcel))


def test_xlsx_export_reads_back_with_header_widths_frozen_row_and_typed_cells(client, login, world, buyers):
    login(Role.OFFICE)
    response = export(client, "xlsx", term=world.term.id)
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    assert sheet.title == "Ostajat"
    assert [cell.value for cell in sheet[1]] == HEADER
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width >= len("Aino Aalto")
    assert sheet.column_dimensions["B"].width >= len("aino@example.org")
    aino = [cell.value for cell in sheet[2]]
    assert aino[0] == "Aino Aalto" and aino[7:9] == [2, 8]
    assert aino[10] == datetime(2026, 11, 23)  # a date cell; openpyxl reads dates back as datetimes
    assert sheet.cell(row=2, column=11).number_format == "d.m.yyyy"
    assert sheet.max_row == 3


def test_a_name_that_looks_like_a_formula_stays_text(client, login, world, make_card):
    make_card(name='=HYPERLINK("http://evil")', email="x@example.org", feedback_consent=True)
    login(Role.OFFICE)
    (_, row) = read_csv(export(client, "csv", term=world.term.id))
    assert row[0] == '\'=HYPERLINK("http://evil")'
    sheet = openpyxl.load_workbook(io.BytesIO(export(client, "xlsx", term=world.term.id).get_data())).active
    cell = sheet.cell(row=2, column=1)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://evil")'


def test_a_date_range_instead_of_a_term(client, login, world, buyers):
    login(Role.OFFICE)
    response = client.get("/reports/buyers", query_string={"starts_on": "2026-09-01", "ends_on": "2026-09-30"})
    page = response.get_data(as_text=True)
    assert "Ajalta 1.9.2026–30.9.2026." in page and "Aino Aalto" in page
    typed = export(client, "csv", starts_on="1.9.2026", ends_on="30.9.2026")
    assert typed.headers["Content-Disposition"].endswith('ostajat-2026-09-01-2026-09-30.csv"')


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"starts_on": "2026-12-01", "ends_on": "2026-11-01"}, "ends_on", "Loppupäivä on ennen alkupäivää."),
        ({"starts_on": "2026-12-01"}, "ends_on", "Anna aikavälille sekä alku- että loppupäivä."),
        ({"starts_on": "32.13.2026", "ends_on": "2026-12-01"}, "starts_on", "Anna päivämäärä muodossa pp.kk.vvvv."),
        ({"starts_on": "1.1.1900", "ends_on": "2026-12-01"}, "starts_on", "Anna päivämäärä väliltä"),
    ],
)
def test_a_bad_range_is_an_error_next_to_its_field_and_the_term_is_shown(
    client, login, world, buyers, params, field, message
):
    login(Role.OFFICE)
    response = client.get("/reports/buyers", query_string=params | {"term": world.term.id})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'id="{field}-error">{message}' in page
    assert 'aria-invalid="true"' in page
    assert "Ajalta 24.8.2026–13.12.2026 (Syksy 2026)." in page
    assert (
        export(client, "csv", **params, term=world.term.id)
        .headers["Content-Disposition"]
        .endswith('ostajat-2026-08-24-2026-12-13.csv"')
    )


@pytest.mark.parametrize(
    "query",
    [
        "term=abc",
        "term=999999",
        "page=-5",
        "page=" + "9" * 500,
        "status=gone",
        "card_type=x",
        "consent=%3Cscript%3E",
        "starts_on=%00&ends_on=%ED%A0%80",  # a NUL, and a lone surrogate: invalid UTF-8
        "starts_on=2026-09-01&ends_on=2026-09-30&term=1&term=2",
    ],
)
def test_junk_parameters_never_break_the_list(client, login, world, buyers, query):
    login(Role.OFFICE)
    for path in ("/reports/buyers", "/reports/buyers.csv", "/reports/buyers.xlsx"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 200, (path, query)
        assert b"<script>" not in response.get_data()


def test_without_terms_the_page_says_so_and_exports_are_not_found(client, login):
    login(Role.OFFICE)
    assert "Lukukausia ei ole vielä" in client.get("/reports/buyers").get_data(as_text=True)
    assert client.get("/reports/buyers.csv").status_code == 404


def test_the_table_pages_but_the_export_has_everyone(client, login, world, make_card):
    for n in range(52):
        make_card(name=f"Ostaja {n:02d}", email=f"o{n}@example.org", feedback_consent=True)
    login(Role.OFFICE)
    first = client.get("/reports/buyers", query_string={"term": world.term.id}).get_data(as_text=True)
    assert "Ostaja 49" in first and "Ostaja 50" not in first and "52 ostajaa, sivu 1 / 2" in first
    second = client.get("/reports/buyers", query_string={"term": world.term.id, "page": 2}).get_data(as_text=True)
    assert "Ostaja 51" in second and "Ostaja 00" not in second
    assert len(read_csv(export(client, "csv", term=world.term.id))) == 53


def test_instructors_may_not_see_the_buyer_list(client, login, world, buyers):
    login(Role.INSTRUCTOR)
    for path in ("/reports/buyers", "/reports/buyers.csv", "/reports/buyers.xlsx"):
        assert client.get(path).status_code == 403
