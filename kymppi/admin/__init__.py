"""The admin's pages: terms, card types, courses (and their CSV import), staff accounts, API tokens
and the audit log.

One module per section; `protect` makes every route admin-only, so no view
checks the role itself. Likewise a row the domain doesn't find (an edit page
of a row deleted or never there, an unknown term filter) is a 404 page here,
so no view catches NotFound itself.
"""

from flask import Blueprint, current_app
from werkzeug.exceptions import NotFound as PageNotFound

from kymppi.auth.roles import protect
from kymppi.domain.errors import NotFound

bp = protect(Blueprint("admin", __name__, url_prefix="/admin"))


@bp.errorhandler(NotFound)
def not_found(error: NotFound):
    return current_app.handle_http_exception(PageNotFound())


from kymppi.admin import (  # noqa: E402,F401  (routes register on import)
    audit,
    card_types,
    course_import,
    courses,
    index,
    organization,
    staff,
    terms,
    tokens,
)
