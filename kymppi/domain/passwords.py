"""Staff passwords: the policy (length, not a common one) and hashing with argon2id.

Twelve characters and no password off a list of the most common ones, as
NCSC and NIST SP 800-63B advise instead of rules about digits and capitals:
length is what makes guessing slow, and the list stops the guesses tried first.

Hashing: t=2, m=19 MiB, p=1 is OWASP's minimum for argon2id and verifies in about
24 ms here; argon2-cffi's defaults take about ten times as long, which a
login endpoint can't afford under load.
"""

from functools import cache
from importlib.resources import files

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified against when the email is unknown, so both cases take the same time.
_DUMMY_HASH = _hasher.hash("kymppi-no-such-user")

MIN_LENGTH = 12


def is_common(password: str) -> bool:
    """Whether the password is on the vendored list (kymppi/data/VENDORED.md), whatever its case."""
    return password.casefold() in _common_passwords()


@cache
def _common_passwords() -> frozenset[str]:
    text = files("kymppi").joinpath("data", "common_passwords.txt").read_text(encoding="utf-8")
    return frozenset(line.casefold() for line in text.splitlines() if line)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
