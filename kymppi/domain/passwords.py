"""Staff password hashing with argon2id.

t=2, m=19 MiB, p=1 is OWASP's minimum for argon2id and verifies in about
24 ms here; argon2-cffi's defaults take about ten times as long, which a
login endpoint can't afford under load.
"""

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified against when the email is unknown, so both cases take the same time.
_DUMMY_HASH = _hasher.hash("kymppi-no-such-user")

MIN_LENGTH = 10


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(password_hash or _DUMMY_HASH, password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    return _hasher.check_needs_rehash(password_hash)
