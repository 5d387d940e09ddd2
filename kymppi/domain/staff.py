"""Staff accounts: creation, password login and API bearer tokens."""

import hashlib
import secrets
from datetime import datetime

from sqlalchemy import func, select

from kymppi.domain.clock import utcnow
from kymppi.domain.errors import InvalidInput
from kymppi.domain.passwords import MIN_LENGTH, hash_password, needs_rehash, verify_password
from kymppi.domain.text import has_control_characters
from kymppi.extensions import db
from kymppi.models import ApiToken, Language, Role, User


def normalize_email(email: str) -> str:
    return email.strip().lower()


def create_user(email: str, password: str, *, role: Role, name: str = "", language: Language = Language.FI) -> User:
    email = normalize_email(email)
    if "@" not in email:
        raise InvalidInput("email", "not an email address")
    if len(password) < MIN_LENGTH:
        raise InvalidInput("password", f"at least {MIN_LENGTH} characters")
    if user_by_email(email) is not None:
        raise InvalidInput("email", "a user with this email exists")
    user = User(
        email=email,
        name=name.strip() or email.split("@")[0],
        role=role,
        password_hash=hash_password(password),
        language=language,
        created_at=utcnow(),
    )
    db.session.add(user)
    db.session.commit()
    return user


def user_by_email(email: str) -> User | None:
    if has_control_characters(email):
        return None
    return db.session.execute(select(User).where(func.lower(User.email) == normalize_email(email))).scalar_one_or_none()


def authenticate(email: str, password: str) -> User | None:
    """The active user with this email and password, or None; takes as long either way."""
    user = user_by_email(email)
    if not verify_password(user.password_hash if user else None, password) or not user.active:
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        db.session.commit()
    return user


def user_by_session_token(token: str) -> User | None:
    """The logged-in user of a session; a deactivated account's sessions end at once."""
    return db.session.execute(
        select(User).where(User.session_token == token, User.active.is_(True))
    ).scalar_one_or_none()


def create_api_token(user: User, *, at: datetime | None = None) -> str:
    """A new bearer token for `user`; the plain token is returned once and never stored."""
    token = secrets.token_urlsafe(32)
    db.session.add(ApiToken(user_id=user.id, token_hash=_digest(token), created_at=at or utcnow()))
    db.session.commit()
    return token


def user_for_api_token(token: str) -> User | None:
    """The active user a live token belongs to.

    A plain SHA-256 is enough here: the token has 256 random bits, so there is
    nothing to brute-force that a slow hash would protect.
    """
    row = db.session.execute(
        select(ApiToken).where(ApiToken.token_hash == _digest(token), ApiToken.revoked_at.is_(None))
    ).scalar_one_or_none()
    if row is None or not row.user.active:
        return None
    return row.user


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
