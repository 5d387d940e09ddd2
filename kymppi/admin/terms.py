"""Terms (lukukaudet): the autumn and spring terms courses and card validity hang on."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, Regexp

from kymppi.admin import bp
from kymppi.admin.forms import date_field, enum_choices, form_page
from kymppi.domain import catalog, catalog_queries
from kymppi.domain.errors import InvalidInput, too_long
from kymppi.forms import attach_error
from kymppi.labels import TERM_KIND
from kymppi.models import Term, TermKind


class TermForm(FlaskForm):
    name = StringField(
        _l("Nimi"),
        validators=[DataRequired(_l("Anna nimi.")), Length(max=100, message=too_long(100))],
        description=_l("Esimerkiksi Syksy 2026. Kurssitiedoston lukukausi-sarakkeessa käytetään tätä nimeä."),
    )
    kind = RadioField(
        lazy_pgettext("term kind", "Lukukausi"),
        choices=enum_choices(TERM_KIND),
        validators=[InputRequired(_l("Valitse syys- tai kevätlukukausi."))],
        invalid_choice_message=_l("Valitse syys- tai kevätlukukausi."),
    )
    academic_year = StringField(
        _l("Lukuvuosi"),
        validators=[
            DataRequired(_l("Anna lukuvuosi.")),
            Regexp(r"^\s*[0-9]{4}-[0-9]{4}\s*$", message=_l("Anna lukuvuosi muodossa 2026-2027.")),
        ],
        description=_l("Muodossa 2026-2027."),
    )
    starts_on = date_field(_l("Alkaa"), _l("Anna alkamispäivä."))
    ends_on = date_field(_l("Päättyy"), _l("Anna päättymispäivä."))

    def details(self) -> catalog.TermDetails:
        return catalog.TermDetails(
            name=self.name.data,
            kind=TermKind(self.kind.data),
            academic_year=self.academic_year.data,
            starts_on=self.starts_on.data,
            ends_on=self.ends_on.data,
        )


@bp.get("/terms")
def terms():
    return render_template("admin/terms.html", terms=catalog_queries.terms(), kinds=TERM_KIND)


@bp.route("/terms/new", methods=["GET", "POST"])
def new_term():
    return _edit(None, TermForm(), _("Uusi lukukausi"))


@bp.route("/terms/<id:term_id>", methods=["GET", "POST"])
def edit_term(term_id: int):
    term = catalog_queries.term(term_id)
    return _edit(term, TermForm(obj=term), _("Lukukausi %(name)s", name=term.name))


def _edit(term: Term | None, form: TermForm, title: str):
    if form.validate_on_submit():
        try:
            saved = catalog.save_term(term, form.details(), by=current_user)
        except InvalidInput as error:
            attach_error(form, error)
        else:
            flash(_("Lukukausi %(name)s tallennettu.", name=saved.name), "success")
            return redirect(url_for("admin.terms"))
    return form_page(form, title=title, cancel=url_for("admin.terms"))
