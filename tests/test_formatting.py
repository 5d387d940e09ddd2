"""Values are written as each language's readers expect, from Babel's locale data."""

from datetime import UTC, date, datetime, time

import pytest
from flask_babel import force_locale

from kymppi.formatting import (
    clock_text,
    date_text,
    datetime_text,
    decimal_text,
    euros,
    number_text,
    percent_text,
    written_date,
)
from kymppi.models import Language

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "day", "money", "refund", "number", "mean", "share"),
    [
        ("fi", "22.11.2026", f"1{NBSP}234,50{NBSP}€", f"-12,50{NBSP}€", f"1{NBSP}234", "4,3", f"13{NBSP}%"),
        ("sv", "22.11.2026", f"1{NBSP}234,50{NBSP}€", f"-12,50{NBSP}€", f"1{NBSP}234", "4,3", f"13{NBSP}%"),
        ("en", "22 Nov 2026", "€1,234.50", "-€12.50", "1,234", "4.3", "13%"),
    ],
)
def test_each_language_writes_days_money_and_numbers_its_own_way(
    app, language, day, money, refund, number, mean, share
):
    with app.test_request_context(), force_locale(language):
        assert date_text(date(2026, 11, 22)) == day
        assert euros(123450) == money
        assert euros(-1250) == refund
        assert number_text(1234) == number
        assert decimal_text(17 / 4) == mean  # 4,25 rounds half up, as a count on paper does
        assert percent_text(1 / 8) == share


def test_a_moment_is_written_as_its_helsinki_day_and_time(app):
    late_utc = datetime(2026, 11, 21, 22, 30, tzinfo=UTC)  # 00:30 on the 22nd in Helsinki
    with app.test_request_context(), force_locale("en"):
        assert datetime_text(late_utc) == "22 Nov 2026 00:30"


def test_a_day_for_somebody_else_is_written_in_their_language_whatever_the_request_speaks(app):
    with app.test_request_context(), force_locale("fi"):
        assert written_date(date(2026, 12, 13), Language.EN) == "13 Dec 2026"
    assert written_date(date(2026, 12, 13), Language.SV) == "13.12.2026"  # no request at all


def test_outside_any_request_values_are_finnish():
    assert euros(5000) == f"50,00{NBSP}€"
    assert date_text(date(2026, 11, 22)) == "22.11.2026"


@pytest.mark.parametrize(("language", "written"), [("fi", "18.00"), ("sv", "18.00"), ("en", "18:00")])
def test_a_timetables_hour_is_written_as_each_language_prints_one(app, language, written):
    with app.test_request_context(), force_locale(language):
        assert clock_text(time(18, 0)) == written
    assert clock_text(None) == ""
