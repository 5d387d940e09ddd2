"""The buyer's own card page, opened from the QR code: public, found by secret only."""

from flask import Blueprint

bp = Blueprint("card", __name__)

from kymppi.card import views  # noqa: E402,F401  (routes register on import)
