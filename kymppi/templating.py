"""Jinja filters: dates as 22.11.2026 and times in Helsinki, money in euros."""

from datetime import date, datetime

from flask import Flask

from kymppi.domain.clock import HELSINKI
from kymppi.domain.codes import format_card_number


def fi_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(HELSINKI).date()
    return f"{value.day}.{value.month}.{value.year}"


def fi_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(HELSINKI)
    return f"{fi_date(local)} {local:%H:%M}"


def euros(cents: int | None) -> str:
    if cents is None:
        return ""
    whole, part = divmod(cents, 100)
    return f"{whole},{part:02d} €"


def init_app(app: Flask) -> None:
    app.add_template_filter(fi_date, "date")
    app.add_template_filter(fi_datetime, "datetime")
    app.add_template_filter(euros, "euros")
    app.add_template_filter(format_card_number, "card_number")
