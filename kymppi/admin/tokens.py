"""API tokens (rajapinta-avaimet): the list of who holds one, and revoking one after a confirmation.

The secret itself is never shown: only its SHA-256 is stored, and the plain
token was printed once, when `kymppi create-token` made it. The confirmation
is the list page again with `?revoke=<id>`, so it needs no script (the CSP
allows none inline) and the refusal of a wrong id is the usual 404.
"""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from kymppi.admin import bp
from kymppi.domain import api_tokens


@bp.get("/api-tokens")
def api_token_list():
    confirming = request.args.get("revoke", type=int)
    token = api_tokens.api_token(confirming) if confirming is not None else None
    return render_template("admin/api_tokens.html", tokens=api_tokens.api_tokens(), confirming=token)


@bp.post("/api-tokens/<id:token_id>/revoke")
def revoke_api_token(token_id: int):
    """A bare button: CSRF is checked app-wide, so there is no form to validate."""
    if api_tokens.revoke_api_token(token_id, by=current_user):
        flash(_("Avain peruttu; sillä ei pääse enää rajapintaan."), "success")
    else:
        flash(_("Avain oli jo peruttu."))
    return redirect(url_for("admin.api_token_list"))
