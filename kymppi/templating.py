"""Jinja filters, tests and globals, registered from the shared formatting functions."""

from flask import Flask

from kymppi.auth.roles import staff_menu
from kymppi.domain.codes import format_card_number
from kymppi.domain.refusals import is_conflict
from kymppi.formatting import (
    clock_text,
    date_text,
    datetime_text,
    decimal_text,
    euros,
    number_text,
    percent_text,
    time_text,
)
from kymppi.i18n import LANGUAGE_NAMES, current_language
from kymppi.labels import CARD_STATUS, CHECK_IN_SOURCE, LANGUAGE, PAYMENT_METHOD, REFUSAL_REASON


def init_app(app: Flask) -> None:
    app.add_template_filter(date_text, "date")
    app.add_template_filter(datetime_text, "datetime")
    app.add_template_filter(time_text, "time")
    app.add_template_filter(clock_text, "clock")
    app.add_template_filter(euros, "euros")
    app.add_template_filter(number_text, "number")
    app.add_template_filter(percent_text, "percent")
    app.add_template_filter(decimal_text, "decimal")
    app.add_template_filter(format_card_number, "card_number")
    app.add_template_test(is_conflict, "conflict")
    app.add_template_global(staff_menu)
    app.add_template_global(current_language)
    app.add_template_global(LANGUAGE_NAMES, "LANGUAGE_NAMES")
    app.add_template_global(CARD_STATUS, "CARD_STATUS")
    app.add_template_global(LANGUAGE, "LANGUAGE")
    app.add_template_global(PAYMENT_METHOD, "PAYMENT_METHOD")
    app.add_template_global(REFUSAL_REASON, "REFUSAL_REASON")
    app.add_template_global(CHECK_IN_SOURCE, "CHECK_IN_SOURCE")
