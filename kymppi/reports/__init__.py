from flask import Blueprint

from kymppi.auth.roles import protect

bp = protect(Blueprint("reports", __name__, url_prefix="/reports"))

from kymppi.reports import (  # noqa: E402,F401  (routes register on import)
    attendance,
    buyer_list,
    feedback,
    feedback_messages,
    feedback_report,
    reconciliation,
    results,
    views,
)
