"""Buyers: the list, one buyer's page and its edit form, and the search the sale page calls as you type."""

from flask import abort, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kymppi.domain.buyers import buyer_profile, card_numbers_of, editable_buyer, search_buyers, update_buyer
from kymppi.domain.codes import format_card_number
from kymppi.domain.errors import InvalidInput, NotFound
from kymppi.domain.listings import BUYER_SORTS, buyer_list, read_listing
from kymppi.forms import attach_error
from kymppi.office import bp
from kymppi.office.buyer_forms import BuyerFilterForm, BuyerForm


@bp.get("/buyers")
def buyers():
    form = BuyerFilterForm(request.args)
    listing = read_listing(request.args, BUYER_SORTS, default="name")
    return render_template(
        "office/buyers.html",
        form=form,
        listing=listing,
        page=buyer_list(form.query, listing),
        args=form.params() | listing.params,
    )


@bp.get("/buyers/search")
def buyer_search():
    """JSON for the sale page's search-as-you-type; a too-short query finds nothing."""
    matches = search_buyers(request.args.get("q", ""), limit=10)
    numbers = card_numbers_of([buyer.id for buyer in matches])
    return jsonify([_buyer_json(buyer, numbers[buyer.id]) for buyer in matches])


def _buyer_json(buyer, numbers: list[str]) -> dict:
    return {
        "id": buyer.id,
        "name": buyer.name,
        "email": buyer.email,
        "phone": buyer.phone,
        "language": buyer.language.value,
        "new_customer": buyer.new_customer,
        "feedback_consent": buyer.feedback_consent,
        "municipality": buyer.municipality,
        "cards": [format_card_number(number) for number in numbers],
    }


@bp.get("/buyers/<id:buyer_id>")
def buyer(buyer_id: int):
    return render_template("office/buyer.html", profile=_found(buyer_profile, buyer_id))


@bp.route("/buyers/<id:buyer_id>/edit", methods=["GET", "POST"])
def edit_buyer(buyer_id: int):
    buyer = _found(editable_buyer, buyer_id)
    form = BuyerForm(obj=buyer)
    if form.validate_on_submit():
        try:
            update_buyer(buyer_id, form.changes(), by=current_user)
        except InvalidInput as error:
            attach_error(form, error)
        except NotFound:
            abort(404)
        else:
            flash(_("Ostajan tiedot tallennettu."), "success")
            return redirect(url_for("office.buyer", buyer_id=buyer_id))
    status = 422 if form.errors else 200
    return render_template("office/buyer_edit.html", form=form, buyer=buyer), status


def _found(load, buyer_id: int):
    """An unknown buyer, or an anonymised one where details are asked for, is a 404 page."""
    try:
        return load(buyer_id)
    except NotFound:
        abort(404)
