"""Error pages for people, in the request's language, and JSON errors for the API, for every HTTP error."""

from flask import Flask, jsonify, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: _l("Pyyntö oli virheellinen."),
    403: _l("Sinulla ei ole oikeutta tähän sivuun."),
    404: _l("Sivua ei löytynyt."),
    405: _l("Tätä toimintoa ei voi tehdä näin."),
    413: _l("Lähetetty tiedosto on liian suuri."),
    429: _l("Liian monta yritystä. Odota hetki ja yritä uudelleen."),
    500: _l("Jotain meni vikaan. Yritä hetken päästä uudelleen."),
}
CSRF_MESSAGE = _l("Lomakkeen turvatunniste puuttui tai vanheni. Lataa sivu uudelleen ja yritä uudelleen.")


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)


def _wants_json() -> bool:
    return request.blueprint == "api" or request.path.startswith("/api/")


def _csrf_error(error: CSRFError):
    if _wants_json():
        return jsonify(error="CSRF token missing or invalid: send it in the X-CSRFToken header"), 400
    return render_template("error.html", code=400, message=CSRF_MESSAGE), 400


def _http_error(error: HTTPException):
    code = error.code or 500
    if _wants_json():
        return jsonify(error=error.description or error.name), code
    # For codes without a text of our own, a description given at abort() is written
    # for people; Werkzeug's own default descriptions are English.
    custom = error.description if error.description != type(error).description else None
    message = MESSAGES.get(code) or custom or error.name
    return render_template("error.html", code=code, message=message), code
