"""Card types (korttityypit) and the course categories they are valid for.

Categories normally arrive with the course CSV import; the small page here
lets the admin add one by hand before a card type needs it.
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from kymppi.admin import bp
from kymppi.admin.forms import MultiCheckboxField, choices, date_field, form_page
from kymppi.domain import catalog, catalog_queries
from kymppi.domain.errors import InvalidInput, too_long
from kymppi.forms import EurosField, attach_error
from kymppi.models import CardType


class CardTypeForm(FlaskForm):
    name = StringField(_l("Nimi"), validators=[DataRequired(_l("Anna nimi.")), Length(max=100, message=too_long(100))])
    visits = IntegerField(
        _l("Käyntikertoja"),
        default=10,
        validators=[InputRequired(_l("Anna käyntikertojen määrä."))],
        invalid_value_message=_l("Anna käyntikerrat kokonaislukuna."),
    )
    price_cents = EurosField(
        _l("Hinta (€)"), validators=[InputRequired(_l("Anna hinta."))], description=_l("Esimerkiksi 50,00.")
    )
    valid_from = date_field(_l("Voimassa alkaen"), _l("Anna alkupäivä."))
    valid_until = date_field(_l("Voimassa asti"), _l("Anna loppupäivä."))
    on_sale = BooleanField(_l("Myynnissä"), default=True, description=_l("Vain myynnissä olevia tyyppejä voi myydä."))
    category_ids = MultiCheckboxField(
        _l("Kategoriat, joiden kursseilla kortti käy"),
        coerce=int,
        invalid_value_message=_l("Valitse kategoriat listasta."),
        invalid_choice_message=_l("Valitse kategoriat listasta."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.category_ids.choices = choices(
            catalog_queries.categories(), lambda c: f"{c.name} ({c.code})", placeholder=None
        )

    def details(self) -> catalog.CardTypeDetails:
        return catalog.CardTypeDetails(
            name=self.name.data,
            visits=self.visits.data,
            price_cents=self.price_cents.data,
            valid_from=self.valid_from.data,
            valid_until=self.valid_until.data,
            on_sale=self.on_sale.data,
            category_ids=tuple(self.category_ids.data or ()),
        )


class CategoryForm(FlaskForm):
    code = StringField(
        _l("Tunnus"),
        validators=[DataRequired(_l("Anna tunnus.")), Length(max=40, message=too_long(40))],
        description=_l("Sama tunnus kuin kurssitiedoston kategoria-sarakkeessa, esimerkiksi liikunta."),
    )
    name = StringField(_l("Nimi"), validators=[DataRequired(_l("Anna nimi.")), Length(max=100, message=too_long(100))])


@bp.get("/card-types")
def card_types():
    return render_template("admin/card_types.html", card_types=catalog_queries.card_types())


@bp.route("/card-types/new", methods=["GET", "POST"])
def new_card_type():
    return _edit(None, CardTypeForm(), _("Uusi korttityyppi"))


@bp.route("/card-types/<id:card_type_id>", methods=["GET", "POST"])
def edit_card_type(card_type_id: int):
    card_type = catalog_queries.card_type(card_type_id)
    form = CardTypeForm(obj=card_type, category_ids=[c.id for c in card_type.categories])
    return _edit(card_type, form, _("Korttityyppi %(name)s", name=card_type.name))


def _edit(card_type: CardType | None, form: CardTypeForm, title: str):
    if form.validate_on_submit():
        try:
            saved = catalog.save_card_type(card_type, form.details(), by=current_user)
        except InvalidInput as error:
            attach_error(form, error)
        else:
            flash(_("Korttityyppi %(name)s tallennettu.", name=saved.name), "success")
            return redirect(url_for("admin.card_types"))
    intro = _("Jo myydyt kortit pitävät hintansa, käyntikertansa ja voimassaolonsa.") if card_type else None
    return form_page(form, title=title, cancel=url_for("admin.card_types"), intro=intro)


@bp.route("/categories", methods=["GET", "POST"])
def categories():
    form = CategoryForm()
    if form.validate_on_submit():
        try:
            category = catalog.create_category(form.code.data, form.name.data, by=current_user)
        except InvalidInput as error:
            attach_error(form, error)
        else:
            flash(_("Kategoria %(name)s lisätty.", name=category.name), "success")
            return redirect(url_for("admin.categories"))
    status = 422 if form.errors else 200
    return render_template("admin/categories.html", form=form, categories=catalog_queries.categories()), status
