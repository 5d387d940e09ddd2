from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_login import current_user, login_required, login_user, logout_user

from kymppi.auth.forms import LoginForm, ProfileForm
from kymppi.auth.idle import note_activity
from kymppi.auth.roles import HOME_ENDPOINT
from kymppi.domain.staff import authenticate, set_language
from kymppi.domain.text import has_control_characters
from kymppi.extensions import limiter
from kymppi.labels import ROLE
from kymppi.models import Language

bp = Blueprint("auth", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_LIMIT"]


def _submitted_email() -> str:
    return "login-email:" + request.form.get("email", "").strip().lower()


def _failed(response) -> bool:
    """Only failed attempts count towards the throttle: a success redirects."""
    return response.status_code != 302


@bp.route("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for(HOME_ENDPOINT[current_user.role]))
    return redirect(url_for("auth.login"))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"], deduct_when=_failed)
@limiter.limit(_login_limit, methods=["POST"], key_func=_submitted_email, deduct_when=_failed)
def login():
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            session.clear()  # a fresh session at login: nothing from before carries over
            login_user(user)
            note_activity()
            return redirect(_safe_next() or url_for(HOME_ENDPOINT[user.role]))
        form.password.errors.append(_("Väärä sähköposti tai salasana."))
        status = 401
    return render_template("auth/login.html", form=form), status


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    session.clear()
    refresh()  # nobody is logged in now: the goodbye speaks the login page's language
    flash(_("Olet kirjautunut ulos."))
    return redirect(url_for("auth.login"))


@bp.route("/profile", methods=["GET", "POST"])
@login_required
def profile():
    """Every staff member chooses the language of their own pages and of the API's answers to them."""
    form = ProfileForm(language=current_user.language.value)
    if form.validate_on_submit():
        set_language(current_user, Language(form.language.data), by=current_user)
        refresh()  # the confirmation already in the language just chosen
        flash(_("Kieli vaihdettu."), "success")
        return redirect(url_for("auth.profile"))
    status = 422 if form.errors else 200
    return render_template("auth/profile.html", form=form, roles=ROLE), status


def _safe_next() -> str | None:
    """Only a path on this site: an attacker's link must not bounce users elsewhere.

    "/\t/evil.example" is "//evil.example" to a browser, so control characters
    disqualify a target outright.
    """
    target = request.args.get("next", "")
    if has_control_characters(target) or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target
