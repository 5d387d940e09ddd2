"""Exceptions for broken input; expected business results are outcomes, not exceptions."""

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext

from kymppi.domain.text import has_control_characters

# Lazy, so the forms built at import and the domain at request time say the same in the reader's language.
CONTROL_CHARACTERS_MESSAGE = _l("Poista kentästä rivinvaihdot ja muut erikoismerkit.")


def too_long(limit: int) -> str:
    """The refusal of text longer than `limit` characters: "Enintään 200 merkkiä."."""
    return lazy_ngettext("Enintään %(num)d merkki.", "Enintään %(num)d merkkiä.", limit)


class InvalidInput(ValueError):
    """Input a form or API should have refused; names the field so it can be shown there.

    A lazy message is written out when raised, in the language of that moment,
    so an API can put it in its JSON as it is.
    """

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = str(message)


def check_text(field: str, value: str | None, column) -> None:
    """Refuse text its column can't hold: longer than the column (PostgreSQL would fail the
    write, SQLite keep it silently) or with control characters (PostgreSQL refuses NUL)."""
    if value is None:
        return
    if has_control_characters(value):
        raise InvalidInput(field, CONTROL_CHARACTERS_MESSAGE)
    limit = column.type.length
    if len(value.strip()) > limit:
        raise InvalidInput(field, too_long(limit))


class NotFound(LookupError):
    """A referenced row (course, card type, buyer) does not exist."""


class ClientIdReused(ValueError):
    """A device sent a client id it already used for a different scan."""
