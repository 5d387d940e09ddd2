"""The results report's figures against a term computed by hand (tests/term_sales.py), and its page.

Every expected number below was counted from the fixture's docstring, not
from the code under test.
"""

from datetime import date

import pytest

from kymppi.domain.periods import Period
from kymppi.domain.term_results import term_results
from kymppi.formatting import decimal_text, euros, number_text, percent_text
from kymppi.models import PaymentMethod
from kymppi.reports import results as results_view
from tests.factories import on
from tests.queries import statements_of

MID_TERM = date(2026, 11, 30)
AFTER_TERM = date(2026, 12, 20)


@pytest.fixture
def term(term_sales):
    return Period.of_term(term_sales.world.term)


def test_sales_are_counted_per_local_week_and_buyer(term):
    sales = term_results(term, today=MID_TERM).sales
    assert sales.cards == 7  # Gunnar's card was sold before the term
    assert sales.by_week
    weeks = {bucket.label: bucket.cards for bucket in sales.buckets}
    assert list(weeks) == [f"vk {week}" for week in range(35, 51)]
    # Fanni's sale at 00:30 on Monday 5.10. is week 41 in Helsinki (week 40 in UTC).
    assert {label: n for label, n in weeks.items() if n} == {"vk 36": 2, "vk 38": 2, "vk 41": 2, "vk 48": 1}
    assert sales.buckets[0].starts_on == date(2026, 8, 24)
    # Aino bought twice and counts once.
    assert (sales.new_customers, sales.returning_customers) == (4, 2)


def test_revenue_by_method_is_net_of_the_refunds_paid_in_the_period(term):
    sales = term_results(term, today=MID_TERM).sales
    by_method = {t.method: (t.sales, t.sales_cents, t.refunds, t.refunds_cents, t.net_cents) for t in sales.methods}
    assert by_method == {
        PaymentMethod.CASH: (2, 10000, 1, 5000, 5000),
        PaymentMethod.PAYMENT_CARD: (1, 2000, 0, 0, 2000),
        PaymentMethod.INVOICE: (1, 5000, 1, 2000, 3000),
        PaymentMethod.EPASSI: (1, 5000, 0, 0, 5000),
        PaymentMethod.SMARTUM: (1, 3000, 0, 0, 3000),
        PaymentMethod.EDENRED: (1, 5000, 0, 0, 5000),
        PaymentMethod.OTHER: (0, 0, 0, 0, 0),
    }
    total = sales.total
    assert (total.sales, total.sales_cents, total.refunds, total.refunds_cents, total.net_cents) == (
        7,
        30000,
        2,
        7000,
        23000,
    )


def test_visits_per_course_and_weekday_leave_out_the_undone_check_in(term):
    visits = term_results(term, today=MID_TERM).visits
    assert visits.total == 17
    assert [(c.name, c.visits, c.sessions) for c in visits.by_course] == [
        ("Gym", 10, 6),
        ("Dance", 6, 5),
        ("Capped", 1, 1),
    ]
    assert [day.visits for day in visits.by_weekday] == [10, 0, 6, 1, 0, 0, 0]


def test_card_use_counts_a_replaced_card_once_and_refunded_visits_as_not_sold(term):
    use = term_results(term, today=MID_TERM).card_use
    # Nine card rows valid in the term; Bertta's lost card and its replacement are one card.
    assert use.cards == 8
    assert use.visits_used == 17
    # Unused and still sold: Gunnar 9, Aino 7 + 0, Bertta 5, Cecilia 3, Fanni 8 (Daniel's and Eero's were refunded).
    assert use.visits_sold == 49
    assert use.utilisation == pytest.approx(17 / 49)
    assert use.used_up == 1  # Aino's two-visit card
    # By 30.11. only Cecilia's autumn card (valid to 31.10.) has expired, with 3 visits unused.
    assert (use.expired_cards, use.expired_visits) == (1, 3)


def test_after_the_term_every_active_card_with_visits_left_has_expired(term):
    use = term_results(term, today=AFTER_TERM).card_use
    # Gunnar 9, Aino 7, Bertta's replacement 5, Cecilia 3, Fanni 8.
    assert (use.expired_cards, use.expired_visits) == (5, 32)


def test_a_date_range_counts_only_its_own_sales_and_sessions(term_sales):
    october = term_results(Period(date(2026, 10, 1), date(2026, 10, 31)), today=MID_TERM)
    assert october.sales.cards == 2  # Daniel and Fanni on 5.10.
    assert october.sales.total.refunds_cents == 5000  # Daniel's, paid back on 12.10.
    assert october.visits.total == 4  # Bertta gym 5.10., Daniel gym 5.10., Fanni dance 7.10. and capped 8.10.
    # Every card is valid through October, so all eight are counted.
    assert october.card_use.cards == 8


def test_a_period_of_years_counts_sales_per_month(term_sales):
    decades = term_results(Period(date(2000, 1, 1), date(2099, 12, 31)), today=MID_TERM).sales
    assert not decades.by_week
    assert [(b.label, b.cards) for b in decades.buckets] == [
        ("8/2026", 2),
        ("9/2026", 3),
        ("10/2026", 2),
        ("11/2026", 1),
    ]


