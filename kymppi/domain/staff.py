"""Staff accounts: creation, password login, API bearer tokens and the admin's account changes."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from kymppi.domain import audit
from kymppi.domain.catalog_queries import row_by_id
from kymppi.domain.clock import utcnow
from kymppi.domain.errors import InvalidInput, too_long
from kymppi.domain.passwords import MIN_LENGTH, hash_password, is_common, needs_rehash, verify_password
from kymppi.domain.text import has_control_characters
from kymppi.extensions import db
from kymppi.models import ApiToken, Language, Role, User
from kymppi.models.user import new_session_token


def normalize_email(email: str) -> str:
    return email.strip().lower()


def create_user(email: str, password: str, *, role: Role, name: str = "", language: Language = Language.FI) -> User:
    """An account made on the command line (`kymppi create-user`, the demo): audited without an actor."""
    email = normalize_email(email)
    if "@" not in email:
        raise InvalidInput("email", "not an email address")
    if len(password) < MIN_LENGTH:
        raise InvalidInput("password", f"at least {MIN_LENGTH} characters")
    if is_common(password):
        raise InvalidInput("password", "one of the most common passwords; choose another")
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
    db.session.flush()
    audit.record("user_created", by=None, at=user.created_at, user_id=user.id, role=user.role.value)
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
    """A new bearer token for `user`; the plain token is returned once and never stored.

    Made on the command line (`kymppi create-token`), so its audit event has no actor.
    """
    token = secrets.token_urlsafe(32)
    row = ApiToken(user_id=user.id, token_hash=_digest(token), created_at=at or utcnow())
    db.session.add(row)
    db.session.flush()
    audit.record("api_token_created", by=None, at=row.created_at, token_id=row.id, user_id=user.id)
    db.session.commit()
    return token


# Built once: a tablet asks on every scan, and building it cost more than running it.
_LIVE_TOKEN = (
    select(ApiToken)
    .where(ApiToken.token_hash == bindparam("digest"), ApiToken.revoked_at.is_(None))
    .options(joinedload(ApiToken.user, innerjoin=True))
)


def user_for_api_token(token: str) -> User | None:
    """The active user a live token belongs to.

    A plain SHA-256 is enough here: the token has 256 random bits, so there is
    nothing to brute-force that a slow hash would protect.
    """
    row = db.session.execute(_LIVE_TOKEN, {"digest": _digest(token)}).scalar_one_or_none()
    if row is None or not row.user.active:
        return None
    _note_use(row)
    return row.user


# A tablet calls the API on every scan: writing each use would make every read a write.
USE_RECORDED_EVERY = timedelta(hours=1)


def _note_use(token: ApiToken) -> None:
    """Record when the token was used, at most once an hour, so the admin sees which tokens still live."""
    now = utcnow()
    if token.last_used_at is not None and now - token.last_used_at < USE_RECORDED_EVERY:
        return
    token.last_used_at = now
    db.session.commit()


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Far above any sensible passphrase; keeps a pasted novel away from argon2.
MAX_PASSWORD_LENGTH = 200
DUPLICATE_EMAIL = _l("Tällä sähköpostiosoitteella on jo tunnus.")
COMMON_PASSWORD = _l("Tämä on yksi yleisimmistä salasanoista, ja se arvataan ensimmäisten joukossa. Valitse toinen.")


@dataclass(frozen=True)
class NewStaff:
    email: str
    name: str
    role: Role
    password: str
    language: Language = Language.FI


def valid_email(email: str) -> str:
    """The address normalised, or InvalidInput when it can't be anyone's login."""
    email = normalize_email(email)
    local, _, domain = email.partition("@")
    malformed = not local or "." not in domain or "@" in domain
    if malformed or any(c.isspace() for c in email) or has_control_characters(email):
        raise InvalidInput("email", _l("Anna sähköpostiosoite muodossa nimi@esimerkki.fi."))
    if len(email) > User.email.type.length:
        raise InvalidInput("email", too_long(User.email.type.length))
    return email


def _valid_name(name: str) -> str:
    name = name.strip()
    if not name or has_control_characters(name):
        raise InvalidInput("name", _l("Anna nimi."))
    if len(name) > User.name.type.length:
        raise InvalidInput("name", too_long(User.name.type.length))
    return name


def add_staff_user(new: NewStaff, *, by: User, at: datetime | None = None) -> User:
    """An admin creates an account; the same rules as `create_user`, told beside the field."""
    email = valid_email(new.email)
    name = _valid_name(new.name)
    _check_password(new.password)
    if user_by_email(email) is not None:
        raise InvalidInput("email", DUPLICATE_EMAIL)
    user = User(
        email=email,
        name=name,
        role=new.role,
        password_hash=hash_password(new.password),
        language=new.language,
        created_at=utcnow(),
    )
    db.session.add(user)
    try:
        db.session.flush()
    except IntegrityError:  # the same email created by someone else a moment ago
        db.session.rollback()
        raise InvalidInput("email", DUPLICATE_EMAIL) from None
    audit.record("user_created", by=by, at=at or utcnow(), user_id=user.id, role=user.role.value)
    db.session.commit()
    return user


def update_staff_details(user: User, name: str, email: str, *, by: User, at: datetime | None = None) -> list[str]:
    """An admin corrects a name or a login email; returns the fields that changed.

    The audit event names the fields, not their values: the log outlives
    the account, and an email is personal data. Open sessions go on, as
    they hang on the session token, not the email.
    """
    email = valid_email(email)
    name = _valid_name(name)
    other = user_by_email(email)
    if other is not None and other.id != user.id:
        raise InvalidInput("email", DUPLICATE_EMAIL)
    changed = [key for key, value in (("name", name), ("email", email)) if getattr(user, key) != value]
    if not changed:
        return []
    user.name, user.email = name, email
    try:
        db.session.flush()
    except IntegrityError:  # the same email taken by someone else a moment ago
        db.session.rollback()
        raise InvalidInput("email", DUPLICATE_EMAIL) from None
    audit.record("user_details_changed", by=by, at=at or utcnow(), user_id=user.id, fields=changed)
    db.session.commit()
    return changed


def _check_password(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise InvalidInput("password", _l("Salasanassa on oltava vähintään %(num)s merkkiä.", num=MIN_LENGTH))
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidInput("password", _l("Salasanassa voi olla enintään %(num)s merkkiä.", num=MAX_PASSWORD_LENGTH))
    if is_common(password):
        raise InvalidInput("password", COMMON_PASSWORD)


def set_user_active(user: User, active: bool, *, by: User, at: datetime | None = None) -> None:
    """Deactivate or reactivate an account.

    Deactivation also gives the account a new session token, so its open
    sessions stay ended even if it is reactivated later. An admin can't
    deactivate themselves: the opisto must not lock itself out.
    """
    if user.id == by.id and not active:
        raise InvalidInput("active", _l("Et voi poistaa omaa tunnustasi käytöstä."))
    if user.active == active:
        return
    user.active = active
    if not active:
        user.session_token = new_session_token()
    action = "user_reactivated" if active else "user_deactivated"
    audit.record(action, by=by, at=at or utcnow(), user_id=user.id)
    db.session.commit()


def reset_password(user: User, password: str, *, by: User, at: datetime | None = None) -> None:
    """Set a password the admin typed; the account's open sessions end, as after any password change."""
    _check_password(password)
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()
    audit.record("password_reset", by=by, at=at or utcnow(), user_id=user.id)
    db.session.commit()


def set_language(user: User, language: Language, *, by: User, at: datetime | None = None) -> None:
    """The language of a staff member's pages, chosen on their profile or by an admin."""
    if user.language == language:
        return
    audit.record(
        "language_changed", by=by, at=at or utcnow(), user_id=user.id, old=user.language.value, new=language.value
    )
    user.language = language
    db.session.commit()


def change_role(user: User, role: Role, *, by: User, at: datetime | None = None) -> None:
    """An admin can't take their own admin role away, so there is always one admin left."""
    if user.id == by.id and role is not Role.ADMIN:
        raise InvalidInput("role", _l("Et voi poistaa omaa pääkäyttäjän rooliasi."))
    if user.role == role:
        return
    audit.record("role_changed", by=by, at=at or utcnow(), user_id=user.id, old=user.role.value, new=role.value)
    user.role = role
    db.session.commit()


def staff_user(user_id: int) -> User:
    """One account, active or not; NotFound for an id that names none."""
    return row_by_id(User, user_id)


def staff_users() -> list[User]:
    """Everyone with an account, active first, then by name."""
    return list(db.session.scalars(select(User).order_by(User.active.desc(), User.name, User.id)))
