"""The "Lost your link?" page: a buyer types their email and, if it has cards, gets their links.

Every valid submission gets the same redirect at the same speed, found or not:
the lookup and the SMTP conversation only start once that answer has been
handed to the server (Response.call_on_close), so neither the page nor its
timing tells a visitor whether an address belongs to a buyer.
"""

import logging
from functools import partial

from flask import Flask, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField
from wtforms.validators import ValidationError

from kymppi.card import bp
from kymppi.domain.contact import EMAIL_MESSAGE, is_plausible_email
from kymppi.domain.lost_link import normalized_email, send_card_links
from kymppi.domain.organization import opisto
from kymppi.extensions import limiter
from kymppi.i18n import current_language
from kymppi.mail import MailError, SmtpSettings
from kymppi.models import Buyer

MAX_EMAIL_LENGTH = Buyer.email.type.length

log = logging.getLogger(__name__)


class LostLinkForm(FlaskForm):
    """The one field, in the visitor's language: a chosen ?lang=, else the browser's (kymppi.i18n)."""

    email = EmailField(_l("Sähköposti"), filters=[lambda value: value.strip() if value else value])

    def validate_email(self, field):
        """The same check, and the same words, as at the sale, so an address the desk accepted is accepted here."""
        if not field.data:
            raise ValidationError(_("Anna sähköpostiosoite."))
        if len(field.data) > MAX_EMAIL_LENGTH or not is_plausible_email(field.data):
            raise ValidationError(EMAIL_MESSAGE)


def _per_address() -> str:
    return current_app.config["LOST_LINK_LIMIT"]


def _per_email() -> str:
    return current_app.config["LOST_LINK_EMAIL_LIMIT"]


def _submitted_email() -> str:
    return "lost-link-email:" + normalized_email(request.form.get("email", ""))


@bp.route("/k/lost", methods=["GET", "POST"])
@limiter.limit(_per_address, methods=["POST"])
@limiter.limit(_per_email, methods=["POST"], key_func=_submitted_email)
def lost_link():
    form = LostLinkForm()
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("card/lost_link.html", form=form, organization=opisto()), status
    response = redirect(url_for("card.lost_link_sent", lang=current_language().value))
    response.call_on_close(partial(_send_links, current_app._get_current_object(), form.email.data))
    return response


@bp.get("/k/lost/sent")
def lost_link_sent():
    return render_template("card/lost_link_sent.html", organization=opisto())


def _send_links(app: Flask, email: str) -> None:
    """Runs after the answer is sent, in an app context of its own. A failure is only
    logged, without the address: the visitor has already been told the same as everyone."""
    with app.app_context():
        try:
            send_card_links(
                email,
                base_url=app.config["BASE_URL"],
                settings=SmtpSettings.from_config(app.config),
                organization=opisto(),
            )
        except MailError:
            log.warning("A lost-link email could not be sent")
