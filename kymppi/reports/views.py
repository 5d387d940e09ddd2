"""The reports front page: pick the period, then the term-end step to take."""

from flask import render_template, request

from kymppi.domain.clock import local_date, utcnow
from kymppi.reports import bp
from kymppi.reports.forms import PeriodForm


def period_form() -> PeriodForm:
    """The period picker read from the query string; every report page starts with it."""
    return PeriodForm(request.args, today=local_date(utcnow()))


@bp.get("/")
def index():
    form = period_form()
    return render_template("reports/index.html", form=form, period=form.period)
