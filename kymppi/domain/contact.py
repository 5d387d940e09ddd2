"""Rule 11's contact details, checked the same way wherever a buyer is entered:
the sale form, the buyer edit and the API."""

import re

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from kymppi.domain.errors import InvalidInput, check_text
from kymppi.models import Buyer

# Digits, spaces, dashes, parentheses and a leading +: "040 123 4567", "+358 40 1234567".
PHONE = re.compile(r"\+?[0-9][0-9 ()-]{4,39}")
# Lazy: the forms built at import and the domain at request time say them in the reader's language.
EMAIL_MESSAGE = _l("Tarkista sähköpostiosoite, esimerkiksi nimi@esimerkki.fi.")
PHONE_MESSAGE = _l("Tarkista puhelinnumero, esimerkiksi 040 123 4567.")
REACHABLE_MESSAGE = _l("Anna sähköposti tai puhelinnumero, jotta ostajan tavoittaa.")
_TEXT_FIELDS = ("name", "email", "phone", "municipality")


def is_plausible_email(text: str) -> bool:
    """The address's syntax by email-validator's rules, without DNS look-ups: the desk may be offline."""
    try:
        validate_email(text, check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


def clean_contact(
    name: str | None, email: str | None, phone: str | None, municipality: str | None
) -> dict[str, str | None]:
    """The details trimmed, blanks as None, or InvalidInput naming the first bad field (in the reader's language)."""
    values = {}
    for field, value in zip(_TEXT_FIELDS, (name, email, phone, municipality), strict=True):
        text = (value or "").strip()
        check_text(field, text, getattr(Buyer, field))
        values[field] = text or None
    if values["name"] is None:
        raise InvalidInput("name", _l("Anna ostajan nimi."))
    if values["email"] is None and values["phone"] is None:
        raise InvalidInput("phone", REACHABLE_MESSAGE)
    if values["email"] is not None and not is_plausible_email(values["email"]):
        raise InvalidInput("email", EMAIL_MESSAGE)
    if values["phone"] is not None and not PHONE.fullmatch(values["phone"]):
        raise InvalidInput("phone", PHONE_MESSAGE)
    return values
