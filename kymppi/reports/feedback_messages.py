"""Editing a round's invitation texts, each language previewed as one real recipient would get it."""

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kymppi.domain.clock import utcnow
from kymppi.domain.feedback import messages_of, save_messages
from kymppi.domain.feedback_sending import preview_message
from kymppi.domain.organization import opisto
from kymppi.feedback_mail import PLACEHOLDERS
from kymppi.models import Language
from kymppi.reports import bp
from kymppi.reports.feedback import state_or_404
from kymppi.reports.feedback_forms import MessageForm


@bp.route("/feedback/<id:round_id>/message", methods=["GET", "POST"])
def feedback_message(round_id: int):
    state = state_or_404(round_id)
    if request.method == "POST" and not state.round.is_open:
        flash(_("Kierros on suljettu: viestiä ei voi enää muuttaa."), "error")
        return redirect(url_for("reports.feedback_round", round_id=round_id))
    form = MessageForm() if request.method == "POST" else MessageForm.of(messages_of(round_id))
    valid = form.validate() if request.method == "POST" else True
    if valid and request.form.get("action") == "save":
        save_messages(round_id, form.texts(), by=current_user, at=utcnow())
        flash(_("Viesti tallennettu. Seuraavat lähetykset käyttävät sitä."), "success")
        return redirect(url_for("reports.feedback_round", round_id=round_id))
    previews = {}
    if valid:
        settings = {"base_url": current_app.config["BASE_URL"], "organization": opisto()}
        previews = {
            language: preview_message(round_id, language, text, **settings) for language, text in form.texts().items()
        }
    return render_template(
        "reports/feedback_message.html",
        state=state,
        form=form,
        previews=previews,
        languages=list(Language),
        placeholders=sorted(PLACEHOLDERS),
    ), 200 if valid else 422
