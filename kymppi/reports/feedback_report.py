"""A round's results for the office and management: the figures, every free-text answer, and a CSV."""

from flask import abort, render_template
from flask_babel import lazy_gettext as _l

from kymppi.domain.errors import NotFound
from kymppi.domain.feedback import get_round, period_of
from kymppi.domain.feedback_results import FeedbackResults, round_results
from kymppi.labels import BUY_AGAIN
from kymppi.reports import bp
from kymppi.reports.downloads import csv_download, filename

CSV_HEADER = (
    _l("Vastattu"),
    _l("Arvosana (1–5)"),
    _l("Kurssit"),
    _l("Mikä oli hyvää"),
    _l("Mitä parantaa"),
    _l("Ostaisi uudelleen"),
    _l("Kommentti"),
)


def results_or_404(round_id: int) -> FeedbackResults:
    try:
        return round_results(round_id)
    except NotFound:
        abort(404)


@bp.get("/feedback/<id:round_id>/results")
def feedback_results(round_id: int):
    return render_template("reports/feedback_results.html", results=results_or_404(round_id), buy_again=BUY_AGAIN)


@bp.get("/feedback/<id:round_id>/results.csv")
def feedback_results_csv(round_id: int):
    """One row per answer, without names: the sheet goes to management."""
    results = results_or_404(round_id)
    rows = (
        [
            answer.answered_at,
            answer.rating,
            ", ".join(answer.courses),
            answer.good,
            answer.improve,
            BUY_AGAIN[answer.buy_again] if answer.buy_again else None,
            answer.comment,
        ]
        for answer in results.answers
    )
    return csv_download(filename("palaute", period_of(get_round(round_id)), "csv"), CSV_HEADER, rows)
