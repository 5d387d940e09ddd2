"""The admin's pages: terms, card types, courses (and their CSV import) and staff accounts.

One module per section; `protect` makes every route admin-only, so no view
checks the role itself.
"""

from flask import Blueprint

from kymppi.auth.roles import protect

bp = protect(Blueprint("admin", __name__, url_prefix="/admin"))

from kymppi.admin import card_types, course_import, courses, index, staff, terms  # noqa: E402,F401  (routes register on import)
