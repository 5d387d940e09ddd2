"""The buyer's card page, its language switch and its home-screen manifest."""

from flask import abort, current_app, jsonify, redirect, render_template, request, url_for
from markupsafe import Markup

from kymppi.card import bp, texts
from kymppi.documents.qr import qr_svg
from kymppi.domain.buyers import set_language
from kymppi.domain.card_view import card_view
from kymppi.domain.cards import card_for_secret
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.codes import card_url, format_card_number
from kymppi.domain.organization import opisto
from kymppi.formatting import written_date
from kymppi.models import Card, Language
from kymppi.web_app import home_screen_icons


def _card_or_404(secret: str) -> Card:
    card = card_for_secret(secret)
    if card is None:
        abort(404)
    return card


@bp.get("/k/<secret>")
def show(secret: str):
    card = _card_or_404(secret)
    language = card.buyer.language
    return render_template(
        "card/show.html",
        view=card_view(card, local_date(utcnow())),
        language=language,
        t=texts.TEXTS[language],
        status_text=texts.STATUS[language],
        weekday_names=texts.WEEKDAYS[language],
        language_names=texts.LANGUAGE_NAMES,
        when=lambda day: written_date(day, language),
        qr=Markup(  # noqa: S704  (our own SVG)
            qr_svg(card_url(current_app.config["BASE_URL"], card.secret), texts.TEXTS[language]["qr_label"])
        ),
        organization=opisto(),
    )


@bp.post("/k/<secret>/language")
def choose_language(secret: str):
    """Remembered with the buyer, so the page, and the emails, speak it from now on."""
    card = _card_or_404(secret)
    chosen = request.form.get("language", "")
    if chosen in {language.value for language in Language}:
        set_language(card.buyer_id, Language(chosen))
    return redirect(url_for("card.show", secret=secret))


@bp.get("/k/<secret>/manifest.webmanifest")
def manifest(secret: str):
    """ "Add to home screen" makes the card an app icon that opens straight to it."""
    card = _card_or_404(secret)
    page = url_for("card.show", secret=secret)
    response = jsonify(
        name=f"{texts.TEXTS[card.buyer.language]['title']} {format_card_number(card.number)}",
        short_name=texts.TEXTS[card.buyer.language]["title"],
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
