"""The buyer's own card page, opened from the QR code: public, found by secret only.

Its address is the card's secret, so every answer here keeps it to itself: no
Referer to another site, no search engine index, no copy in a shared
browser's cache. Requests are throttled per client address, and an unknown
secret, a revoked one (a replaced card's) and one that never existed all get
the same not-found page.
"""

from flask import Blueprint, current_app, render_template

from kymppi.domain.organization import opisto
from kymppi.extensions import limiter

bp = Blueprint("card", __name__)
limiter.limit(lambda: current_app.config["CARD_PAGE_LIMIT"])(bp)

PRIVATE = {"Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store"}


@bp.after_request
def keep_the_link_private(response):
    response.headers.update(PRIVATE)
    return response


@bp.errorhandler(404)
def card_not_found(error):
    return render_template("card/not_found.html", organization=opisto()), 404


@bp.errorhandler(429)
def too_many_requests(error):
    return render_template("card/too_many.html"), 429


from kymppi.card import lost_link, reminders, views  # noqa: E402,F401  (routes register on import)
