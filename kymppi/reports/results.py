"""The results dashboard for management, its charts as SVG images and the same report as a PDF."""

from flask import Response, abort, render_template

from kymppi.documents.charts import CHARTS, svg
from kymppi.documents.report_pdf import report_pdf
from kymppi.documents.results_sections import key_figures, sections
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.organization import opisto
from kymppi.domain.term_results import SCOPE, term_results
from kymppi.reports import bp
from kymppi.reports.downloads import filename
from kymppi.reports.views import period_form

# An SVG image holds no script and needs nothing from elsewhere: it gets a CSP to match.
SVG_POLICY = "default-src 'none'; frame-ancestors 'self'"


@bp.get("/results")
def results():
    form = period_form()
    period = form.period
    report = term_results(period, today=local_date(utcnow())) if period else None
    return render_template(
        "reports/results.html",
        form=form,
        period=period,
        report=report,
        scope=SCOPE,
        figures=key_figures(report) if report else [],
        sections=sections(report) if report else [],
        # The attendance export's choices: the courses visited in the period, by name.
        courses=sorted(report.visits.by_course, key=lambda course: (course.name, course.code)) if report else [],
    )


@bp.get("/results/<any(sales, customers, revenue, courses, weekdays, ratings):chart>.svg")
def results_chart(chart: str):
    period = _period()
    report = term_results(period, today=local_date(utcnow()))
    picture = CHARTS[chart]
    body = svg(picture.drawing(report), picture.heading(report))
    return Response(body, mimetype="image/svg+xml", headers={"Content-Security-Policy": SVG_POLICY})


@bp.get("/results.pdf")
def results_pdf():
    period = _period()
    today = local_date(utcnow())
    body = report_pdf(term_results(period, today=today), opisto(), made_on=today)
    name = filename("tulokset", period, "pdf")
    return Response(body, mimetype="application/pdf", headers={"Content-Disposition": f'inline; filename="{name}"'})


def _period():
    """The period of a file download; with no terms at all there is nothing to draw."""
    period = period_form().period
    if period is None:
        abort(404)
    return period
