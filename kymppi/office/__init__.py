from flask import Blueprint

from kymppi.auth.roles import protect

bp = protect(Blueprint("office", __name__, url_prefix="/office"))

from kymppi.office import views  # noqa: E402,F401  (routes register on import)
