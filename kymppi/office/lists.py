"""The card list, and printing many of its cards at once on A4 sheets."""

from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from kymppi.documents.card_pdf import CardFace, card_sheet_pdf
from kymppi.domain.listings import (
    CARD_SORTS,
    MAX_SHEET_CARDS,
    PRINTABLE,
    SheetSelection,
    card_list,
    cards_by_number,
    matching_cards,
    read_listing,
)
from kymppi.domain.organization import opisto
from kymppi.office import bp
from kymppi.office.buyer_forms import CardFilterForm


@bp.get("/cards")
def cards():
    form = CardFilterForm(request.args)
    listing = read_listing(request.args, CARD_SORTS, default="sold")
    return render_template(
        "office/cards.html",
        form=form,
        listing=listing,
        page=card_list(form.filters(), listing),
        args=form.params() | listing.params,
        printable=PRINTABLE,
    )


@bp.post("/cards/sheet.pdf")
def card_sheet():
    """The selected cards, or every printable card the posted filters match, ten to an A4 page."""
    form = CardFilterForm(request.form)
    listing = read_listing(request.form, CARD_SORTS, default="sold")
    if request.form.get("scope") == "all":
        selection = matching_cards(form.filters(), listing)
    else:
        selection = cards_by_number(request.form.getlist("number"))
    if refusal := _sheet_refusal(selection):
        flash(refusal, "error")
        return redirect(url_for("office.cards", **form.params(), **listing.params))
    name, base_url = opisto().name, current_app.config["BASE_URL"]
    pdf = card_sheet_pdf([CardFace.of(card, name, base_url) for card in selection.cards])
    filename = _("kortit.pdf")
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="{filename}"', "Cache-Control": "no-store"},
    )


def _sheet_refusal(selection: SheetSelection) -> str | None:
    if selection.too_many is not None:
        return ngettext(
            "Valittuna on %(num)s kortti; kerralla voi tulostaa enintään %(most)s. Rajaa hakua ja tulosta osissa.",
            "Valittuna on %(num)s korttia; kerralla voi tulostaa enintään %(most)s. Rajaa hakua ja tulosta osissa.",
            selection.too_many,
            most=MAX_SHEET_CARDS,
        )
    if not selection.cards:
        return _("Valitse tulostettavat kortit. Vain aktiiviset ja keskeytetyt kortit voi tulostaa.")
    return None
