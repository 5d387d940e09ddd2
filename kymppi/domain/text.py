"""Checks on free text that people or devices send us."""


def has_control_characters(text: str) -> bool:
    """True for NUL, tab, newline and the like: PostgreSQL refuses NUL in text, and browsers
    drop tabs and newlines from URLs, so such text is never a valid email, path or id."""
    return any(ord(c) < 0x20 or ord(c) == 0x7F for c in text)
