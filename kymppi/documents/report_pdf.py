"""The results report as an A4 PDF the office hands to management: the dashboard on paper.

Built with reportlab's platypus from the same sections as the page
(`results_sections`), charts as vector drawings, text in the embedded DejaVu
fonts so ä and ö print right everywhere. Its texts are in the language of the
request, the staff member's own, like the page it prints.
The charts are drawn 480 pt wide, inside A4's 493 pt between the margins.
"""

import io
from datetime import date
from xml.sax.saxutils import escape

from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kymppi.documents import fonts
from kymppi.documents.pages import MARGIN, numbered_footer
from kymppi.documents.results_sections import Section, key_figures, sections
from kymppi.domain.term_results import SCOPE, TermResults
from kymppi.formatting import date_text
from kymppi.models import Organization

FRAME_WIDTH = A4[0] - 2 * MARGIN
LINE = colors.HexColor("#ccd3db")
HEADER_FILL = colors.HexColor("#f4f6f8")
MUTED = colors.HexColor("#555555")


def _styles() -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=fonts.BOLD, fontSize=17, leading=21, spaceAfter=2 * mm),
        "subtitle": ParagraphStyle("subtitle", fontName=fonts.REGULAR, fontSize=11, leading=14, spaceAfter=3 * mm),
        "heading": ParagraphStyle(
            "heading", fontName=fonts.BOLD, fontSize=13, leading=16, spaceBefore=5 * mm, spaceAfter=2 * mm
        ),
        "note": ParagraphStyle(
            "note", fontName=fonts.REGULAR, fontSize=8, leading=10, spaceBefore=1 * mm, textColor=MUTED
        ),
    }


def title_of(results: TermResults) -> str:
    period = results.period
    first, last = date_text(period.starts_on), date_text(period.ends_on)
    if period.term is None:
        return _("Kymppikortin tulokset %(first)s–%(last)s", first=first, last=last)
    return _("Kymppikortin tulokset %(first)s–%(last)s (%(term)s)", first=first, last=last, term=period.term.name)


def report_pdf(results: TermResults, organization: Organization, *, made_on: date) -> bytes:
    fonts.register()
    styles = _styles()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title_of(results),
        author=organization.name,
        pageCompression=1,
    )
    story = [
        Paragraph(escape(organization.name), styles["title"]),
        Paragraph(escape(title_of(results)), styles["subtitle"]),
        Paragraph(escape(_("Raportti tehty %(day)s.", day=date_text(made_on)) + " " + str(SCOPE)), styles["note"]),
        Spacer(1, 4 * mm),
        _figures_table(key_figures(results)),
    ]
    for section in sections(results):
        story += _section(section, results, styles)

    footer = numbered_footer(f"{organization.name} – {title_of(results)}")
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _figures_table(figures: list[tuple[str, str]]) -> Table:
    table = Table([list(pair) for pair in figures], colWidths=[80 * mm, 50 * mm], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (0, -1), fonts.REGULAR, 10),
                ("FONT", (1, 0), (1, -1), fonts.BOLD, 11),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, LINE),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _section(section: Section, results: TermResults, styles) -> list:
    """A section stays on one page if it fits; a long table continues on the next, its header repeated."""
    head = [Paragraph(escape(section.title), styles["heading"])]
    if section.chart is not None:
        drawing = section.chart.drawing(results)
        drawing.hAlign = "LEFT"
        head.append(drawing)
    notes = [Paragraph(escape(note), styles["note"]) for note in section.notes]
    return [KeepTogether([*head, _data_table(section), *notes])]


def _data_table(section: Section) -> Table:
    """The section's table; if it is wider than the page, its first column wraps (a long course name)."""
    data = section.table
    rows = [data.header, *data.rows] + ([data.total] if data.total else [])
    table = Table(rows, repeatRows=1, hAlign="LEFT")
    table.wrap(FRAME_WIDTH, A4[1])
    widths = list(table._colWidths)
    if sum(widths) > FRAME_WIDTH:
        widths[0] = FRAME_WIDTH - sum(widths[1:])
        cell = ParagraphStyle("cell", fontName=fonts.REGULAR, fontSize=8.5, leading=10)
        rows = [rows[0], *[[Paragraph(escape(row[0]), cell), *row[1:]] for row in rows[1:]]]
        table = Table(rows, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("FONT", (0, 0), (-1, -1), fonts.REGULAR, 8.5),
        ("FONT", (0, 0), (-1, 0), fonts.BOLD, 8.5),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("ALIGN", (data.text_columns, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, LINE),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if data.total:
        style.append(("FONT", (0, -1), (-1, -1), fonts.BOLD, 8.5))
    table.setStyle(TableStyle(style))
    return table
