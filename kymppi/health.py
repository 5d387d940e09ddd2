"""GET /healthz: is the app up and can it reach its database? For load balancers and monitoring.

Public and cheap: one `SELECT 1`, no session, nothing about the data. A
database that doesn't answer makes it 503, so a proxy stops sending check-ins
to a process that would fail them all.
"""

import logging

from flask import Blueprint, jsonify
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from kymppi.extensions import db

bp = Blueprint("health", __name__)
log = logging.getLogger(__name__)


@bp.get("/healthz")
def healthz():
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        db.session.rollback()
        log.warning("health check: the database did not answer (%s)", type(error).__name__)
        return jsonify(status="unavailable", database="unreachable"), 503, {"Cache-Control": "no-store"}
    return jsonify(status="ok", database="ok"), 200, {"Cache-Control": "no-store"}
