"""Staff accounts (henkilökunta): create, edit name and email, change role and language, reset password,
deactivate, reactivate.

The user page carries small forms, each posting to its own URL; a refused one re-renders the page
with its error and status 422, the other forms fresh.
"""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from kymppi.admin import bp
from kymppi.admin.forms import enum_choices, form_page
from kymppi.auth.forms import LanguageField
from kymppi.domain import staff as accounts
from kymppi.domain.errors import InvalidInput, too_long
from kymppi.domain.passwords import MIN_LENGTH
from kymppi.forms import attach_error
from kymppi.labels import ROLE
from kymppi.models import Language, Role, User

PASSWORD_HINT = _l(
    "Vähintään %(num)s merkkiä. Kerro salasana käyttäjälle muuta kautta kuin sähköpostilla.", num=MIN_LENGTH
)


def _role_field() -> RadioField:
    return RadioField(
        _l("Rooli"),
        choices=enum_choices(ROLE),
        validators=[InputRequired(_l("Valitse rooli."))],
        invalid_choice_message=_l("Valitse rooli."),
    )


def _password_field(label) -> PasswordField:
    return PasswordField(
        label,
        validators=[DataRequired(_l("Anna salasana.")), Length(max=200, message=too_long(200))],
        description=PASSWORD_HINT,
    )


def _name_field() -> StringField:
    return StringField(_l("Nimi"), validators=[DataRequired(_l("Anna nimi.")), Length(max=200, message=too_long(200))])


def _email_field() -> EmailField:
    return EmailField(
        _l("Sähköposti"),
        validators=[DataRequired(_l("Anna sähköpostiosoite.")), Length(max=254, message=too_long(254))],
    )


class NewStaffForm(FlaskForm):
    name = _name_field()
    email = _email_field()
    role = _role_field()
    # Finnish unless chosen otherwise; the user can change it on their profile.
    language = LanguageField(default=Language.FI.value, validators=[])
    password = _password_field(_l("Salasana"))


class DetailsForm(FlaskForm):
    name = _name_field()
    email = _email_field()


class RoleForm(FlaskForm):
    role = _role_field()


class LanguageForm(FlaskForm):
    language = LanguageField()


class PasswordForm(FlaskForm):
    password = _password_field(_l("Uusi salasana"))


@bp.get("/staff")
def staff():
    return render_template("admin/staff.html", users=accounts.staff_users(), roles=ROLE)


@bp.route("/staff/new", methods=["GET", "POST"])
def new_staff():
    form = NewStaffForm()
    if form.validate_on_submit():
        new = accounts.NewStaff(
            form.email.data, form.name.data, Role(form.role.data), form.password.data, Language(form.language.data)
        )
        try:
            user = accounts.add_staff_user(new, by=current_user)
        except InvalidInput as error:
            attach_error(form, error)
        else:
            flash(_("Käyttäjä %(name)s lisätty.", name=user.name), "success")
            return redirect(url_for("admin.staff_user", user_id=user.id))
    return form_page(form, title=_("Uusi käyttäjä"), cancel=url_for("admin.staff"))


@bp.get("/staff/<id:user_id>")
def staff_user(user_id: int):
    return _user_page(accounts.staff_user(user_id))


@bp.post("/staff/<id:user_id>/details")
def change_details(user_id: int):
    user = accounts.staff_user(user_id)
    form = DetailsForm()
    if form.validate_on_submit():
        try:
            changed = accounts.update_staff_details(user, form.name.data, form.email.data, by=current_user)
        except InvalidInput as error:
            attach_error(form, error)
        else:
            message = (
                _("Käyttäjän %(name)s tiedot tallennettu.", name=user.name)
                if changed
                else _("Tiedot olivat jo nämä; ei muutoksia.")
            )
            flash(message, "success")
            return redirect(url_for("admin.staff_user", user_id=user.id))
    return _user_page(user, details_form=form)


@bp.post("/staff/<id:user_id>/role")
def change_role(user_id: int):
    user = accounts.staff_user(user_id)
    form = RoleForm()
    if form.validate_on_submit():
        try:
            accounts.change_role(user, Role(form.role.data), by=current_user)
        except InvalidInput as error:
            attach_error(form, error)
        else:
            flash(
                _("Käyttäjän %(name)s rooli on nyt %(role)s.", name=user.name, role=ROLE[user.role].lower()), "success"
            )
            return redirect(url_for("admin.staff_user", user_id=user.id))
    return _user_page(user, role_form=form)


@bp.post("/staff/<id:user_id>/language")
def change_language(user_id: int):
    user = accounts.staff_user(user_id)
    form = LanguageForm()
    if form.validate_on_submit():
        accounts.set_language(user, Language(form.language.data), by=current_user)
        flash(_("Käyttäjän %(name)s kieli tallennettu.", name=user.name), "success")
        return redirect(url_for("admin.staff_user", user_id=user.id))
    return _user_page(user, language_form=form)


@bp.post("/staff/<id:user_id>/password")
def reset_password(user_id: int):
    user = accounts.staff_user(user_id)
    form = PasswordForm()
    if form.validate_on_submit():
        try:
            accounts.reset_password(user, form.password.data, by=current_user)
        except InvalidInput as error:
            attach_error(form, error)
        else:
            flash(
                _("Käyttäjän %(name)s salasana vaihdettu; hänen avoimet istuntonsa päättyivät.", name=user.name),
                "success",
            )
            return redirect(url_for("admin.staff_user", user_id=user.id))
    return _user_page(user, password_form=form)


@bp.post("/staff/<id:user_id>/deactivate")
def deactivate(user_id: int):
    return _set_active(accounts.staff_user(user_id), False)


@bp.post("/staff/<id:user_id>/reactivate")
def reactivate(user_id: int):
    return _set_active(accounts.staff_user(user_id), True)


def _set_active(user: User, active: bool):
    """A bare button: CSRF is checked app-wide, so there is no form to validate."""
    try:
        accounts.set_user_active(user, active, by=current_user)
    except InvalidInput as error:
        return _user_page(user, error=error.message)
    if active:
        flash(_("Käyttäjä %(name)s otettu takaisin käyttöön.", name=user.name), "success")
    else:
        flash(_("Käyttäjä %(name)s poistettu käytöstä.", name=user.name), "success")
    return redirect(url_for("admin.staff_user", user_id=user.id))


def _user_page(
    user: User, *, details_form=None, role_form=None, language_form=None, password_form=None, error: str | None = None
):
    forms = {
        "details_form": details_form or DetailsForm(formdata=None, name=user.name, email=user.email),
        "role_form": role_form or RoleForm(formdata=None, role=user.role.value),
        "language_form": language_form or LanguageForm(formdata=None, language=user.language.value),
        "password_form": password_form or PasswordForm(formdata=None),
    }
    failed = error or any(form.errors for form in forms.values())
    context = {"user": user, "roles": ROLE, **forms}
    page = render_template("admin/staff_user.html", error=error, is_self=user.id == current_user.id, **context)
    return page, 422 if failed else 200
