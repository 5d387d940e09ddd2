"""The results report as a PDF: it renders, every page has something on it, and its text has the totals."""

from dataclasses import replace
from datetime import date

import pypdfium2
from reportlab.lib.pagesizes import A4

from kymppi.documents.charts import CHARTS
from kymppi.documents.report_pdf import MARGIN, report_pdf
from kymppi.domain.organization import opisto
from kymppi.domain.periods import Period
from kymppi.domain.term_results import CourseVisits, term_results
from kymppi.reports import results as results_view
from tests import pdfs
from tests.factories import on

MID_TERM = date(2026, 11, 30)


def inked_shares(data: bytes) -> list[float]:
    """For each page, the share of its pixels that are not white, rendered at 50 dpi."""
    document = pypdfium2.PdfDocument(data)
    try:
        histograms = [page.render(scale=50 / 72).to_pil().convert("L").histogram() for page in document]
    finally:
        document.close()
    return [1 - histogram[255] / sum(histogram) for histogram in histograms]


def test_the_pdf_has_the_title_figures_and_charts_on_a_few_a4_pages(term_sales):
    results = term_results(Period.of_term(term_sales.world.term), today=MID_TERM)
    data = report_pdf(results, opisto(), made_on=MID_TERM)
    shares = inked_shares(data)
    assert len(shares) == 3
    assert min(shares) > 0.01, shares  # no blank page
    assert all(round(w) == 210 and round(h) == 297 for w, h in pdfs.page_sizes_mm(data))
    text = pdfs.text(data).replace("\u00a0", " ")
    for expected in (
        "Testiopisto",
        "Kymppikortin tulokset 24.8.2026–13.12.2026 (Syksy 2026)",
        "Myydyt kortit",
        "230,00 €",  # net revenue
        "300,00 €",  # sales before refunds
        "70,00 €",  # refunds
        "35 %",  # utilisation 17 / 49
        "Käynnit kursseittain",
        "Korttien käyttö",
        "keskiviikko",
        "Sivu 3",
        "Palautekierros",  # a key figure: "ei tehty"
    ):
        assert expected in text, expected
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= {name.split("+")[-1].lstrip("/") for name in pdfs.embedded_fonts(data)}


def test_a_term_with_many_courses_visited_still_prints(world):
    """A bar per course made the chart taller than an A4 page from 32 courses on, and the PDF failed."""
    results = term_results(Period.of_term(world.term), today=MID_TERM)
    courses = [CourseVisits(f"K{n}", f"Kurssi {n:02}", 100 - n, 10, n) for n in range(40)]
    many = replace(results, visits=replace(results.visits, by_course=courses, total=sum(c.visits for c in courses)))
    text = pdfs.text(report_pdf(many, opisto(), made_on=MID_TERM)).replace("\u00a0", " ")
    assert "Kurssi 39" in text  # the table has every course
    assert "Kaaviossa 25 eniten käytyä kurssia; taulukossa kaikki 40." in text
    assert CHARTS["courses"].drawing(many).height < A4[1] - 2 * MARGIN  # it fits a page, with room to spare


def test_an_empty_term_still_makes_a_readable_pdf(world):
    data = report_pdf(term_results(Period.of_term(world.term), today=MID_TERM), opisto(), made_on=MID_TERM)
    text = pdfs.text(data)
    assert "Ei tietoja tältä ajalta" in text or "0,00 €" in text
    assert all(share > 0.005 for share in inked_shares(data))


def test_the_office_downloads_the_pdf_for_the_chosen_period(client, login, monkeypatch, term_sales):
    login()
    monkeypatch.setattr(results_view, "utcnow", lambda: on(MID_TERM))
    response = client.get(f"/reports/results.pdf?term={term_sales.world.term.id}")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == 'inline; filename="tulokset-2026-08-24-2026-12-13.pdf"'
    assert "Raportti tehty 30.11.2026" in pdfs.text(response.get_data())


def test_a_table_wider_than_the_page_wraps_its_first_column(term_sales):
    """A course name near its 100-character limit would run past the right margin."""
    results = term_results(Period.of_term(term_sales.world.term), today=MID_TERM)
    long_name = "Pitkän nimen kurssi " * 5
    courses = [CourseVisits("K1", long_name.strip(), 5, 2, 1)]
    wide = replace(results, visits=replace(results.visits, by_course=courses))
    data = report_pdf(wide, opisto(), made_on=MID_TERM)
    assert pdfs.rightmost_text_mm(data) <= (A4[0] - MARGIN) / pdfs.MM + 0.5
    assert "Pitkän nimen kurssi Pitkän nimen kurssi" in pdfs.text(data).replace("\n", " ")
