from flask import Blueprint

from kymppi.auth.roles import protect

bp = protect(Blueprint("reports", __name__, url_prefix="/reports"))

from kymppi.reports import attendance, buyer_list, reconciliation, results, views  # noqa: E402,F401  (routes register on import)
