"""The buyer turns reminder emails off (or on again) from their card page: the link is their only key."""

from flask import abort, flash, redirect, request, url_for
from flask_babel import lazy_gettext as _l

from kymppi.card import bp
from kymppi.card.views import buyers_card_or_404
from kymppi.domain.reminders import set_reminders

DONE = {
    "off": _l("Muistutuksia ei enää lähetetä sähköpostiisi."),
    "on": _l("Muistutukset lähetetään taas sähköpostiisi."),
}


@bp.post("/k/<secret>/reminders")
def choose_reminders(secret: str):
    card = buyers_card_or_404(secret)
    choice = request.form.get("reminders", "")
    if choice not in DONE:
        abort(400)
    set_reminders(card.id, choice == "on")
    flash(str(DONE[choice]), "success")  # written now, in the buyer's language: the session keeps only text
    return redirect(url_for("card.show", secret=secret))
