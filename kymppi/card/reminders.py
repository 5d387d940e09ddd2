"""The buyer turns reminder emails off (or on again) from their card page: the link is their only key."""

from flask import abort, flash, redirect, request, url_for

from kymppi.card import bp
from kymppi.card.texts import TEXTS
from kymppi.domain.cards import card_for_secret
from kymppi.domain.reminders import set_reminders

DONE = {"off": "reminders_stopped", "on": "reminders_started"}


@bp.post("/k/<secret>/reminders")
def choose_reminders(secret: str):
    card = card_for_secret(secret)
    if card is None:
        abort(404)
    choice = request.form.get("reminders", "")
    if choice not in DONE:
        abort(400)
    set_reminders(card.id, choice == "on")
    flash(TEXTS[card.buyer.language][DONE[choice]], "success")
    return redirect(url_for("card.show", secret=secret))
