"""What the admin forms share: date, time and multi-choice fields, select choices and the form page."""

from flask import render_template
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectMultipleField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DateRange, InputRequired
from wtforms.widgets import CheckboxInput, ListWidget

from kymppi.domain.catalog import DATE_RANGE_MESSAGE, FIRST_DATE, LAST_DATE

_DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]  # the date picker's, then typed Finnish dates
_TIME_FORMATS = ["%H:%M", "%H.%M", "%H:%M:%S"]


def date_field(label, missing) -> DateField:
    """A date the catalogue accepts: a typo like 9999 is refused here, and the date picker offers no such year."""
    return DateField(
        label,
        format=_DATE_FORMATS,
        validators=[InputRequired(missing), DateRange(FIRST_DATE, LAST_DATE, _l(DATE_RANGE_MESSAGE))],
        invalid_value_message=_l("Anna päivämäärä muodossa pp.kk.vvvv."),
    )


def time_field(label, missing) -> TimeField:
    return TimeField(
        label,
        format=_TIME_FORMATS,
        validators=[InputRequired(missing)],
        invalid_value_message=_l("Anna kellonaika muodossa TT:MM, esimerkiksi 18:00."),
    )


CHOOSE = _l("Valitse…")  # a select's empty first choice


def choices(rows, label=lambda row: row.name, placeholder=CHOOSE) -> list[SelectChoice]:
    options = [SelectChoice("", placeholder)] if placeholder else []
    return options + [SelectChoice(row.id, label(row)) for row in rows]


def enum_choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(member.value, label) for member, label in labels.items()]


class MultiCheckboxField(SelectMultipleField):
    """Several choices as checkboxes: easier on a tablet than a multiple select box."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def form_page(form: FlaskForm, *, title: str, cancel: str, **context):
    """The shared create/edit page; 422 when the form came back with errors, everything typed kept."""
    status = 422 if form.errors else 200
    return render_template("admin/form.html", form=form, title=title, cancel=cancel, **context), status
