"""The admin's pages: terms, card types, courses (and their CSV import) and staff accounts."""

from flask import Blueprint

from kymppi.auth.roles import protect

bp = protect(Blueprint("admin", __name__, url_prefix="/admin"))

from kymppi.admin import views  # noqa: E402,F401  (routes register on import)
