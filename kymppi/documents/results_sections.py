"""The results report as the reader sees it: key figures, then sections of a chart and its table.

Written once, in the reader's language, for both the dashboard page and the
PDF, so the two can't disagree. Each table holds every figure of its chart, so no
number is only in a picture.
"""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import pgettext

from kymppi.documents.charts import CHARTS, MAX_COURSE_BARS, Chart, weekday_names
from kymppi.domain.feedback_results import RATINGS, FeedbackResults
from kymppi.domain.reconciliation import Tally
from kymppi.domain.term_results import TermResults
from kymppi.formatting import date_text, decimal_text, euros, number_text, percent_text
from kymppi.labels import BUY_AGAIN, PAYMENT_METHOD
from kymppi.models import BuyAgain


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[list[str]]
    # The totals row, shown apart from the others.
    total: list[str] | None = None
    # Columns after the first are figures, aligned right; text columns are named here.
    text_columns: int = 1


@dataclass(frozen=True)
class Section:
    key: str  # also the chart's name in its URL and the section's id on the page
    title: str
    table: Table
    chart: Chart | None = None
    notes: list[str] = field(default_factory=list)


def key_figures(results: TermResults) -> list[tuple[str, str]]:
    sales, use = results.sales, results.card_use
    return [
        (_("Myydyt kortit"), number_text(sales.cards)),
        (_("Tulot (netto)"), euros(sales.total.net_cents)),
        (
            _("Uudet / palaavat asiakkaat"),
            f"{number_text(sales.new_customers)} / {number_text(sales.returning_customers)}",
        ),
        (_("Käynnit"), number_text(results.visits.total)),
        (_("Käyttöaste"), percent_text(use.utilisation)),
        (_("Loppuun käytetyt kortit"), number_text(use.used_up)),
        (_("Vanhentuneet käyttämättömät käynnit"), number_text(use.expired_visits)),
        *_feedback_figures(results.feedback),
    ]


def _feedback_figures(feedback: FeedbackResults | None) -> list[tuple[str, str]]:
    if feedback is None:
        return [(_("Palautekierros"), _("ei tehty"))]
    return [
        (_("Palautteen vastausprosentti"), percent_text(feedback.response_rate)),
        (_("Kokonaisarvio (1–5)"), decimal_text(feedback.rating_average)),
    ]


def sections(results: TermResults) -> list[Section]:
    return [
        _sales(results),
        _customers(results),
        _revenue(results),
        _courses(results),
        _weekdays(results),
        _card_use(results),
        *([_feedback(results)] if results.feedback else []),
    ]


def _sales(results: TermResults) -> Section:
    sales, chart = results.sales, CHARTS["sales"]
    first = _("Viikko") if sales.by_week else _("Kuukausi")
    rows = [[bucket.label, date_text(bucket.starts_on), number_text(bucket.cards)] for bucket in sales.buckets]
    total = [_("Yhteensä"), "", number_text(sales.cards)]
    table = Table([first, _("Alkaen"), _("Kortteja")], rows, total, text_columns=2)
    return Section("sales", chart.heading(results), table, chart)


def _customers(results: TermResults) -> Section:
    sales = results.sales
    rows = [
        [_("Uudet asiakkaat"), number_text(sales.new_customers)],
        [_("Palaavat asiakkaat"), number_text(sales.returning_customers)],
    ]
    total = [_("Yhteensä"), number_text(sales.new_customers + sales.returning_customers)]
    notes = [
        _("Ostaja lasketaan kerran, vaikka hän ostaisi useamman kortin; uusi asiakas kysytään myynnin yhteydessä.")
    ]
    chart = CHARTS["customers"]
    table = Table([_("Asiakkaat"), _("Ostajia")], rows, total)
    return Section("customers", chart.heading(results), table, chart, notes)


def _money_row(name: str, tally: Tally) -> list[str]:
    return [
        name,
        number_text(tally.sales),
        euros(tally.sales_cents),
        number_text(tally.refunds),
        euros(tally.refunds_cents),
        euros(tally.net_cents),
    ]


def _revenue(results: TermResults) -> Section:
    sales = results.sales
    header = [_("Maksutapa"), _("Myyntejä"), pgettext("amount", "Myynti"), _("Hyvityksiä"), _("Hyvitykset"), _("Netto")]
    rows = [_money_row(str(PAYMENT_METHOD[tally.method]), tally) for tally in sales.methods]
    notes = [_("Netto = ajalla myytyjen korttien hinnat miinus ajalla maksetut hyvitykset.")]
    table = Table(header, rows, _money_row(_("Yhteensä"), sales.total))
    return Section("revenue", CHARTS["revenue"].heading(results), table, CHARTS["revenue"], notes)


