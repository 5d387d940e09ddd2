"""Card types (korttityypit) and the course categories they are valid for.

Categories normally arrive with the course CSV import; the small page here
lets the admin add one by hand before a card type needs it.
"""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from kymppi.admin import bp
from kymppi.admin.forms import MultiCheckboxField, choices, date_field, form_page, too_long
from kymppi.domain import catalog, catalog_queries
from kymppi.domain.errors import InvalidInput
from kymppi.forms import EurosField, attach_error
from kymppi.models import CardType


class CardTypeForm(FlaskForm):
    name = StringField("Nimi", validators=[DataRequired("Anna nimi."), Length(max=100, message=too_long(100))])
    visits = IntegerField(
        "Käyntikertoja",
        default=10,
        validators=[InputRequired("Anna käyntikertojen määrä.")],
        invalid_value_message="Anna käyntikerrat kokonaislukuna.",
    )
    price_cents = EurosField("Hinta (€)", validators=[InputRequired("Anna hinta.")], description="Esimerkiksi 50,00.")
    valid_from = date_field("Voimassa alkaen", "Anna alkupäivä.")
    valid_until = date_field("Voimassa asti", "Anna loppupäivä.")
    on_sale = BooleanField("Myynnissä", default=True, description="Vain myynnissä olevia tyyppejä voi myydä.")
    category_ids = MultiCheckboxField(
        "Kategoriat, joiden kursseilla kortti käy",
        coerce=int,
        invalid_value_message="Valitse kategoriat listasta.",
        invalid_choice_message="Valitse kategoriat listasta.",
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
        "Tunnus",
        validators=[DataRequired("Anna tunnus."), Length(max=40, message=too_long(40))],
        description="Sama tunnus kuin kurssitiedoston kategoria-sarakkeessa, esimerkiksi liikunta.",
    )
    name = StringField("Nimi", validators=[DataRequired("Anna nimi."), Length(max=100, message=too_long(100))])


@bp.get("/card-types")
def card_types():
    return render_template("admin/card_types.html", card_types=catalog_queries.card_types())


@bp.route("/card-types/new", methods=["GET", "POST"])
def new_card_type():
    return _edit(None, CardTypeForm(), "Uusi korttityyppi")


@bp.route("/card-types/<id:card_type_id>", methods=["GET", "POST"])
def edit_card_type(card_type_id: int):
    card_type = catalog_queries.card_type(card_type_id)
    form = CardTypeForm(obj=card_type, category_ids=[c.id for c in card_type.categories])
    return _edit(card_type, form, f"Korttityyppi {card_type.name}")


def _edit(card_type: CardType | None, form: CardTypeForm, title: str):
    if form.validate_on_submit():
        try:
            saved = catalog.save_card_type(card_type, form.details(), by=current_user)
        except InvalidInput as error:
            attach_error(form, error)
        else:
            flash(f"Korttityyppi {saved.name} tallennettu.", "success")
            return redirect(url_for("admin.card_types"))
    intro = "Jo myydyt kortit pitävät hintansa, käyntikertansa ja voimassaolonsa." if card_type else None
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
            flash(f"Kategoria {category.name} lisätty.", "success")
            return redirect(url_for("admin.categories"))
    status = 422 if form.errors else 200
    return render_template("admin/categories.html", form=form, categories=catalog_queries.categories()), status
