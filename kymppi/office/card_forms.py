"""The card page's forms, one per action; each has its own prefix so errors land on the right form."""

from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from kymppi.domain.validity import MAX_EXTENSION_DAYS
from kymppi.forms import EurosField, price_range
from kymppi.routing import id_field

REASON_MAX = 500


def _reason(label: str = "Syy") -> StringField:
    return StringField(
        label,
        validators=[
            DataRequired("Kirjoita syy: se tallentuu kortin tapahtumiin."),
            Length(max=REASON_MAX, message=f"Enintään {REASON_MAX} merkkiä."),
        ],
    )


class ReasonForm(FlaskForm):
    """Cancel, suspend and replace: nothing but a reason."""

    reason = _reason()


class ResumeForm(FlaskForm):
    """Resume needs no reason: the suspension already has one."""


class UndoForm(FlaskForm):
    check_in_id = id_field(required=True)
    reason = _reason("Perumisen syy")


class RefundForm(FlaskForm):
    amount = EurosField("Hyvitettävä summa (€)", validators=[Optional(), price_range()])
    reason = _reason()


class ExtendForm(FlaskForm):
    days = IntegerField(
        "Pidennys päivinä",
        validators=[
            InputRequired("Anna päivien määrä."),
            NumberRange(1, MAX_EXTENSION_DAYS, f"Anna 1–{MAX_EXTENSION_DAYS} päivää."),
        ],
    )
    note = _reason("Perustelu")


class TransferForm(FlaskForm):
    to_card = StringField(
        "Kortti, jolle käynnit siirretään (kortin numero)",
        validators=[DataRequired("Anna vastaanottavan kortin numero."), Length(max=20, message="Tarkista numero.")],
    )
    visits = IntegerField(
        "Siirrettävät käynnit", validators=[InputRequired("Anna käyntien määrä."), NumberRange(1, 100, "Anna 1–100.")]
    )
    note = _reason("Perustelu")


# Prefix → form class for every action on the card page.
CARD_FORMS = {
    "undo": UndoForm,
    "cancel": ReasonForm,
    "refund": RefundForm,
    "suspend": ReasonForm,
    "resume": ResumeForm,
    "replace": ReasonForm,
    "extend": ExtendForm,
    "transfer": TransferForm,
}


def card_forms(submitted: str | None = None) -> dict[str, FlaskForm]:
    """A fresh form for every action; only the submitted one reads the request."""
    return {
        prefix: form_class(prefix=prefix) if prefix == submitted else form_class(prefix=prefix, formdata=None)
        for prefix, form_class in CARD_FORMS.items()
    }
