"""The survey page: the form in the buyer's language, saved again and again until the round closes."""

from flask import abort, redirect, render_template, request, url_for

from kymppi.domain.clock import utcnow
from kymppi.domain.feedback_answers import AnswerOutcome, course_choices, invitation_for_token, save_answer
from kymppi.domain.organization import opisto
from kymppi.i18n import current_language, speak
from kymppi.models import FeedbackInvitation, Language
from kymppi.survey import bp
from kymppi.survey.forms import SurveyForm, saved_answer


def _invitation_or_404(token: str) -> FeedbackInvitation:
    invitation = invitation_for_token(token)
    if invitation is None:
        abort(404)
    return invitation


def speak_to(invitation: FeedbackInvitation) -> None:
    """Answer in a chosen ?lang=, else in the buyer's own language, whoever else is logged in."""
    chosen = request.args.get("lang")
    speak(Language(chosen) if chosen in {language.value for language in Language} else invitation.buyer.language)


@bp.route("/palaute/<token>", methods=["GET", "POST"])
def answer(token: str):
    invitation = _invitation_or_404(token)
    speak_to(invitation)
    if not invitation.round.is_open:
        return _closed(token)
    # A POST is the whole answer: an unticked box or an untouched radio sends nothing, and means nothing.
    stored = saved_answer(invitation) if request.method == "GET" else {}
    form = SurveyForm(course_choices(invitation), data=stored)
    if not form.validate_on_submit():
        return _page(form, invitation, token), 422 if form.is_submitted() else 200
    if save_answer(token, form.answer(), at=utcnow()) is AnswerOutcome.SAVED:
        return redirect(url_for("survey.answer", token=token, lang=current_language().value, saved=1))
    return _closed(token)  # the office closed the round while the buyer was typing


def _closed(token: str):
    """The stored answer, read-only; a POST to a closed round is a conflict, whatever it carried."""
    invitation = _invitation_or_404(token)
    form = SurveyForm(course_choices(invitation), formdata=None, data=saved_answer(invitation))
    return _page(form, invitation, token), 409 if request.method == "POST" else 200


def _page(form: SurveyForm, invitation: FeedbackInvitation, token: str) -> str:
    round_ = invitation.round
    return render_template(
        "survey/form.html",
        form=form,
        invitation=invitation,
        closed=not round_.is_open,
        saved=request.args.get("saved") == "1" and round_.is_open,
        token=token,
        organization=opisto(),
    )
