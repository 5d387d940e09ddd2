"""The privacy notice (tietosuojaseloste): GDPR articles 13 and 14 ask the controller to tell each buyer
what is kept about them, why, for how long and what they may ask for.

It is written from the opisto's own settings and the app's own rules, so the
contacts and the retention time it states are always the ones in force.
"""

from flask import redirect, render_template

from kymppi.about import bp
from kymppi.domain.organization import opisto


@bp.get("/tietosuoja")
def privacy_notice():
    """Every page links here; an opisto that publishes its own notice elsewhere is sent there instead."""
    organization = opisto()
    if organization.privacy_notice_url:
        return redirect(organization.privacy_notice_url)
    return render_template("about/privacy.html", organization=organization)
