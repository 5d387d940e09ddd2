"""The card page's forms, one per action; each has its own prefix so errors land on the right form."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from kymppi.domain.errors import too_long
from kymppi.domain.validity import MAX_EXTENSION_DAYS
from kymppi.forms import EurosField, price_range
from kymppi.office.messages import REASON_REQUIRED
from kymppi.routing import id_field

REASON_MAX = 500


def _reason(label: str = _l("Syy")) -> StringField:
    return StringField(
        label,
        validators=[DataRequired(REASON_REQUIRED), Length(max=REASON_MAX, message=too_long(REASON_MAX))],
    )


class ReasonForm(FlaskForm):
    """Cancel, suspend and replace: nothing but a reason."""

    reason = _reason()


class ResumeForm(FlaskForm):
    """Resume needs no reason: the suspension already has one."""


class UndoForm(FlaskForm):
    check_in_id = id_field(required=True)
    reason = _reason(_l("Perumisen syy"))


class RefundForm(FlaskForm):
    amount = EurosField(_l("Hyvitettävä summa (€)"), validators=[Optional(), price_range()])
    reason = _reason()


class ExtendForm(FlaskForm):
    days = IntegerField(
        _l("Pidennys päivinä"),
        validators=[
            InputRequired(_l("Anna päivien määrä.")),
            NumberRange(1, MAX_EXTENSION_DAYS, _l("Anna %(min)s–%(max)s päivää.")),
        ],
    )
    note = _reason(_l("Perustelu"))


class TransferForm(FlaskForm):
    to_card = StringField(
        _l("Kortti, jolle käynnit siirretään (kortin numero)"),
        validators=[
            DataRequired(_l("Anna vastaanottavan kortin numero.")),
            Length(max=20, message=_l("Tarkista numero.")),
        ],
    )
    visits = IntegerField(
        _l("Siirrettävät käynnit"),
        validators=[InputRequired(_l("Anna käyntien määrä.")), NumberRange(1, 100, _l("Anna %(min)s–%(max)s."))],
    )
    note = _reason(_l("Perustelu"))


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
