"""Exceptions for broken input; expected business results are outcomes, not exceptions."""

from kymppi.domain.text import has_control_characters


class InvalidInput(ValueError):
    """Input a form or API should have refused; names the field so it can be shown there."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def check_text(field: str, value: str | None, column) -> None:
    """Refuse text its column can't hold: longer than the column (PostgreSQL would fail the
    write, SQLite keep it silently) or with control characters (PostgreSQL refuses NUL)."""
    if value is None:
        return
    if has_control_characters(value):
        raise InvalidInput(field, "Poista kentästä rivinvaihdot ja muut erikoismerkit.")
    limit = column.type.length
    if len(value.strip()) > limit:
        raise InvalidInput(field, f"Enintään {limit} merkkiä.")


class NotFound(LookupError):
    """A referenced row (course, card type, buyer) does not exist."""


class ClientIdReused(ValueError):
    """A device sent a client id it already used for a different scan."""
