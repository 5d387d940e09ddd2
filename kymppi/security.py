"""Response headers, proxy trust and log redaction that every page gets."""

import re

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

# No inline scripts or styles anywhere; the camera only for our own pages.
HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=()",
}
_CARD_SECRET = re.compile(r"/k/[^/?#]+")


class Kymppi(Flask):
    def log_exception(self, exc_info) -> None:
        """Flask's own message names the path, and a card's path is its secret."""
        self.logger.error("Exception on %s [%s]", redact(request.path), request.method, exc_info=exc_info)


def redact(path: str) -> str:
    return _CARD_SECRET.sub("/k/…", path)


def init_app(app: Flask) -> None:
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies:
        # Behind a reverse proxy the client's address (login throttling) and
        # the https scheme come from its X-Forwarded-* headers.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    @app.after_request
    def security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response
