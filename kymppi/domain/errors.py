"""Exceptions for broken input; expected business results are outcomes, not exceptions."""


class InvalidInput(ValueError):
    """Input a form or API should have refused; names the field so it can be shown there."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFound(LookupError):
    """A referenced row (course, card type, buyer) does not exist."""


class ClientIdReused(ValueError):
    """A device sent a client id it already used for a different scan."""
