"""The term-end reports in Swedish and English: pages, charts, PDF and files in the staff member's language.

The files keep the Finnish Excel dialect whatever the language: Excel reads
dates and sums by the opisto's computers' regional settings.
"""

import csv
import io
from datetime import date

import openpyxl
import pytest
from flask_babel import force_locale

from kymppi.documents.spreadsheets import FinnishExcel
from kymppi.domain.checkin import check_in
from kymppi.domain.feedback import message_problems
from kymppi.feedback_mail import DEFAULT_TEXTS, MessageText
from kymppi.models import Language
from kymppi.reports import results as results_view
from tests import pdfs
from tests.conftest import csrf_token
from tests.factories import SESSION_DAY, on
from tests.mailbox import REFUSED

pytest_plugins = ["tests.feedback_fixtures"]

MID_TERM = date(2026, 11, 30)


@pytest.fixture
def staff(client, login, monkeypatch):
    """Log in an office secretary who reads Kymppi in `language`; the reports' "today" is fixed."""
    monkeypatch.setattr(results_view, "utcnow", lambda: on(MID_TERM))

    def log_in(language: Language):
        login(language=language)
        return client

    return log_in


def read_csv(response) -> list[list[str]]:
    assert response.status_code == 200 and response.mimetype == "text/csv"
    return list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig")), dialect=FinnishExcel))


def test_a_swedish_staff_member_reads_the_results_report_in_swedish(staff, term_sales):
    html = staff(Language.SV).get(f"/reports/results?term={term_sales.world.term.id}").get_data(as_text=True)
    assert '<html lang="sv">' in html
    for text in (
        "<h1>Resultatrapport</h1>",
        "Nyckeltal",
        "Sålda kort per vecka",
        "Perioden 24.8.2026–13.12.2026 (Syksy 2026).",
        "v. 36",
        "onsdag",  # the dance course's weekday in the table
        "230,00\u00a0€",
        "Skriv ut PDF till ledningen",
        'alt="Stapeldiagram över sålda kort',
    ):
        assert text in html, text


def test_an_english_staff_member_gets_english_texts_and_english_figures(staff, term_sales):
    html = staff(Language.EN).get(f"/reports/results?term={term_sales.world.term.id}").get_data(as_text=True)
    assert '<html lang="en">' in html
    for text in ("<h1>Results report</h1>", "For 24 Aug 2026–13 Dec 2026 (Syksy 2026).", "wk 36", "Wednesday"):
        assert text in html, text
    assert "€230.00" in html and "35%" in html
    assert "Myydyt kortit" not in html and "keskiviikko" not in html


def test_the_management_pdf_is_in_the_staff_members_language(staff, term_sales):
    response = staff(Language.EN).get(f"/reports/results.pdf?term={term_sales.world.term.id}")
    assert response.status_code == 200
    text = pdfs.text(response.get_data()).replace("\u00a0", " ")
    for expected in (
        "Ten-visit card results 24 Aug 2026–13 Dec 2026 (Syksy 2026)",
        "Report made on 30 Nov 2026.",
        "Cards sold",
        "€230.00",
        "Visits by course",
        "Card use",
        "Wednesday",
        "Page 1",
    ):
        assert expected in text, expected
    assert "Sivu" not in text and "Kymppikortin" not in text


@pytest.mark.parametrize(
    ("language", "title", "monday"),
    [(Language.SV, "Besök per veckodag", "mån"), (Language.EN, "Visits by weekday", "Mon")],
)
def test_a_chart_has_its_title_and_weekdays_in_the_staff_members_language(staff, term_sales, language, title, monday):
    body = staff(language).get(f"/reports/results/weekdays.svg?term={term_sales.world.term.id}").get_data(as_text=True)
    assert f"<title>{title}</title>" in body
    assert f">{monday}<" in body


def test_an_empty_chart_says_so_in_swedish(staff, world):
    body = staff(Language.SV).get(f"/reports/results/courses.svg?term={world.term.id}").get_data(as_text=True)
    assert "Inga uppgifter för den här perioden" in body


def test_the_buyer_list_file_has_english_headers_and_values_but_finnish_excel_dates(staff, world, make_card):
    card = make_card(name="Bertil Berg", email="bertil@example.org", language=Language.SV, feedback_consent=True)
    check_in(card.secret, world.course("gym").id, by=world.instructor, at=on(SESSION_DAY))
    header, row = read_csv(staff(Language.EN).get(f"/reports/buyers.csv?term={world.term.id}"))
    assert header[:6] == ["Name", "Email", "Phone", "Language", "Feedback consent", "New customer"]
    assert header[-1] == "Last visit"
    assert row[3:6] == ["Swedish", "yes", "yes"]
    assert row[-1] == "23.11.2026"


