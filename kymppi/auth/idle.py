"""Staff sessions end after a spell of no use: 8 hours on the door's tablets, 1 hour at the office desk.

A tablet left in a gym hall or an office PC left unlocked should not stay
logged in for good. Each request of a logged-in user notes the time in the
session (at most once a minute, so the cookie isn't rewritten on every
scan); a request after longer than the role's limit logs the user out
instead: pages go to the login page with a message and come back after it,
the API answers 401, and the tablet's offline queue keeps its scans until
someone logs in again. Bearer tokens (the API's scripts) have no session
and no idle limit.
"""

from flask import Flask, flash, g, jsonify, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, logout_user

from kymppi.domain.clock import utcnow
from kymppi.models import Role

SEEN = "seen_at"
IDLE_LIMIT_SETTING = {
    Role.INSTRUCTOR: "INSTRUCTOR_IDLE_MINUTES",
    Role.OFFICE: "OFFICE_IDLE_MINUTES",
    Role.ADMIN: "OFFICE_IDLE_MINUTES",
}
RENOTE_SECONDS = 60
# Fetched with every page, never a sign of use: the static files and the opisto's colours.
STYLESHEETS = frozenset({"static", "about.stylesheet"})


def note_activity() -> None:
    session[SEEN] = int(utcnow().timestamp())


def init_app(app: Flask) -> None:
    @app.before_request
    def end_idle_sessions():
        if request.endpoint in STYLESHEETS or g.get("bearer_authenticated") or "_user_id" not in session:
            return None  # a stylesheet is no sign of use, and no place to end a session
        if not current_user.is_authenticated:
            return None
        now = int(utcnow().timestamp())
        seen = session.get(SEEN)
        limit = int(app.config[IDLE_LIMIT_SETTING[current_user.role]]) * 60
        if isinstance(seen, int) and now - seen > limit:
            return _end_session()
        if not isinstance(seen, int) or now - seen >= RENOTE_SECONDS:
            note_activity()
        return None


def _end_session():
    """Log out; a page goes to the login page with a message in the language the login page will speak."""
    logout_user()
    session.clear()
    if "api" in request.blueprints:
        return jsonify(error="session expired: log in again"), 401
    refresh()  # nobody is logged in now
    flash(_("Istunto päättyi, koska sitä ei käytetty vähään aikaan. Kirjaudu uudelleen."))
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