def _courses(results: TermResults) -> Section:
    visits = results.visits
    rows = [[c.name, c.code, number_text(c.visits), number_text(c.sessions)] for c in visits.by_course]
    header = [_("Kurssi"), _("Koodi"), _("Käyntejä"), _("Kurssikertoja")]
    table = Table(header, rows, [_("Yhteensä"), "", number_text(visits.total), ""], 2)
    notes = [_("Kurssikerrat, joilla kävi ainakin yksi kortin haltija. Peruutetut leimaukset eivät ole mukana.")]
    if len(visits.by_course) > MAX_COURSE_BARS:
        notes.append(
            _(
                "Kaaviossa %(shown)s eniten käytyä kurssia; taulukossa kaikki %(all)s.",
                shown=number_text(MAX_COURSE_BARS),
                all=number_text(len(visits.by_course)),
            )
        )
    return Section("courses", CHARTS["courses"].heading(results), table, CHARTS["courses"], notes)


def _weekdays(results: TermResults) -> Section:
    visits = results.visits
    names = weekday_names()
    rows = [[names[day.weekday], number_text(day.visits)] for day in visits.by_weekday]
    table = Table([_("Viikonpäivä"), _("Käyntejä")], rows, [_("Yhteensä"), number_text(visits.total)])
    return Section("weekdays", CHARTS["weekdays"].heading(results), table, CHARTS["weekdays"])


def _card_use(results: TermResults) -> Section:
    use = results.card_use
    rows = [
        [_("Ajalla voimassa olleet kortit"), number_text(use.cards)],
        [_("Käyntejä myyty"), number_text(use.visits_sold)],
        [_("Käyntejä käytetty"), number_text(use.visits_used)],
        [_("Käyttöaste (käytetyt / myydyt)"), percent_text(use.utilisation)],
        [_("Loppuun käytetyt kortit"), number_text(use.used_up)],
        [_("Vanhentuneet kortit, joilla käyntejä jäljellä"), number_text(use.expired_cards)],
        [_("Vanhentuneet käyttämättömät käynnit"), number_text(use.expired_visits)],
    ]
    notes = [
        _(
            "Tilanne %(day)s. Korvattu kortti ja sen korvaaja ovat yksi kortti; "
            "hyvitetyn kortin käyttämättömiä käyntejä ei lasketa myydyiksi.",
            day=date_text(results.today),
        )
    ]
    return Section("card-use", _("Korttien käyttö"), Table(["", _("Määrä")], rows), None, notes)


def _feedback(results: TermResults) -> Section:
    """The round's summary for management; the answers in full are on the round's own results page."""
    feedback, chart = results.feedback, CHARTS["ratings"]
    rows = [
        [_("Kutsuja lähetetty"), number_text(feedback.sent)],
        [_("Vastauksia"), number_text(feedback.answered)],
        [_("Vastausprosentti"), percent_text(feedback.response_rate)],
        [_("Kokonaisarvio keskimäärin (1–5)"), decimal_text(feedback.rating_average)],
        *[
            [_("Arvio %(rating)s", rating=rating), number_text(feedback.rating_counts[rating])]
            for rating in reversed(RATINGS)
        ],
        *[
            [_("Ostaisi kortin uudelleen: %(answer)s", answer=BUY_AGAIN[choice]), number_text(n)]
            for choice, n in _buy_again(feedback)
        ],
    ]
    first, last = date_text(feedback.starts_on), date_text(feedback.ends_on)
    if feedback.closed_at:
        state = _(
            "Palautekierros %(first)s–%(last)s, suljettu %(closed)s.",
            first=first,
            last=last,
            closed=date_text(feedback.closed_at),
        )
    else:
        state = _("Palautekierros %(first)s–%(last)s, vielä avoinna.", first=first, last=last)
    notes = [
        state + " " + _("Vastausprosentti on lähetetyistä kutsuista. Vapaat vastaukset ovat kierroksen tulossivulla.")
    ]
    return Section("ratings", _("Palaute"), Table(["", _("Määrä")], rows), chart, notes)


def _buy_again(feedback: FeedbackResults) -> list[tuple[BuyAgain, int]]:
    return [(choice, feedback.buy_again_counts[choice]) for choice in BUY_AGAIN]
