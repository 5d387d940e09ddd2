"""The buyer's own card page, opened from the QR code: public, found by secret only.

Its address is the card's secret, so every answer here keeps it to itself: no
Referer to another site, no search engine index, no copy in a shared
browser's cache. Requests are throttled per client address, and an unknown
secret, a revoked one (a replaced card's) and one that never existed all get
the same not-found page.
"""

from flask import render_template

from kymppi.domain.organization import opisto
from kymppi.secret_pages import secret_page_blueprint

bp = secret_page_blueprint("card", __name__, "CARD_PAGE_LIMIT")


@bp.errorhandler(404)
def card_not_found(error):
    return render_template("card/not_found.html", organization=opisto()), 404


from kymppi.card import lost_link, reminders, views  # noqa: E402,F401  (routes register on import)
