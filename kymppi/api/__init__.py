"""JSON API for devices: check-in tablets syncing their offline queue, scripts with tokens.

Authenticated by a bearer token (`kymppi create-token`) or by the staff
session; a session-authenticated write must carry the CSRF token in the
X-CSRFToken header, since the browser would send the cookie on its own.
"""

from flask import Blueprint, g, jsonify, request
from flask_babel import get_locale
from flask_babel import gettext as _

from kymppi.api.payloads import PayloadError
from kymppi.auth.roles import protect
from kymppi.domain.errors import NotFound
from kymppi.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
protect(bp)


@bp.before_request
def csrf_for_session_writes():
    if request.method not in ("GET", "HEAD", "OPTIONS") and not g.get("bearer_authenticated"):
        csrf.protect()


@bp.before_request
def choose_language():
    """Settle the answer's language while the user is loaded: a write's commit expires
    the user row, and asking it again afterwards would cost a query per scan."""
    get_locale()


@bp.errorhandler(PayloadError)
def invalid_payload(error: PayloadError):
    return jsonify(error=_("Virheellinen pyyntö."), fields=error.errors), error.status


@bp.errorhandler(NotFound)
def not_found(error: NotFound):
    """The domain names what is missing by its table and id (card type 12), for the script's developer."""
    return jsonify(error=_("Ei löytynyt: %(missing)s", missing=error)), 404


from kymppi.api.cards import cards_bp  # noqa: E402
from kymppi.api.checkins import checkins_bp  # noqa: E402
from kymppi.api.openapi import docs_bp  # noqa: E402

bp.register_blueprint(checkins_bp)
bp.register_blueprint(cards_bp)
# The spec holds no data, only the API's shape, so it is served without login
# from a sibling blueprint that none of the checks above apply to.
bp.record_once(lambda state: state.app.register_blueprint(docs_bp))
