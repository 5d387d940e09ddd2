"""What the office and admin forms share: money typed the Finnish way (a point will do too), optional ids
in selects, and domain refusals shown in place."""

import re

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import NumberRange

from kymppi.domain.errors import InvalidInput
from kymppi.domain.sales import MAX_PRICE_CENTS, PRICE_RANGE_MESSAGE

# ASCII digits only: `\d` would also take "٥٠" or "５０", which nobody means as a price.
_EUROS = re.compile(r"(-?)([0-9]{1,9})(?:\.([0-9]{1,2}))?")


def euros_input(cents: int) -> str:
    """Cents as typed into a field: "50,00", no currency sign."""
    return f"{cents // 100},{cents % 100:02d}"


class EurosField(StringField):
    """An amount typed as Finns write it ("50,00", "50", "1 200,5 €"); `data` is integer cents.

    What was typed is shown back as typed when the form comes back with an error.
    """

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else euros_input(self.data)

    def process_formdata(self, valuelist) -> None:
        self.data = None
        text = re.sub(r"[\s€]", "", valuelist[0] if valuelist else "").replace(",", ".")
        if not text:
            return
        match = _EUROS.fullmatch(text)
        if match is None:
            raise ValueError(_("Kirjoita hinta euroina, esimerkiksi 50,00."))
        cents = int(match[2]) * 100 + int((match[3] or "0").ljust(2, "0"))
        self.data = -cents if match[1] else cents


def price_range() -> NumberRange:
    """0 € to the domain's ceiling, which keeps a typo (50000 for 50,00) out of the books."""
    return NumberRange(0, MAX_PRICE_CENTS, PRICE_RANGE_MESSAGE)


def optional_int(value) -> int | None:
    """Coerce for selects whose empty choice ("Valitse…", "Kaikki") means none.

    Anything else that isn't a number raises ValueError, which WTForms shows
    as the field's invalid-value message; a list filter form, never validated,
    is left with no value, i.e. no filter.
    """
    if value is None or value == "":
        return None
    return int(value)


def attach_error(form: FlaskForm, error: InvalidInput, aliases: dict[str, str] | None = None) -> None:
    """Put the domain's message on the field it names, or above the form when no field matches."""
    name = (aliases or {}).get(error.field, error.field)
    field = form._fields.get(name)
    (field.errors if field is not None else form.form_errors).append(error.message)
