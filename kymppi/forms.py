"""What every form shares: showing a domain refusal beside the field it names."""

from flask_wtf import FlaskForm

from kymppi.domain.errors import InvalidInput


def attach_error(form: FlaskForm, error: InvalidInput, aliases: dict[str, str] | None = None) -> None:
    """Put the domain's message on the field it names, or above the form when no field matches."""
    name = (aliases or {}).get(error.field, error.field)
    field = form._fields.get(name)
    (field.errors if field is not None else form.form_errors).append(error.message)
