"""The admin's view of API bearer tokens: which exist, whose they are, and revoking one.

Tokens are made on the command line (`kymppi create-token`, see kymppi.domain.staff);
the admin can see and end them in the app, as a tablet lost or a script retired
must stop working without waiting for someone with a shell.
"""

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from kymppi.domain import audit
from kymppi.domain.catalog_queries import row_by_id
from kymppi.domain.clock import utcnow
from kymppi.extensions import db
from kymppi.models import ApiToken, User


def api_tokens() -> list[ApiToken]:
    """Every token with its owner: live ones first, each group newest first."""
    statement = (
        select(ApiToken)
        .options(joinedload(ApiToken.user))
        .order_by(ApiToken.revoked_at.is_not(None), ApiToken.created_at.desc(), ApiToken.id.desc())
    )
    return list(db.session.scalars(statement))


def api_token(token_id: int) -> ApiToken:
    """One token; NotFound for an id that names none."""
    return row_by_id(ApiToken, token_id)


def revoke_api_token(token_id: int, *, by: User, at: datetime | None = None) -> bool:
    """End a token at once; False if it was revoked already (two admins, or a second click).

    A conditional UPDATE, so two revocations at the same moment write one audit event.
    The next request with the token is refused, as `user_for_api_token` looks for
    live tokens only.
    """
    token = api_token(token_id)
    at = at or utcnow()
    revoked = db.session.execute(
        update(ApiToken)
        .where(ApiToken.id == token.id, ApiToken.revoked_at.is_(None))
        .values(revoked_at=at)
        .execution_options(synchronize_session=False)
    )
    if revoked.rowcount != 1:
        db.session.rollback()
        return False
    audit.record("api_token_revoked", by=by, at=at, token_id=token.id, user_id=token.user_id)
    db.session.commit()
    return True
