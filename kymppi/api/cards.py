"""Office endpoints: sell a card, look one up, print it, and the lists a sale needs.

A blueprint nested in `api`, so the parent's authentication and its CSRF check
for session writes run first; this one only narrows the roles to office and
admin. Instructors check cards in; they don't sell or browse them.
"""

import io

from flask import Blueprint, abort, current_app, jsonify, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kymppi.api.payloads import flag, read_json, sale_request
from kymppi.api.serializers import card_json, card_type_json, check_in_history_json, course_json
from kymppi.auth.roles import protect
from kymppi.domain import catalog_queries
from kymppi.domain.card_history import check_ins_of
from kymppi.domain.cards import card_by_number
from kymppi.domain.delivery import printable_card
from kymppi.domain.errors import InvalidInput
from kymppi.domain.outcomes import SaleOutcome
from kymppi.domain.sales import sell_card
from kymppi.extensions import csrf
from kymppi.models import Card

cards_bp = protect(Blueprint("cards", __name__), "api.cards")
# Flask-WTF looks exemptions up under the request's own dotted blueprint name,
# so the parent's exemption doesn't reach here; the parent still demands the
# X-CSRFToken header from session-authenticated writes.
csrf.exempt(cards_bp)

# The domain validates new buyers with flat field names; the API body nests them.
DOMAIN_FIELDS = {
    "name": "buyer.name",
    "email": "buyer.email",
    "phone": "buyer.phone",
    "municipality": "buyer.municipality",
    "price": "price_cents",
}


@cards_bp.errorhandler(InvalidInput)
def invalid_input(error: InvalidInput):
    return jsonify(
        error=_("Virheellinen pyyntö."), fields={DOMAIN_FIELDS.get(error.field, error.field): str(error.message)}
    ), 400


@cards_bp.post("/cards")
def sell():
    """Sell a card: 201 with the new card, or 200 with the card an earlier request
    with the same sale_key sold (a retried request never sells twice)."""
    result = sell_card(sale_request(read_json(request)), by=current_user)
    if result.outcome is SaleOutcome.NOT_ON_SALE:
        message = _("Tämä korttityyppi ei ole (enää) myynnissä.")
        return jsonify(error=message, outcome=result.outcome.value, fields={"card_type_id": message}), 409
    if result.outcome is SaleOutcome.KEY_REUSED:
        message = _("Tämä sale_key on jo käytetty toiseen myyntiin; mitään ei myyty.")
        return jsonify(error=message, outcome=result.outcome.value, fields={"sale_key": message}), 409
    if result.outcome is SaleOutcome.NOT_PERMITTED:
        abort(403)
    body = card_json(result.card, current_app.config["BASE_URL"])
    status = 201 if result.outcome is SaleOutcome.OK else 200
    location = url_for(".card", number=body["number"])
    return jsonify(body), status, {"Location": location}


@cards_bp.get("/cards/<number>")
def card(number: str):
    found = _card_by_number(number)
    history = [check_in_history_json(check_in) for check_in in check_ins_of(found.id)]
    return jsonify(card_json(found, current_app.config["BASE_URL"]) | {"check_ins": history})


@cards_bp.get("/cards/<number>/pdf")
def card_pdf(number: str):
    """The printable card; printing copies a working QR code, so the domain logs it."""
    document = printable_card(_card_by_number(number), base_url=current_app.config["BASE_URL"], by=current_user)
    if document is None:
        message = _("Kortti ei ole käytössä (peruttu, hyvitetty tai korvattu): tulostettavaa ei ole.")
        return jsonify(error=message), 409
    return send_file(
        io.BytesIO(document.content), mimetype="application/pdf", as_attachment=True, download_name=document.filename
    )


@cards_bp.get("/card-types")
def card_types():
    return jsonify([card_type_json(card_type) for card_type in catalog_queries.card_types()])


@cards_bp.get("/courses")
def courses():
    accepts_cards = flag(request.args.get("accepts_cards"), "accepts_cards")
    return jsonify([course_json(course) for course in catalog_queries.courses(accepts_cards=accepts_cards)])


def _card_by_number(text: str) -> Card:
    """The card with this number, typed any way (abcd2345, ABCD-2345); never by secret,
    which must not end up in URLs and access logs."""
    found = card_by_number(text)
    if found is None:
        abort(404, _("Tällä numerolla ei ole korttia."))
    return found
