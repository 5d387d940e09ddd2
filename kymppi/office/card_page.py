"""The office's card page, and the card's documents: the printable card, the receipt, the email."""

import io

from flask import abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from kymppi.domain.card_history import audit_trail, check_ins_of
from kymppi.domain.cards import card_by_number, original_sale, predecessor
from kymppi.domain.codes import card_url
from kymppi.domain.delivery import Delivery, Document, email_card, printable_card, receipt_document
from kymppi.domain.refusals import refusals_of
from kymppi.mail import MailError, SmtpSettings
from kymppi.models import Card
from kymppi.office import bp
from kymppi.office.card_forms import card_forms
from kymppi.office.history import action_text, details_text

DELIVERY_MESSAGE = {
    Delivery.SENT: (_l("Kortti lähetetty ostajan sähköpostiin."), "success"),
    Delivery.NOT_IN_USE: (_l("Korttia ei lähetetty: se ei ole käytössä."), "error"),
    Delivery.NO_EMAIL: (_l("Ostajalla ei ole sähköpostiosoitetta; tulosta kortti."), "error"),
}


def card_or_404(number: str) -> Card:
    card = card_by_number(number)
    if card is None:
        abort(404)
    return card


def render_card_page(card: Card, forms=None, status: int = 200):
    sale = original_sale(card)
    return render_template(
        "office/card.html",
        card=card,
        forms=forms or card_forms(),
        url=card_url(current_app.config["BASE_URL"], card.secret),
        check_ins=check_ins_of(card.id),
        refusals=refusals_of(card.id),
        events=audit_trail(card.id),
        previous=predecessor(card),
        receipt=sale.receipt,
        paid=sale.price_cents,
        just_sold=request.args.get("sold") == "1",
        action_text=action_text,
        details_text=details_text,
    ), status


@bp.get("/cards/<number>")
def card(number: str):
    return render_card_page(card_or_404(number))


@bp.get("/cards/<number>/card.pdf")
def card_pdf(number: str):
    document = printable_card(card_or_404(number), base_url=current_app.config["BASE_URL"], by=current_user)
    if document is None:
        abort(409, _("Korttia ei voi tulostaa: se ei ole käytössä."))
    return _pdf(document)


@bp.get("/cards/<number>/receipt.pdf")
def receipt_pdf(number: str):
    document = receipt_document(card_or_404(number))
    if document is None:
        abort(404)
    return _pdf(document)


@bp.post("/cards/<number>/email")
def email(number: str):
    card = card_or_404(number)
    try:
        delivery = email_card(
            card,
            base_url=current_app.config["BASE_URL"],
            settings=SmtpSettings.from_config(current_app.config),
            by=current_user,
        )
    except MailError as error:
        flash(
            _(
                "%(error)s Kortti on myyty ja tallessa; voit tulostaa sen tai yrittää lähetystä uudelleen.",
                error=error,
            ),
            "error",
        )
    else:
        message, category = DELIVERY_MESSAGE[delivery]
        flash(str(message), category)
    return redirect(url_for("office.card", number=card.number))


def _pdf(document: Document):
    """Inline, so the browser opens its PDF viewer and the secretary can print at once."""
    return send_file(io.BytesIO(document.content), mimetype="application/pdf", download_name=document.filename)
