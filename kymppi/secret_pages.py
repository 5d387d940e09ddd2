"""Public pages found by a secret in their address: the buyer's card (/k/…) and the feedback survey (/palaute/…).

Whoever has the address may open the page, so the address must go nowhere
else: no Referer to other sites, no search engine index, no copy in a shared
browser's cache. A guesser trying addresses is slowed by a per-address
throttle, answered with the same page (in the browser's language) whichever it is.
"""

from flask import Blueprint, current_app, render_template

from kymppi.extensions import limiter

PRIVATE = {"Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow", "Cache-Control": "no-store"}


def secret_page_blueprint(name: str, import_name: str, limit_setting: str) -> Blueprint:
    """A blueprint whose every answer keeps its address private, throttled by the `limit_setting` config key."""
    bp = Blueprint(name, import_name)
    limiter.limit(lambda: current_app.config[limit_setting])(bp)

    @bp.after_request
    def keep_the_link_private(response):
        response.headers.update(PRIVATE)
        return response

    @bp.errorhandler(429)
    def too_many_requests(error):
        return render_template("card/too_many.html"), 429

    return bp
