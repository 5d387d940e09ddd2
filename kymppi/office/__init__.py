"""The office desk: selling cards, the card and buyer pages, and the lists."""

from flask import Blueprint

from kymppi.auth.roles import protect

bp = protect(Blueprint("office", __name__, url_prefix="/office"))

from kymppi.office import buyers, card_actions, card_page, data_export, extend, lists, refusals, sale  # noqa: E402,F401  (routes register on import)
