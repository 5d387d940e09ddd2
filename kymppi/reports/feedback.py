"""The office's feedback round pages: pick the period and start, send in batches, retry, phone, close.

The round page sends one batch per POST. Its script (static/reports/feedback.js)
posts batch after batch and moves the progress bar from the JSON answers;
without the script the same button sends one batch and comes back here.
"""

from flask import abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.errors import NotFound
from kymppi.domain.feedback import (
    StartOutcome,
    audience,
    buyers_to_phone,
    close_round,
    round_state,
    rounds,
    start_round,
)
from kymppi.domain.feedback_sending import BatchOutcome, retry_failed, send_batch
from kymppi.domain.organization import opisto
from kymppi.mail import SmtpSettings
from kymppi.reports import bp
from kymppi.reports.forms import PeriodForm
from kymppi.reports.views import period_form


def state_or_404(round_id: int):
    try:
        return round_state(round_id)
    except NotFound:
        abort(404)


@bp.get("/feedback")
def feedback():
    form = period_form()
    period = form.period
    return render_template(
        "reports/feedback.html",
        form=form,
        period=period,
        audience=audience(period) if period else None,
        rounds=rounds(),
    )


@bp.post("/feedback/start")
def start_feedback():
    """The period comes as the picker's parameters, read the same way as on every report page."""
    form = PeriodForm(request.form, today=local_date(utcnow()))
    if form.period is None:
        flash(_("Valitse ensin lukukausi tai aikaväli."), "error")
        return redirect(url_for("reports.feedback"))
    result = start_round(form.period, by=current_user, at=utcnow())
    if result.outcome is StartOutcome.ALREADY_OPEN:
        flash(_("Tälle ajalle on jo avoin palautekierros; se on tässä."), "info")
    else:
        flash(_("Palautekierros aloitettu. Tarkista viesti ja lähetä kutsut."), "success")
    return redirect(url_for("reports.feedback_round", round_id=result.round_id))


@bp.get("/feedback/<id:round_id>")
def feedback_round(round_id: int):
    state = state_or_404(round_id)
    return render_template("reports/feedback_round.html", state=state, to_phone=buyers_to_phone(state.round))


def _progress(round_id: int, outcome: BatchOutcome) -> dict:
    state = round_state(round_id)
    return {
        "outcome": outcome.value,
        "invited": state.invited,
        "sent": state.sent,
        "failed": state.failed,
        "pending": state.pending,
        "done": state.done,
        "answered": state.answered,
    }


@bp.post("/feedback/<id:round_id>/send")
def send_feedback(round_id: int):
    """One batch; the answer is JSON for the page's script, a redirect for a plain form post."""
    state_or_404(round_id)
    result = send_batch(
        round_id,
        base_url=current_app.config["BASE_URL"],
        settings=SmtpSettings.from_config(current_app.config),
        organization=opisto(),
        at=utcnow(),
        size=current_app.config["FEEDBACK_BATCH_SIZE"],
    )
    if request.accept_mimetypes.best == "application/json":
        return jsonify(_progress(round_id, result.outcome))
    if result.outcome is BatchOutcome.CLOSED:
        flash(_("Kierros on suljettu: kutsuja ei enää lähetetä."), "error")
    else:
        sent = ngettext(
            "Lähetetty %(num)s kutsu, epäonnistui %(failed)s.",
            "Lähetetty %(num)s kutsua, epäonnistui %(failed)s.",
            result.sent,
            failed=result.failed,
        )
        flash(sent, "success")
    return redirect(url_for("reports.feedback_round", round_id=round_id))


@bp.post("/feedback/<id:round_id>/retry")
def retry_feedback(round_id: int):
    state_or_404(round_id)
    retried = retry_failed(round_id)
    flash(
        ngettext(
            "%(num)s epäonnistunut kutsu palautettu jonoon. Lähetä se uudelleen.",
            "%(num)s epäonnistunutta kutsua palautettu jonoon. Lähetä ne uudelleen.",
            retried,
        ),
        "info",
    )
    return redirect(url_for("reports.feedback_round", round_id=round_id))


@bp.post("/feedback/<id:round_id>/close")
def close_feedback(round_id: int):
    state_or_404(round_id)
    if close_round(round_id, by=current_user, at=utcnow()):
        flash(_("Kierros suljettu. Vastauksia ei voi enää muuttaa."), "success")
    return redirect(url_for("reports.feedback_round", round_id=round_id))
