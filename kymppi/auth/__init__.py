"""Staff login: sessions for people, bearer tokens for the API."""

from flask import Flask, g, request
from flask_babel import lazy_gettext as _l

from kymppi.auth import idle
from kymppi.auth.views import bp
from kymppi.domain.staff import user_by_session_token, user_for_api_token
from kymppi.extensions import login_manager


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Kirjaudu sisään jatkaaksesi.")
    login_manager.localize_callback = str  # the flash is stored in the session: a plain text, not a lazy one
    login_manager.user_loader(user_by_session_token)
    login_manager.request_loader(_user_from_bearer_token)
    app.register_blueprint(bp)
    idle.init_app(app)


def _user_from_bearer_token(req):
    """Bearer tokens count only on the API, never for the browser pages."""
    header = req.headers.get("Authorization", "")
    if "api" not in request.blueprints or not header.startswith("Bearer "):
        return None
    user = user_for_api_token(header.removeprefix("Bearer ").strip())
    g.bearer_authenticated = user is not None
    return user
