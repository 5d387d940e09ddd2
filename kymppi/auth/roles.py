"""Who may use which part of the app: one table, enforced per blueprint.

Each protected blueprint registers `require_roles` as its `before_request`,
so a new route is protected the moment it is added to the blueprint. A nested
blueprint ("api.cards") is checked after its parent, so it can only narrow.
"""

from flask import Blueprint, abort, jsonify, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from kymppi.models import Role
from kymppi.models.enums import OFFICE_ROLES

STAFF = frozenset({Role.INSTRUCTOR, Role.OFFICE, Role.ADMIN})

BLUEPRINT_ROLES: dict[str, frozenset[Role]] = {
    "office": OFFICE_ROLES,
    "reports": OFFICE_ROLES,
    "admin": frozenset({Role.ADMIN}),
    "checkin": STAFF,
    "api": STAFF,
    "api.checkins": STAFF,
    "api.cards": OFFICE_ROLES,
}

# Where each role lands after login.
HOME_ENDPOINT = {
    Role.OFFICE: "office.sell",
    Role.ADMIN: "office.sell",
    Role.INSTRUCTOR: "checkin.index",
}

# The main menu; each user sees the entries their role may open.
MENU = (
    ("office.sell", _l("Myynti")),
    ("office.cards", _l("Kortit")),
    ("office.buyers", _l("Ostajat")),
    ("checkin.index", _l("Leimaus")),
    ("reports.index", _l("Raportit")),
    ("admin.index", _l("Ylläpito")),
)


def staff_menu() -> list[tuple[str, object]]:
    if not current_user.is_authenticated:
        return []
    return [(endpoint, label) for endpoint, label in MENU if may_open(endpoint)]


def may_open(endpoint: str) -> bool:
    blueprint = endpoint.rpartition(".")[0]
    return current_user.role in BLUEPRINT_ROLES[blueprint]


def protect(bp: Blueprint, name: str | None = None) -> Blueprint:
    """Register the role check for `bp`; `name` is its dotted name when nested."""
    allowed = BLUEPRINT_ROLES[name or bp.name]
    is_api = (name or bp.name).startswith("api")

    @bp.before_request
    def require_roles():
        if not current_user.is_authenticated:
            if is_api:
                return jsonify(error="authentication required"), 401
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        if current_user.role not in allowed:
            abort(403)
        return None

    return bp
