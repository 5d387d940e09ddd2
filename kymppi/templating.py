"""Jinja filters and globals, registered from the shared formatting functions."""

from flask import Flask

from kymppi.auth.roles import staff_menu
from kymppi.domain.codes import format_card_number
from kymppi.formatting import euros, fi_date, fi_datetime
from kymppi.labels import CARD_STATUS, LANGUAGE, PAYMENT_METHOD


def init_app(app: Flask) -> None:
    app.add_template_filter(fi_date, "date")
    app.add_template_filter(fi_datetime, "datetime")
    app.add_template_filter(euros, "euros")
    app.add_template_filter(format_card_number, "card_number")
    app.add_template_global(staff_menu)
    app.add_template_global(CARD_STATUS, "CARD_STATUS")
    app.add_template_global(LANGUAGE, "LANGUAGE")
    app.add_template_global(PAYMENT_METHOD, "PAYMENT_METHOD")
