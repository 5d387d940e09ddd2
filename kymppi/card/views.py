"""The buyer's card page, its language switch and its home-screen manifest, all in the buyer's language."""

from babel.dates import get_day_names
from flask import abort, current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from kymppi.card import bp
from kymppi.documents.qr import qr_svg
from kymppi.domain.buyers import set_language
from kymppi.domain.card_view import card_view
from kymppi.domain.cards import card_for_secret
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.codes import card_url, format_card_number
from kymppi.domain.organization import opisto
from kymppi.i18n import speak
from kymppi.models import Card, Language
from kymppi.web_app import home_screen_icons


def buyers_card_or_404(secret: str) -> Card:
    """The card behind the link, with the rest of the request in its buyer's language."""
    card = card_for_secret(secret)
    if card is None:
        abort(404)
    speak(card.buyer.language)
    return card


@bp.get("/k/<secret>")
def show(secret: str):
    card = buyers_card_or_404(secret)
    qr = qr_svg(card_url(current_app.config["BASE_URL"], card.secret), _("Kortin QR-koodi"))
    return render_template(
        "card/show.html",
        view=card_view(card, local_date(utcnow())),
        weekday_names=get_day_names("wide", locale=get_locale()),  # Babel's: "maanantai", "måndag", "Monday"
        qr=Markup(qr),  # noqa: S704  (our own SVG)
        organization=opisto(),
    )


@bp.post("/k/<secret>/language")
def choose_language(secret: str):
    """Remembered with the buyer, so the page, and the emails, speak it from now on."""
    card = buyers_card_or_404(secret)
    chosen = request.form.get("language", "")
    if chosen in {language.value for language in Language}:
        set_language(card.buyer_id, Language(chosen))
    return redirect(url_for("card.show", secret=secret))


@bp.get("/k/<secret>/manifest.webmanifest")
def manifest(secret: str):
    """ "Add to home screen" makes the card an app icon that opens straight to it."""
    card = buyers_card_or_404(secret)
    page = url_for("card.show", secret=secret)
    response = jsonify(
        name=_("Kymppikortti %(number)s", number=format_card_number(card.number)),
        short_name=_("Kymppikortti"),
        lang=card.buyer.language.value,
        start_url=page,
        scope=page,
        display="standalone",
        background_color="#ffffff",
        theme_color="#0b5cad",
        icons=home_screen_icons(),
    )
    response.mimetype = "application/manifest+json"
    return response
