"""Payment reconciliation: the page the office matches the providers' settlements against, and its CSV."""

from flask import abort, render_template
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from kymppi.documents.spreadsheets import Cell, Money
from kymppi.domain.reconciliation import Reconciliation, Tally, payment_reconciliation
from kymppi.labels import PAYMENT_METHOD
from kymppi.reports import bp
from kymppi.reports.downloads import csv_download, filename
from kymppi.reports.views import period_form

COLUMNS = (
    _l("Päivä"),
    _l("Maksutapa"),
    _l("Myyntejä"),
    lazy_pgettext("amount", "Myynti"),
    _l("Hyvityksiä"),
    _l("Hyvitykset"),
    _l("Netto"),
)


@bp.get("/reconciliation")
def reconciliation():
    form = period_form()
    period = form.period
    return render_template(
        "reports/reconciliation.html",
        form=form,
        period=period,
        reconciliation=payment_reconciliation(period) if period else None,
    )


@bp.get("/reconciliation.csv")
def reconciliation_csv():
    period = period_form().period
    if period is None:
        abort(404)
    return csv_download(filename("maksut", period, "csv"), COLUMNS, export_rows(payment_reconciliation(period)))


def export_rows(reconciliation: Reconciliation) -> list[list[Cell]]:
    """A row per day and method with sales or refunds, then the period's total per method and overall."""
    period_total = _("Yhteensä")  # in the date column, below the days
    rows = [_row(day.day, tally) for day in reconciliation.days for tally in day.methods]
    rows += [_row(period_total, tally) for tally in reconciliation.methods]
    rows.append(_row(period_total, reconciliation.total))
    return rows


def _row(day, tally: Tally) -> list[Cell]:
    method = PAYMENT_METHOD[tally.method] if tally.method else _("Kaikki")
    return [
        day,
        method,
        tally.sales,
        Money(tally.sales_cents),
        tally.refunds,
        Money(tally.refunds_cents),
        Money(tally.net_cents),
    ]
