"""Exceptions for broken input; expected business results are outcomes, not exceptions."""


class InvalidInput(ValueError):
    """Input a form or API should have refused; names the field so it can be shown there."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def check_length(field: str, value: str | None, column) -> None:
    """Refuse text longer than its column: PostgreSQL would fail the write, SQLite keep it silently."""
    limit = column.type.length
    if value is not None and len(value.strip()) > limit:
        raise InvalidInput(field, f"at most {limit} characters")


class NotFound(LookupError):
    """A referenced row (course, card type, buyer) does not exist."""


class ClientIdReused(ValueError):
    """A device sent a client id it already used for a different scan."""