def test_an_empty_period_has_zeros_and_no_utilisation(world):
    report = term_results(Period.of_term(world.term), today=MID_TERM)
    assert report.sales.cards == 0 and report.visits.total == 0
    assert report.card_use.utilisation is None
    assert len(report.sales.buckets) == 16


def test_the_figures_take_a_fixed_number_of_queries(term_sales, make_card):
    term = Period.of_term(term_sales.world.term)

    def queries() -> int:
        return statements_of(lambda: term_results(term, today=MID_TERM))

    before = queries()
    for n in range(5):
        make_card(name=f"Lisä Ostaja {n}")
    # Sales per week and method, their buyers, refunds, check-ins and their courses' names,
    # cards, and the look-up of the period's feedback round (none here).
    assert queries() == before == 7


@pytest.fixture
def office_client(client, login, monkeypatch):
    login()
    monkeypatch.setattr(results_view, "utcnow", lambda: on(MID_TERM))
    return client


def test_the_dashboard_shows_the_figures_and_tables(office_client, term_sales):
    page = office_client.get(f"/reports/results?term={term_sales.world.term.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for text in ("Tulosraportti", "24.8.2026–13.12.2026", "230,00\u00a0€", "35\u00a0%", "4 / 2", "Gym", "keskiviikko"):
        assert text in html, text
    # One chart image per chart section, each with its figures in a table beside it.
    assert html.count('<img src="/reports/results/') == 5
    assert html.count("<table") == 6
    assert 'alt="Pylväskaavio' in html
    assert "ajalla voimassa olleet kortit" in html


@pytest.mark.parametrize("chart", ["sales", "customers", "revenue", "courses", "weekdays"])
def test_each_chart_is_an_svg_image_without_inline_styles(office_client, term_sales, chart):
    response = office_client.get(f"/reports/results/{chart}.svg?term={term_sales.world.term.id}")
    assert response.status_code == 200
    assert response.mimetype == "image/svg+xml"
    body = response.get_data(as_text=True)
    assert body.startswith("<?xml") and "<svg" in body
    assert "style=" not in body
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]


def test_an_empty_chart_says_so(office_client, world):
    body = office_client.get("/reports/results/courses.svg").get_data(as_text=True)
    assert "Ei tietoja tältä ajalta" in body


@pytest.mark.parametrize(
    "query",
    [
        "?starts_on=2026-13-40&ends_on=2026-12-01",
        "?starts_on=2026-12-01&ends_on=2026-01-01",
        "?starts_on=2026-12-01",
        "?starts_on=1900-01-01&ends_on=1900-02-01",
        "?term=abc",
        "?term=99999999999999999999",
        "?starts_on=2000-01-01&ends_on=2099-12-31",
        "?starts_on=%00&ends_on=%ff",
    ],
)
def test_bad_period_input_never_fails(office_client, term_sales, query):
    pages = ("/reports/results", "/reports/results/sales.svg", "/reports/results.pdf", "/reports/reconciliation")
    files = ("/reports/reconciliation.csv", "/reports/attendance.csv")
    for path in pages + files:
        assert office_client.get(path + query).status_code == 200, path + query


def test_a_range_that_ends_before_it_starts_is_refused_beside_the_field(office_client, term_sales):
    html = office_client.get("/reports/results?starts_on=2026-12-01&ends_on=2026-01-01").get_data(as_text=True)
    assert "Loppupäivä on ennen alkupäivää." in html
    assert "230,00\u00a0€" in html  # the term's figures instead


def test_without_terms_the_page_says_so_and_files_are_not_found(client, login):
    login()
    assert "Lukukausia ei ole vielä" in client.get("/reports/results").get_data(as_text=True)
    assert client.get("/reports/results/sales.svg").status_code == 404
    assert client.get("/reports/results.pdf").status_code == 404


def test_figures_are_written_the_finnish_way():
    assert number_text(1234567) == "1\u00a0234\u00a0567"
    assert euros(123456) == "1\u00a0234,56\u00a0€"
    assert euros(-1250) == "-12,50\u00a0€"  # a refund; divmod alone would give "-13,50 €"
    assert euros(-5) == "-0,05\u00a0€"
    assert (percent_text(17 / 49), percent_text(None)) == ("35\u00a0%", "–")


def test_means_and_shares_round_half_up_as_a_hand_count_does():
    # Four answers 5, 4, 4, 4 average 4,25; one answer of eight sent is 12,5 %.
    assert [decimal_text(17 / 4), decimal_text(87 / 20), decimal_text(4), decimal_text(None)] == [
        "4,3",
        "4,4",
        "4,0",
        "–",
    ]
    shares = [percent_text(1 / 8), percent_text(3 / 8), percent_text(29 / 200), percent_text(1)]
    assert shares == ["13\u00a0%", "38\u00a0%", "15\u00a0%", "100\u00a0%"]
