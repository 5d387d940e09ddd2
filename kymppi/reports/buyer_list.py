"""The term-end buyer list: a table to read, and CSV and XLSX files to contact the buyers from."""

from flask import abort, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kymppi.documents.spreadsheets import Cell
from kymppi.domain.clock import local_date
from kymppi.domain.codes import format_card_number
from kymppi.domain.listings import read_page
from kymppi.domain.term_buyers import BuyerRow, term_buyers
from kymppi.labels import LANGUAGE
from kymppi.models import Language
from kymppi.reports import bp
from kymppi.reports.buyer_forms import BuyerListForm
from kymppi.reports.downloads import csv_download, filename, xlsx_download
from kymppi.reports.views import period_form

COLUMNS = (
    _l("Nimi"),
    _l("Sähköposti"),
    _l("Puhelin"),
    _l("Kieli"),
    _l("Palautelupa"),
    _l("Uusi asiakas"),
    _l("Kortit"),
    _l("Käyntejä käytetty"),
    _l("Käyntejä jäljellä"),
    _l("Kurssit"),
    _l("Viimeisin käynti"),
)


def export_row(row: BuyerRow, languages: dict[Language, str]) -> list[Cell]:
    return [
        row.name,
        row.email,
        row.phone,
        languages[row.language],
        row.feedback_consent,
        row.new_customer,
        ", ".join(format_card_number(number) for number in row.card_numbers),
        row.visits_used,
        row.visits_left,
        ", ".join(row.courses),
        row.last_visit and local_date(row.last_visit),
    ]


@bp.get("/buyers")
def buyers():
    period_picker, filters = period_form(), BuyerListForm(request.args)
    period = period_picker.period
    listing = term_buyers(period, filters.filters(), page=read_page(request.args)) if period else None
    return render_template(
        "reports/buyers.html",
        form=period_picker,
        period=period,
        filters=filters,
        listing=listing,
        args=period_picker.params() | filters.params(),
    )


@bp.get("/buyers.<any(csv, xlsx):extension>")
def buyers_export(extension: str):
    period_picker, filters = period_form(), BuyerListForm(request.args)
    period = period_picker.period
    if period is None:
        abort(404)
    languages = {language: str(label) for language, label in LANGUAGE.items()}  # translated once, not per row
    rows = [export_row(row, languages) for row in term_buyers(period, filters.filters(for_contacting=True)).rows]
    name = filename("ostajat", period, extension)
    if extension == "csv":
        return csv_download(name, COLUMNS, rows)
    return xlsx_download(name, _("Ostajat"), COLUMNS, rows)
