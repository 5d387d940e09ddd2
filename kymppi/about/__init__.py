"""Public pages about the service itself, for anyone, logged in or not: the accessibility statement,
the privacy notice, and the stylesheet that gives every page the opisto's own colour."""

from flask import Blueprint

bp = Blueprint("about", __name__)

from kymppi.about import privacy, views  # noqa: E402,F401  (routes register on import)
