"""Who may use which part of the app: one table, enforced per blueprint.

Each protected blueprint registers `require_roles` as its `before_request`,
so a new route is protected the moment it is added to the blueprint.
"""

from flask import Blueprint, abort, jsonify, redirect, request, url_for
from flask_login import current_user

from kymppi.models import Role
from kymppi.models.enums import OFFICE_ROLES

BLUEPRINT_ROLES: dict[str, frozenset[Role]] = {
    "office": OFFICE_ROLES,
    "reports": OFFICE_ROLES,
    "checkin": frozenset({Role.INSTRUCTOR, Role.OFFICE, Role.ADMIN}),
    "api": frozenset({Role.INSTRUCTOR, Role.OFFICE, Role.ADMIN}),
}

# Where each role lands after login.
HOME_ENDPOINT = {
    Role.OFFICE: "office.index",
    Role.ADMIN: "office.index",
    Role.INSTRUCTOR: "checkin.index",
}


def protect(bp: Blueprint) -> Blueprint:
    allowed = BLUEPRINT_ROLES[bp.name]

    @bp.before_request
    def require_roles():
        if not current_user.is_authenticated:
            if bp.name == "api":
                return jsonify(error="authentication required"), 401
            return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))
        if current_user.role not in allowed:
            abort(403)
        return None

    return bp
