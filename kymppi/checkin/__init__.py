from flask import Blueprint

from kymppi.auth.roles import protect

bp = protect(Blueprint("checkin", __name__, url_prefix="/checkin"))

from kymppi.checkin import views  # noqa: E402,F401  (routes register on import)
