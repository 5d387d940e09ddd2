"""The accessibility statement (saavutettavuusseloste) and the opisto's colour stylesheet."""

from datetime import date

from flask import Response, render_template, request

from kymppi.about import bp
from kymppi.domain.look import darker
from kymppi.domain.organization import opisto

# When the statement was written, from the self-assessment it describes; the law (306/2019) asks for the date.
STATEMENT_DATE = date(2026, 12, 2)
# The axe-core the assessment ran (tests/vendor/axe-core/VENDORED.md).
AXE_VERSION = "4.14.1"

# The header writes the opisto's name on every page, so every template may ask for the settings.
bp.add_app_template_global(opisto, "opisto")


@bp.get("/saavutettavuus")
def accessibility_statement():
    """Act 306/2019 asks every public digital service for one, reachable from each of its pages."""
    return render_template(
        "about/accessibility.html", organization=opisto(), written_on=STATEMENT_DATE, axe_version=AXE_VERSION
    )


@bp.get("/opisto.css")
def stylesheet():
    """The opisto's colour as CSS variables, imported by static/kymppi.css: no inline style the CSP would refuse.

    Revalidated on every page load (an ETag makes that a 304), so a colour the
    admin saves shows on the next page.
    """
    colour = opisto().accent_colour
    response = Response(
        f":root {{ --opisto-accent: {colour}; --opisto-accent-dark: {darker(colour)}; }}\n", mimetype="text/css"
    )
    response.headers["Cache-Control"] = "no-cache"
    response.add_etag()
    return response.make_conditional(request)
