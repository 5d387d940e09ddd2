"""The results report as the reader sees it: key figures, then sections of a chart and its table.

Written once, as Finnish text, for both the dashboard page and the PDF, so
the two can't disagree. Each table holds every figure of its chart, so no
number is only in a picture.
"""

from dataclasses import dataclass, field

from kymppi.documents.charts import CHARTS, MAX_COURSE_BARS, Chart
from kymppi.domain.catalog import WEEKDAYS
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
        ("Myydyt kortit", number_text(sales.cards)),
        ("Tulot (netto)", euros(sales.total.net_cents)),
        (
            "Uudet / palaavat asiakkaat",
            f"{number_text(sales.new_customers)} / {number_text(sales.returning_customers)}",
        ),
        ("Käynnit", number_text(results.visits.total)),
        ("Käyttöaste", percent_text(use.utilisation)),
        ("Loppuun käytetyt kortit", number_text(use.used_up)),
        ("Vanhentuneet käyttämättömät käynnit", number_text(use.expired_visits)),
        *_feedback_figures(results.feedback),
    ]


def _feedback_figures(feedback: FeedbackResults | None) -> list[tuple[str, str]]:
    if feedback is None:
        return [("Palautekierros", "ei tehty")]
    return [
        ("Palautteen vastausprosentti", percent_text(feedback.response_rate)),
        ("Kokonaisarvio (1–5)", decimal_text(feedback.rating_average)),
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
    first = "Viikko" if sales.by_week else "Kuukausi"
    rows = [[bucket.label, date_text(bucket.starts_on), number_text(bucket.cards)] for bucket in sales.buckets]
    table = Table([first, "Alkaen", "Kortteja"], rows, ["Yhteensä", "", number_text(sales.cards)], text_columns=2)
    return Section("sales", chart.heading(results), table, chart)


def _customers(results: TermResults) -> Section:
    sales = results.sales
    rows = [
        ["Uudet asiakkaat", number_text(sales.new_customers)],
        ["Palaavat asiakkaat", number_text(sales.returning_customers)],
    ]
    total = ["Yhteensä", number_text(sales.new_customers + sales.returning_customers)]
    notes = ["Ostaja lasketaan kerran, vaikka hän ostaisi useamman kortin; uusi asiakas kysytään myynnin yhteydessä."]
    return Section(
        "customers", CHARTS["customers"].title, Table(["Asiakkaat", "Ostajia"], rows, total), CHARTS["customers"], notes
    )


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
    header = ["Maksutapa", "Myyntejä", "Myynti", "Hyvityksiä", "Hyvitykset", "Netto"]
    rows = [_money_row(PAYMENT_METHOD[tally.method], tally) for tally in sales.methods]
    notes = ["Netto = ajalla myytyjen korttien hinnat miinus ajalla maksetut hyvitykset."]
    table = Table(header, rows, _money_row("Yhteensä", sales.total))
    return Section("revenue", CHARTS["revenue"].title, table, CHARTS["revenue"], notes)


def _courses(results: TermResults) -> Section:
    visits = results.visits
    rows = [[c.name, c.code, number_text(c.visits), number_text(c.sessions)] for c in visits.by_course]
    table = Table(
        ["Kurssi", "Koodi", "Käyntejä", "Kurssikertoja"], rows, ["Yhteensä", "", number_text(visits.total), ""], 2
    )
    notes = ["Kurssikerrat, joilla kävi ainakin yksi kortin haltija. Peruutetut leimaukset eivät ole mukana."]
    if len(visits.by_course) > MAX_COURSE_BARS:
        notes.append(f"Kaaviossa {MAX_COURSE_BARS} eniten käytyä kurssia; taulukossa kaikki {len(visits.by_course)}.")
    return Section("courses", CHARTS["courses"].title, table, CHARTS["courses"], notes)


def _weekdays(results: TermResults) -> Section:
    visits = results.visits
    rows = [[WEEKDAYS[day.weekday], number_text(day.visits)] for day in visits.by_weekday]
    table = Table(["Viikonpäivä", "Käyntejä"], rows, ["Yhteensä", number_text(visits.total)])
    return Section("weekdays", CHARTS["weekdays"].title, table, CHARTS["weekdays"])


def _card_use(results: TermResults) -> Section:
    use = results.card_use
    rows = [
        ["Ajalla voimassa olleet kortit", number_text(use.cards)],
        ["Käyntejä myyty", number_text(use.visits_sold)],
        ["Käyntejä käytetty", number_text(use.visits_used)],
        ["Käyttöaste (käytetyt / myydyt)", percent_text(use.utilisation)],
        ["Loppuun käytetyt kortit", number_text(use.used_up)],
        ["Vanhentuneet kortit, joilla käyntejä jäljellä", number_text(use.expired_cards)],
        ["Vanhentuneet käyttämättömät käynnit", number_text(use.expired_visits)],
    ]
    notes = [
        f"Tilanne {date_text(results.today)}. Korvattu kortti ja sen korvaaja ovat yksi kortti; "
        "hyvitetyn kortin käyttämättömiä käyntejä ei lasketa myydyiksi."
    ]
    return Section("card-use", "Korttien käyttö", Table(["", "Määrä"], rows), None, notes)


def _feedback(results: TermResults) -> Section:
    """The round's summary for management; the answers in full are on the round's own results page."""
    feedback, chart = results.feedback, CHARTS["ratings"]
    rows = [
        ["Kutsuja lähetetty", number_text(feedback.sent)],
        ["Vastauksia", number_text(feedback.answered)],
        ["Vastausprosentti", percent_text(feedback.response_rate)],
        ["Kokonaisarvio keskimäärin (1–5)", decimal_text(feedback.rating_average)],
        *[[f"Arvio {rating}", number_text(feedback.rating_counts[rating])] for rating in reversed(RATINGS)],
        *[[f"Ostaisi kortin uudelleen: {BUY_AGAIN[choice]}", number_text(n)] for choice, n in _buy_again(feedback)],
    ]
    state = f"suljettu {date_text(feedback.closed_at)}" if feedback.closed_at else "vielä avoinna"
    notes = [
        f"Palautekierros {date_text(feedback.starts_on)}–{date_text(feedback.ends_on)}, {state}. "
        "Vastausprosentti on lähetetyistä kutsuista. Vapaat vastaukset ovat kierroksen tulossivulla."
    ]
    return Section("ratings", "Palaute", Table(["", "Määrä"], rows), chart, notes)


def _buy_again(feedback: FeedbackResults) -> list[tuple[BuyAgain, int]]:
    return [(choice, feedback.buy_again_counts[choice]) for choice in BUY_AGAIN]
