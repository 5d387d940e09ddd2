from flask import abort, render_template

from kymppi.card import bp
from kymppi.domain.cards import card_for_secret


@bp.get("/k/<secret>")
def show(secret: str):
    card = card_for_secret(secret)
    if card is None:
        abort(404)
    return render_template("card/show.html", card=card)
