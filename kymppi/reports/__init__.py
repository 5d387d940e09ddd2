from flask import Blueprint

from kymppi.auth.roles import protect

bp = protect(Blueprint("reports", __name__, url_prefix="/reports"))

from kymppi.reports import buyer_list, views  # noqa: E402,F401  (routes register on import)
