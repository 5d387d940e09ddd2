"""The buyer's feedback survey, opened from the link in the round's email: public, found by token only.

Like the card page, its address is a secret: no Referer to other sites, no
search engine index, no copy in a shared browser's cache, a per-address
throttle, and one not-found page for every token that finds nothing.
"""

from flask import render_template
from flask_wtf.csrf import CSRFError

from kymppi.domain.organization import opisto
from kymppi.secret_pages import secret_page_blueprint

bp = secret_page_blueprint("survey", __name__, "SURVEY_PAGE_LIMIT")


@bp.errorhandler(404)
def survey_not_found(error):
    return render_template("survey/not_found.html", organization=opisto()), 404


@bp.errorhandler(CSRFError)
def form_expired(error):
    """A form left open too long (or a lost session cookie): nothing saved, said in the browser's language."""
    return render_template("survey/expired.html"), 400


from kymppi.survey import views  # noqa: E402,F401  (routes register on import)
