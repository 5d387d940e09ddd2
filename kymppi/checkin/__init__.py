"""The instructor's tablet at the door: today's courses, the scan screen, the session's list.

The service worker and the web app manifest are served from a sibling
blueprint without the role check: the browser fetches them on its own, and
they hold no data.
"""

from flask import Blueprint

from kymppi.auth.roles import protect

bp = protect(Blueprint("checkin", __name__, url_prefix="/checkin"))
pwa_bp = Blueprint("checkin_pwa", __name__, url_prefix="/checkin")

from kymppi.checkin import pwa, views  # noqa: E402,F401  (routes register on import)

bp.record_once(lambda state: state.app.register_blueprint(pwa_bp))
