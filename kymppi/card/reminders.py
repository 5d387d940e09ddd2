"""The buyer turns reminder emails off (or on again) from their card page: the link is their only key."""

from flask import abort, flash, redirect, request, url_for

from kymppi.card import bp
from kymppi.domain.cards import card_for_secret
from kymppi.domain.reminders import set_reminders

# Finnish for now, like the form itself; the page's language work comes later.
DONE = {
    "off": "Muistutuksia ei enää lähetetä sähköpostiisi.",
    "on": "Muistutukset lähetetään taas sähköpostiisi.",
}


@bp.post("/k/<secret>/reminders")
def choose_reminders(secret: str):
    card = card_for_secret(secret)
    if card is None:
        abort(404)
    choice = request.form.get("reminders", "")
    if choice not in DONE:
        abort(400)
    set_reminders(card.id, choice == "on")
    flash(DONE[choice], "success")
    return redirect(url_for("card.show", secret=secret))
