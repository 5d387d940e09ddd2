"""Response headers, proxy trust and log redaction that every page gets."""

import re
import traceback

from flask import Flask, request
from sqlalchemy.exc import DBAPIError
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
# Not includeSubDomains: the municipality's other hosts are not ours to bind.
HSTS = "max-age=31536000"
# The buyer's two secret addresses: a card's page and a feedback survey's.
_SECRET_PATHS = re.compile(r"/(k|palaute)/[^/?#]+")


class Kymppi(Flask):
    def log_exception(self, exc_info) -> None:
        """Log a crash without personal data.

        Flask's own message names the path, and a card's or a survey's path is its secret.
        A database error's text quotes the offending values (PostgreSQL's
        DETAIL: "Key (email)=(maija@…) already exists"), so for those only the
        error class, SQLSTATE, statement and stack are logged.
        """
        where = f"{redact(request.path)} [{request.method}]"
        error = exc_info[1]
        if isinstance(error, DBAPIError):
            stack = "".join(traceback.format_tb(exc_info[2]))
            code = getattr(error.orig, "sqlstate", None) or "-"
            self.logger.error(
                "Database error on %s: %s (SQLSTATE %s)\n%s\nTraceback:\n%s",
                where,
                type(error.orig).__name__,
                code,
                error.statement,
                stack,
            )
            return
        self.logger.error("Exception on %s", where, exc_info=exc_info)


STAFF_BLUEPRINTS = frozenset({"office", "admin", "reports", "api", "checkin"})


def redact(path: str) -> str:
    return _SECRET_PATHS.sub(r"/\1/…", path)


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
        if request.is_secure:
            # Browsers that came once over https never try plain http again, for a year.
            response.headers.setdefault("Strict-Transport-Security", HSTS)
        if STAFF_BLUEPRINTS & set(request.blueprints):
            # Buyer contact data, card PDFs (a working QR) and who came to class stay out of
            # shared computers' caches; the check-in worker keeps its own copy for offline use.
            response.headers["Cache-Control"] = "no-store"
        return response
