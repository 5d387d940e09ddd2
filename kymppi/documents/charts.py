"""The results report's charts, each drawn once as a reportlab Drawing: SVG for the page, vector in the PDF.

Drawing on the server keeps the page free of chart scripts and CDNs, and the
printed report shows exactly the chart the office saw. Every figure in a
chart is also in a table next to it, so a chart is never the only place a
number is.

`svg` turns reportlab's inline `style` attributes into SVG presentation
attributes, which no CSP blocks. Inside the page's <img> Chromium draws
either kind, but a chart opened on its own (a new tab, "open image") is a
document under its own strict CSP, and there inline styles are refused and
every bar turns black (tests/test_report_browser.py shows both).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from babel.dates import get_day_names
from flask_babel import LazyString
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from reportlab.graphics import renderSVG
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib.colors import HexColor, white

from kymppi.documents import fonts
from kymppi.domain.feedback_results import RATINGS
from kymppi.domain.term_results import TermResults
from kymppi.formatting import LOCALES, number_text
from kymppi.i18n import current_language
from kymppi.labels import PAYMENT_METHOD

WIDTH, HEIGHT = 480, 180
ACCENT = HexColor("#0b5cad")
SECOND = HexColor("#e08a00")
TEXT = HexColor("#1a1a1a")
NO_DATA = _l("Ei tietoja tältä ajalta")
# A course name is cut to this many characters beside its bar; the table has it in full.
LABEL_CHARS = 28
# The most visited courses get a bar, as many as fit on a printed page (22 pt each); the table lists them all.
MAX_COURSE_BARS = 25


def weekday_names(width: str = "wide") -> list[str]:
    """Monday to Sunday in the current language, from Babel's locale data: "maanantai", "måndag", "Monday".

    "abbreviated" gives "ma", "mån", "Mon" for a chart's axis; the table spells the days out.
    """
    context = "stand-alone" if width == "wide" else "format"
    names = get_day_names(width, context, locale=LOCALES[current_language()])
    return [names[day] for day in range(7)]


@dataclass(frozen=True)
class Chart:
    """A chart's texts are lazy: the table of charts is built at import, and read in each reader's language."""

    title: LazyString
    alt: LazyString
    make: Callable[[TermResults], Drawing]
    # The title when a long period's sales are counted per month instead of per week.
    monthly_title: LazyString | None = None

    def heading(self, results: TermResults) -> str:
        return str(self.monthly_title if self.monthly_title and not results.sales.by_week else self.title)

    def drawing(self, results: TermResults) -> Drawing:
        fonts.register()  # the labels are measured in the embedded font
        return self.make(results)


def _integer_axis(axis, largest: int) -> None:
    """Round whole-number steps (1, 2, 5, 10, 20, 50 …), about five of them, grouped as the language writes them."""
    step = 1
    while largest > step * 5:
        step = _next_step(step)
    axis.valueMin = 0
    axis.valueMax = max(step, -(-largest // step) * step)
    axis.valueStep = step
    axis.labelTextFormat = lambda value: number_text(int(value))
    _font(axis.labels)


def _next_step(step: int) -> int:
    """1 → 2 → 5 → 10 → 20 → 50 …"""
    digits = str(step)
    return step * 5 // 2 if digits[0] == "2" else step * 2


def _font(labels, size: float = 8) -> None:
    labels.fontName = fonts.REGULAR
    labels.fontSize = size
    labels.fillColor = TEXT


def _empty(drawing: Drawing) -> Drawing:
    drawing.add(
        String(
            drawing.width / 2,
            drawing.height / 2,
            str(NO_DATA),
            fontName=fonts.REGULAR,
            fontSize=11,
            textAnchor="middle",
        )
    )
    return drawing


def _vertical(names: list[str], values: list[int]) -> Drawing:
    drawing = Drawing(WIDTH, HEIGHT)
    if not any(values):
        return _empty(drawing)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 40, 30, WIDTH - 55, HEIGHT - 45
    chart.data = [values]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    chart.barSpacing = 1
    chart.categoryAxis.categoryNames = names
    _font(chart.categoryAxis.labels, 7 if len(names) > 12 else 8)
    if len(names) > 12:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
    _integer_axis(chart.valueAxis, max(values))
    drawing.add(chart)
    return drawing


def _horizontal(names: list[str], values: list[int]) -> Drawing:
    """Long category names (courses, payment methods) read best beside horizontal bars."""
    drawing = Drawing(WIDTH, max(80, 22 * len(names) + 35))
    if not any(values):
        return _empty(drawing)
    chart = HorizontalBarChart()
    chart.x, chart.y = 160, 25
    chart.width, chart.height = WIDTH - 180, drawing.height - 35
    # Listed top down, as the table under the chart is.
    chart.data = [list(reversed(values))]
    chart.categoryAxis.categoryNames = [_short(name) for name in reversed(names)]
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    _font(chart.categoryAxis.labels)
    _integer_axis(chart.valueAxis, max(values))
    drawing.add(chart)
    return drawing


def _short(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…"


def sales_chart(results: TermResults) -> Drawing:
    buckets = results.sales.buckets
    return _vertical([bucket.short_label for bucket in buckets], [b.cards for b in buckets])


def customers_chart(results: TermResults) -> Drawing:
    sales = results.sales
    drawing = Drawing(WIDTH, 180)
    if not sales.new_customers + sales.returning_customers:
        return _empty(drawing)
    pie = Pie()
    pie.x, pie.y, pie.width, pie.height = 150, 15, 150, 150
    pie.data = [sales.new_customers, sales.returning_customers]
    pie.labels = [
        _("Uudet %(count)s", count=number_text(sales.new_customers)),
        _("Palaavat %(count)s", count=number_text(sales.returning_customers)),
    ]
    pie.slices.strokeColor = white
    pie.slices[0].fillColor = ACCENT
    pie.slices[1].fillColor = SECOND
    pie.slices.fontName = fonts.REGULAR
    pie.slices.fontSize = 9
    pie.simpleLabels = 0
    pie.sideLabels = 1
    drawing.add(pie)
    return drawing


def revenue_chart(results: TermResults) -> Drawing:
    """Net euros per method, whole euros on the axis (the table has the cents)."""
    methods = results.sales.methods
    return _horizontal(
        [str(PAYMENT_METHOD[tally.method]) for tally in methods], [max(0, tally.net_cents) // 100 for tally in methods]
    )


def courses_chart(results: TermResults) -> Drawing:
    courses = results.visits.by_course[:MAX_COURSE_BARS]
    return _horizontal([course.name for course in courses], [course.visits for course in courses])


def weekdays_chart(results: TermResults) -> Drawing:
    return _vertical(weekday_names("abbreviated"), [day.visits for day in results.visits.by_weekday])


def ratings_chart(results: TermResults) -> Drawing:
    """Answers per overall rating, 1 to 5; an empty chart says so when no round or no answers."""
    counts = results.feedback.rating_counts if results.feedback else {}
    return _vertical([str(rating) for rating in RATINGS], [counts.get(rating, 0) for rating in RATINGS])


CHARTS = {
    "sales": Chart(
        _l("Myydyt kortit viikoittain"),
        _l("Pylväskaavio myydyistä korteista ajan mukaan; luvut taulukossa kaavion alla."),
        sales_chart,
        _l("Myydyt kortit kuukausittain"),
    ),
    "customers": Chart(
        _l("Uudet ja palaavat asiakkaat"),
        _l("Piirakkakaavio uusista ja palaavista asiakkaista; luvut taulukossa kaavion alla."),
        customers_chart,
    ),
    "revenue": Chart(
        _l("Tulot maksutavoittain (netto, €)"),
        _l("Pylväskaavio nettotuloista maksutavoittain; luvut taulukossa kaavion alla."),
        revenue_chart,
    ),
    "courses": Chart(
        _l("Käynnit kursseittain"),
        _l("Pylväskaavio käynneistä kursseittain; luvut taulukossa kaavion alla."),
        courses_chart,
    ),
    "weekdays": Chart(
        _l("Käynnit viikonpäivittäin"),
        _l("Pylväskaavio käynneistä viikonpäivittäin; luvut taulukossa kaavion alla."),
        weekdays_chart,
    ),
    "ratings": Chart(
        _l("Palaute: kokonaisarvio 1–5"),
        _l("Pylväskaavio palautteen kokonaisarvioista 1–5; luvut taulukossa kaavion alla."),
        ratings_chart,
    ),
}


_STYLE = re.compile(r' style="([^"]*)"')


def svg(drawing: Drawing, title: str) -> str:
    """The drawing as an SVG document with presentation attributes instead of inline styles."""
    text = renderSVG.drawToString(drawing)
    text = _STYLE.sub(_attributes, text)
    text = text.replace("<title>...</title>", f"<title>{escape(title)}</title>").replace("<desc>...</desc>", "")
    return text.replace(f'font-family="{fonts.REGULAR}"', 'font-family="DejaVu Sans, Verdana, sans-serif"')


def _attributes(match: re.Match) -> str:
    pairs = (part.split(":", 1) for part in match.group(1).split(";") if ":" in part)
    return "".join(f' {name.strip()}="{value.strip()}"' for name, value in pairs)