def test_the_buyer_list_workbook_has_a_swedish_sheet_and_header(staff, world, make_card):
    make_card(name="Bertil Berg", email="bertil@example.org", feedback_consent=True)
    response = staff(Language.SV).get(f"/reports/buyers.xlsx?term={world.term.id}")
    sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    assert sheet.title == "Köpare"
    assert [cell.value for cell in sheet[1]][:3] == ["Namn", "E-post", "Telefon"]
    assert [cell.value for cell in sheet[2]][3:5] == ["finska", "ja"]


def test_the_buyer_list_page_counts_in_english(staff, world, make_card):
    make_card(name="Aino Aalto", email="aino@example.org", feedback_consent=True)
    make_card(name="Cecilia Carlsson", email="cecilia@example.org", feedback_consent=False)
    html = staff(Language.EN).get(f"/reports/buyers?term={world.term.id}").get_data(as_text=True)
    assert "The file will hold 1 buyer who consented to feedback." in html
    assert "1 buyer who gave no feedback consent is left out of the table." in html
    assert "<td>yes</td>" in html


def test_the_reconciliation_file_names_its_totals_in_english(staff, world, make_card):
    make_card(name="Aino Aalto")
    header, day, *totals = read_csv(staff(Language.EN).get(f"/reports/reconciliation.csv?term={world.term.id}"))
    assert header == ["Date", "Payment method", "Sales", "Sales (€)", "Refunds", "Refunds (€)", "Net"]
    assert day[:2] == ["24.8.2026", "Cash"] and day[3] == "50,00"
    assert totals[-1][:2] == ["Total", "All"]


def test_a_period_error_is_shown_beside_the_field_in_english(staff, term_sales):
    html = staff(Language.EN).get("/reports/results?starts_on=2026-12-01&ends_on=2026-01-01").get_data(as_text=True)
    assert "The end date is before the start date." in html
    assert "Loppupäivä" not in html


def test_a_date_the_picker_cannot_read_or_allow_is_refused_in_swedish(staff, term_sales):
    client = staff(Language.SV)
    unreadable = client.get("/reports/results?starts_on=2026-13-40&ends_on=2026-12-01").get_data(as_text=True)
    assert "Ange datum i formen dd.mm.åååå." in unreadable
    too_early = client.get("/reports/results?starts_on=1900-01-01&ends_on=1900-02-01").get_data(as_text=True)
    assert "Anna päivämäärä väliltä" not in too_early and "1.1.2000" in too_early


def message_form(**changes) -> dict:
    data = {}
    for language, text in DEFAULT_TEXTS.items():
        data[f"subject_{language.value}"] = text.subject
        data[f"body_{language.value}"] = text.body
    return data | changes


def test_the_invitation_form_names_its_fields_and_errors_in_swedish(staff, round_id):
    client = staff(Language.SV)
    url = f"/reports/feedback/{round_id}/message"
    page = client.get(url).get_data(as_text=True)
    assert "<h1>Inbjudan</h1>" in page and "Rubrik (finska)" in page and "Meddelande (engelska)" in page
    data = message_form(subject_fi="", body_sv="Hej {namn}: {link}", action="preview")
    response = client.post(url, data={"csrf_token": csrf_token(client, url), **data})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "Rätta meddelandet" in html
    assert "Skriv meddelandets rubrik." in html
    assert "Okänd platshållare {namn}. Tillgängliga är {nimi}, {linkki} och {opisto}." in html


def test_the_message_rules_answer_in_the_language_being_written(app):
    """The office reads the errors in its own language, whichever language the message is in."""
    with force_locale("en"):
        problems = message_problems(Language.SV, MessageText("x" * 201, "Hej!"))
    assert problems == {
        "subject": "The subject is one line of at most 200 characters.",
        "body": "Add {link} to the text: the recipient's own survey link goes in its place.",
    }


def test_the_round_page_hands_the_script_its_texts_in_english(staff, round_id):
    html = staff(Language.EN).get(f"/reports/feedback/{round_id}").get_data(as_text=True)
    assert 'data-text-sending="Sending…"' in html
    assert 'data-text-interrupted="Sending stopped ({error}). Reload the page' in html
    assert "Send the invitations (4)" in html


def test_sending_and_retrying_flash_their_counts_in_english(smtp, staff, round_id):
    client = staff(Language.EN)
    url = f"/reports/feedback/{round_id}"
    client.post(f"{url}/send", data={"csrf_token": csrf_token(client, url)})
    page = client.get(url).get_data(as_text=True)
    assert "3 invitations sent, 1 failed." in page and REFUSED in page
    client.post(f"{url}/retry", data={"csrf_token": csrf_token(client, url)})
    assert "1 failed invitation put back in the queue. Send it again." in client.get(url).get_data(as_text=True)


def test_one_retried_invitation_is_singular_in_finnish_too(smtp, staff, round_id):
    client = staff(Language.FI)
    url = f"/reports/feedback/{round_id}"
    client.post(f"{url}/send", data={"csrf_token": csrf_token(client, url)})
    client.post(f"{url}/retry", data={"csrf_token": csrf_token(client, url)})
    assert "1 epäonnistunut kutsu palautettu jonoon. Lähetä se uudelleen." in client.get(url).get_data(as_text=True)
