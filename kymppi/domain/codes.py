"""Card secrets (in the QR) and card numbers (for people).

QR payload, version 1: `<BASE_URL>/k/<secret>`, where the secret is 32
characters of URL-safe base64 carrying 192 random bits. A scanner may hand us
the whole URL, the bare secret, or a card number someone typed.
"""

import re
import secrets

# No 0/O, 1/I/L: numbers are read aloud over the phone and typed by hand.
NUMBER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
NUMBER_LENGTH = 8
SECRET_BYTES = 24
QR_PATH_PREFIX = "/k/"

_NUMBER_RE = re.compile(f"^[{NUMBER_ALPHABET}]{{{NUMBER_LENGTH}}}$")
_SECRET_RE = re.compile(r"^[A-Za-z0-9_-]{32,64}$")


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def new_card_number() -> str:
    return "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(NUMBER_LENGTH))


def format_card_number(number: str) -> str:
    """ "ABCD2345" → "ABCD-2345", easier to read over the phone."""
    half = len(number) // 2
    return f"{number[:half]}-{number[half:]}"


def card_url(base_url: str, secret: str) -> str:
    return f"{base_url.rstrip('/')}{QR_PATH_PREFIX}{secret}"


def parse_code(code: str) -> tuple[str, str] | None:
    """Classify scanned or typed text as ("secret", s) or ("number", n), or None."""
    text = code.strip()
    if QR_PATH_PREFIX in text:
        text = text.rsplit(QR_PATH_PREFIX, 1)[1].split("?", 1)[0].split("#", 1)[0].strip("/")
        return ("secret", text) if _SECRET_RE.match(text) else None
    number = re.sub(r"[\s-]", "", text).upper()
    if _NUMBER_RE.match(number):
        return ("number", number)
    if _SECRET_RE.match(text):
        return ("secret", text)
    return None
