"""The sale page: find or enter the buyer, pick the card type, record the payment, sell."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from kymppi.domain.buyers import search_buyers
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.codes import format_card_number
from kymppi.domain.errors import InvalidInput, NotFound
from kymppi.domain.outcomes import SaleOutcome
from kymppi.domain.sales import buyer_for_sale, card_types_on_sale, sell_card
from kymppi.forms import attach_error
from kymppi.office import bp
from kymppi.office.sale_forms import SaleForm

SALE_REFUSED = {
    SaleOutcome.NOT_ON_SALE: _l("Tämä korttityyppi ei ole enää myynnissä."),
    SaleOutcome.NOT_PERMITTED: _l("Sinulla ei ole oikeutta myydä kortteja."),
    SaleOutcome.KEY_REUSED: _l(
        "Tällä lomakkeella oli jo myyty toinen kortti, joten mitään ei myyty. "
        "Tarkista tiedot ja paina Myy kortti uudelleen."
    ),
}


@bp.route("/", methods=["GET", "POST"])
def sell():
    form = SaleForm(buyer_id=request.args.get("buyer", type=int))
    form.offer(card_types_on_sale(local_date(utcnow())))
    if form.validate_on_submit():
        try:
            result = sell_card(form.sale(), by=current_user)
        except InvalidInput as error:
            # A broken sale key is not the secretary's to fix: a fresh one comes with the form.
            attach_error(form, error, {"buyer": "buyer_id", "sale_key": "form"})
            form.renew_sale_key()
        except NotFound:
            form.buyer_id.errors.append(_("Valittua ostajaa ei löydy. Hae ostaja uudelleen."))
        else:
            if result.card is not None:
                return _sold(result)
            form.form_errors.append(SALE_REFUSED[result.outcome])
            form.renew_sale_key()
    query = request.args.get("q", "").strip()
    return render_template(
        "office/sale.html",
        form=form,
        buyer=buyer_for_sale(form.buyer_id.data),
        query=query,
        matches=search_buyers(query) if query else None,
    ), (422 if form.errors else 200)


def _sold(result):
    """Post/redirect/get: a reload of the next page can't post the sale again."""
    number = format_card_number(result.card.number)
    if result.outcome is SaleOutcome.DUPLICATE:
        flash(_("Lomake lähetettiin kahdesti: kortti %(number)s myytiin vain kerran.", number=number))
    else:
        flash(
            _("Kortti %(number)s myyty. Kuitin numero %(receipt)s.", number=number, receipt=result.receipt.label),
            "success",
        )
    return redirect(url_for("office.card", number=result.card.number, sold=1))
