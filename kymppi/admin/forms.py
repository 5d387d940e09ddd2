"""What the admin forms share: Finnish labels, money and multi-choice fields, and the form page."""

import re

from flask import render_template
from flask_wtf import FlaskForm
from wtforms import DateField, SelectMultipleField, StringField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired
from wtforms.widgets import CheckboxInput, ListWidget

from kymppi.domain.errors import InvalidInput
from kymppi.models import Role, TermKind

ROLE_LABELS = {Role.OFFICE: "Toimistosihteeri", Role.INSTRUCTOR: "Tuntiopettaja", Role.ADMIN: "Pääkäyttäjä"}
TERM_KIND_LABELS = {TermKind.AUTUMN: "Syyslukukausi", TermKind.SPRING: "Kevätlukukausi"}
_DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]  # the date picker's, then typed Finnish dates
_TIME_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]
_EUROS = re.compile(r"(-?)(\d{1,9})(?:\.(\d{1,2}))?")


def too_long(limit: int) -> str:
    return f"Enintään {limit} merkkiä."


def date_field(label: str, missing: str) -> DateField:
    return DateField(
        label,
        format=_DATE_FORMATS,
        validators=[InputRequired(missing)],
        invalid_value_message="Anna päivämäärä muodossa pp.kk.vvvv.",
    )


def time_field(label: str, missing: str) -> TimeField:
    return TimeField(
        label,
        format=_TIME_FORMATS,
        validators=[InputRequired(missing)],
        invalid_value_message="Anna kellonaika muodossa TT:MM, esimerkiksi 18:00.",
    )


def optional_int(value) -> int | None:
    """Coerce for selects with a "Valitse…" option whose value is empty."""
    return None if value in ("", None) else int(value)


def choices(rows, label=lambda row: row.name, placeholder: str | None = "Valitse…") -> list[SelectChoice]:
    options = [SelectChoice("", placeholder)] if placeholder else []
    return options + [SelectChoice(row.id, label(row)) for row in rows]


def enum_choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(member.value, label) for member, label in labels.items()]


class EuroField(StringField):
    """A price typed as Finns write it ("50,00", "50", "1 200,5 €"); `data` is integer cents.

    The range is the domain's to judge, so a negative price is parsed here
    and refused there, with the same message the API would get.
    """

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else f"{self.data // 100},{self.data % 100:02d}"

    def process_formdata(self, valuelist) -> None:
        self.data = None
        text = re.sub(r"[\s€]", "", valuelist[0] if valuelist else "").replace(",", ".")
        if not text:
            return
        match = _EUROS.fullmatch(text)
        if match is None:
            raise ValueError("Kirjoita hinta euroina, esimerkiksi 50,00.")
        cents = int(match[2]) * 100 + int((match[3] or "0").ljust(2, "0"))
        self.data = -cents if match[1] else cents


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes: easier on a tablet than a multiple select box."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def attach_error(form: FlaskForm, error: InvalidInput) -> None:
    """Show the domain's refusal beside the field it names, or above the form."""
    field = form._fields.get(error.field)
    (field.errors if field is not None else form.form_errors).append(error.message)


def form_page(form: FlaskForm, *, title: str, cancel: str, **context):
    """The shared create/edit page; 422 when the form came back with errors, everything typed kept."""
    status = 422 if form.errors else 200
    return render_template("admin/form.html", form=form, title=title, cancel=cancel, **context), status
