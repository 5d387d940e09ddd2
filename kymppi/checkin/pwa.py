"""The check-in page as an installable app that keeps working offline.

The service worker is rendered with the list of files it keeps and a version
taken from their contents: when any of them changes, the worker's own bytes
change, the browser installs it anew, and the tablet never runs yesterday's
script against today's server.
"""

import hashlib
from functools import cache
from pathlib import Path

from flask import current_app, jsonify, render_template, url_for
from flask_babel import gettext as _

from kymppi.checkin import pwa_bp
from kymppi.i18n import current_language
from kymppi.web_app import home_screen_icons

ASSETS = (
    "kymppi.css",
    "checkin/checkin.css",
    "checkin/checkin.js",
    "checkin/install.js",
    "checkin/page.js",
    "checkin/session.js",
    "checkin/sync.js",
    "checkin/answer.js",
    "checkin/camera.js",
    "checkin/offline.js",
    "checkin/decoder.js",
    "icon-192.png",
    "icon-512.png",
    "vendor/jsqr/jsQR.js",
    "favicon.svg",
)


@cache
def _version(static_folder: str) -> str:
    digest = hashlib.sha256()
    for name in ASSETS:
        digest.update((Path(static_folder) / name).read_bytes())
    return digest.hexdigest()[:16]


@pwa_bp.get("/sw.js")
def service_worker():
    body = render_template(
        "checkin/sw.js",
        version=_version(current_app.static_folder),
        assets=[url_for("static", filename=name) for name in ASSETS],
        start=url_for("checkin.index"),
    )
    # The browser checks for a new worker on every visit; a cached copy would delay fixes by a day.
    return body, 200, {"Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "no-cache"}


@pwa_bp.get("/manifest.webmanifest")
def manifest():
    """ "Add to home screen" on the tablet opens today's courses full screen.

    Browsers fetch a manifest without cookies, so the pages link it with
    ?lang= to have it named in their own language.
    """
    body = {
        "name": _("Kymppi – leimaus"),
        "short_name": _("Leimaus"),
        "lang": current_language().value,
        "start_url": url_for("checkin.index"),
        "scope": url_for("checkin.index"),
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b5cad",
        "icons": home_screen_icons(),
    }
    response = jsonify(body)
    response.mimetype = "application/manifest+json"
    return response
