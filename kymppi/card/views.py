from flask import abort, render_template

from kymppi.card import bp
from kymppi.domain.cards import card_for_secret
from kymppi.models import CardStatus


@bp.get("/k/<secret>")
def show(secret: str):
    card = card_for_secret(secret)
    # A replaced card's old link is revoked: it looks exactly like one that never existed.
    if card is None or card.status is CardStatus.REPLACED:
        abort(404)
    return render_template("card/show.html", card=card)
