"""The office's changes to a card, each a POST from the card page: one form, one domain call.

A refused change re-shows the card page with the typed reason kept and the
refusal beside the form; a done change redirects back (post/redirect/get).
"""

from collections.abc import Callable

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kymppi.domain.card_history import check_in_on
from kymppi.domain.card_status import cancel_card, refund_card, resume_card, suspend_card
from kymppi.domain.cards import card_by_number
from kymppi.domain.checkin import undo_check_in
from kymppi.domain.errors import InvalidInput
from kymppi.domain.outcomes import CardChangeOutcome, CardChangeResult, UndoOutcome
from kymppi.domain.replacement import replace_card, transfer_visits
from kymppi.domain.validity import Extension, extend_card
from kymppi.forms import attach_error
from kymppi.models import Card, User
from kymppi.office import bp
from kymppi.office.card_forms import card_forms
from kymppi.office.card_page import card_or_404, render_card_page
from kymppi.office.messages import CARD_CHANGE_DONE, CARD_CHANGE_REFUSED, UNDO_REFUSED

Action = Callable[[Card, object, User], CardChangeResult]

ACTIONS: dict[str, Action] = {
    "cancel": lambda card, form, by: cancel_card(card.id, by=by, reason=form.reason.data),
    "suspend": lambda card, form, by: suspend_card(card.id, by=by, reason=form.reason.data),
    "resume": lambda card, form, by: resume_card(card.id, by=by),
    "replace": lambda card, form, by: replace_card(card.id, by=by, reason=form.reason.data),
    "refund": lambda card, form, by: refund_card(
        card.id, by=by, reason=form.reason.data, amount_cents=form.amount.data
    ),
    "extend": lambda card, form, by: extend_card(card.id, Extension(form.days.data, form.note.data), by=by),
    "transfer": lambda card, form, by: _transfer(card, form, by),
}


def _transfer(card: Card, form, by: User) -> CardChangeResult:
    target = card_by_number(form.to_card.data)
    if target is None:
        raise InvalidInput("to_card", _("Korttia ei löytynyt tällä numerolla."))
    return transfer_visits(card.id, target.id, form.visits.data, by=by, reason=form.note.data)


@bp.post("/cards/<number>/<any(cancel, suspend, resume, replace, refund, extend, transfer):action>")
def change_card(number: str, action: str):
    card = card_or_404(number)
    forms = card_forms(submitted=action)
    form = forms[action]
    if form.validate_on_submit():
        try:
            result = ACTIONS[action](card, form, current_user)
        except InvalidInput as error:
            attach_error(form, error)
        else:
            if result.ok:
                flash(str(CARD_CHANGE_DONE[action]), "success")
                # A replacement's page is the new card's: that is the one to print.
                return redirect(url_for("office.card", number=result.card.number))
            if result.outcome is CardChangeOutcome.WRONG_STATUS:
                # The card changed under us (another tab, a colleague): show it as it is now.
                flash(str(CARD_CHANGE_REFUSED[result.outcome]), "error")
                return redirect(url_for("office.card", number=card.number))
            form.form_errors.append(CARD_CHANGE_REFUSED[result.outcome])
    return render_card_page(card, forms, 422)


@bp.post("/cards/<number>/undo")
def undo(number: str):
    card = card_or_404(number)
    forms = card_forms(submitted="undo")
    form = forms["undo"]
    if form.validate_on_submit():
        check = check_in_on(card.id, form.check_in_id.data)
        if check is None:
            abort(404)
        try:
            result = undo_check_in(check.id, by=current_user, reason=form.reason.data)
        except InvalidInput as error:
            attach_error(form, error)
            return render_card_page(card, forms, 422)
        if result.outcome is UndoOutcome.OK:
            flash(_("Käynti peruttu ja palautettu kortille."), "success")
        else:
            # Already undone, say by a colleague: the row's form is gone, so tell it above the page.
            flash(str(UNDO_REFUSED[result.outcome]), "error")
        return redirect(url_for("office.card", number=card.number))
    return render_card_page(card, forms, 422)
