"""Checks on free text that people or devices send us."""


def has_control_characters(text: str) -> bool:
    """True for NUL, tab, newline and the like: PostgreSQL refuses NUL in text, and browsers
    drop tabs and newlines from URLs, so such text is never a valid email, path or id."""
    return any(ord(c) < 0x20 or ord(c) == 0x7F for c in text)


# What typed text and text files legitimately hold besides characters: tabs and line ends.
_LAYOUT = str.maketrans("", "", "\t\r\n")


def has_stray_control_characters(text: str) -> bool:
    """Control characters other than tabs and line ends: NUL and the like in a typed answer or a file."""
    return has_control_characters(text.translate(_LAYOUT))
