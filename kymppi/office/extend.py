"""Extending every live card of a card type at once, e.g. when a teacher's illness cancelled classes."""

from flask import flash, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from wtforms import SelectChoice, SelectField

from kymppi.domain import catalog_queries
from kymppi.domain.validity import Extension, extend_card_type
from kymppi.office import bp
from kymppi.office.card_forms import ExtendForm
from kymppi.office.history import by_days
from kymppi.office.messages import CARD_CHANGE_REFUSED


class ExtendCardTypeForm(ExtendForm):
    card_type = SelectField(_l("Korttityyppi"), coerce=int)


@bp.route("/extend", methods=["GET", "POST"])
def extend_many():
    form = ExtendCardTypeForm()
    form.card_type.choices = [SelectChoice(t.id, t.name) for t in catalog_queries.card_types()]
    if form.validate_on_submit():
        result = extend_card_type(form.card_type.data, Extension(form.days.data, form.note.data), by=current_user)
        if result.ok:
            extended = ngettext(
                "%(num)s kortin voimassaoloa pidennetty %(days)s.",
                "%(num)s kortin voimassaoloa pidennetty %(days)s.",
                result.extended,
                days=by_days(form.days.data),
            )
            flash(extended, "success")
            return redirect(url_for("office.extend_many"))
        form.form_errors.append(CARD_CHANGE_REFUSED[result.outcome])
    return render_template("office/extend.html", form=form), (422 if form.errors else 200)
