"""The instructor's tablet at the door: today's courses, the scan screen, the session's list.

The service worker and the web app manifest are served from a sibling
blueprint without the role check: the browser fetches them on its own, and
they hold no data.
"""

from flask import Blueprint, current_app
from werkzeug.exceptions import NotFound as PageNotFound

from kymppi.auth.roles import protect
from kymppi.domain.errors import NotFound

bp = protect(Blueprint("checkin", __name__, url_prefix="/checkin"))
pwa_bp = Blueprint("checkin_pwa", __name__, url_prefix="/checkin")


@bp.errorhandler(NotFound)
def not_found(error: NotFound):
    """A course or check-in the domain doesn't find is the 404 page, so no view checks for None."""
    return current_app.handle_http_exception(PageNotFound())


from kymppi.checkin import pwa, views  # noqa: E402,F401  (routes register on import)

bp.record_once(lambda state: state.app.register_blueprint(pwa_bp))
