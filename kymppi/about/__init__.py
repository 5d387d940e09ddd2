"""Public pages about the service itself, for anyone, logged in or not: the accessibility statement,
and the stylesheet that gives every page the opisto's own colour."""

from flask import Blueprint

bp = Blueprint("about", __name__)

from kymppi.about import views  # noqa: E402,F401  (routes register on import)
