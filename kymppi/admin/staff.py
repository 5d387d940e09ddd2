"""Staff accounts (henkilökunta): create, edit name and email, change role, reset password, deactivate, reactivate.

The user page carries small forms, each posting to its own URL; a refused one re-renders the page
with its error and status 422, the other forms fresh.
"""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, StringField
from wtforms.validators import DataRequired, InputRequired, Length

from kymppi.admin import bp
from kymppi.admin.forms import enum_choices, form_page, too_long
from kymppi.domain import staff as accounts
from kymppi.domain.errors import InvalidInput
from kymppi.domain.passwords import MIN_LENGTH
from kymppi.forms import attach_error
from kymppi.labels import ROLE
from kymppi.models import Role, User

PASSWORD_HINT = f"Vähintään {MIN_LENGTH} merkkiä. Kerro salasana käyttäjälle muuta kautta kuin sähköpostilla."


def _role_field() -> RadioField:
    return RadioField(
        "Rooli",
        choices=enum_choices(ROLE),
        validators=[InputRequired("Valitse rooli.")],
        invalid_choice_message="Valitse rooli.",
    )


def _password_field(label: str) -> PasswordField:
    return PasswordField(
        label,
        validators=[DataRequired("Anna salasana."), Length(max=200, message=too_long(200))],
        description=PASSWORD_HINT,
    )


def _name_field() -> StringField:
    return StringField("Nimi", validators=[DataRequired("Anna nimi."), Length(max=200, message=too_long(200))])


def _email_field() -> EmailField:
    return EmailField(
        "Sähköposti", validators=[DataRequired("Anna sähköpostiosoite."), Length(max=254, message=too_long(254))]
    )


class NewStaffForm(FlaskForm):
    name = _name_field()
    email = _email_field()
    role = _role_field()
    password = _password_field("Salasana")


class DetailsForm(FlaskForm):
    name = _name_field()
    email = _email_field()


class RoleForm(FlaskForm):
    role = _role_field()


class PasswordForm(FlaskForm):
    password = _password_field("Uusi salasana")


@bp.get("/staff")
def staff():
    return render_template("admin/staff.html", users=accounts.staff_users(), roles=ROLE)


@bp.route("/staff/new", methods=["GET", "POST"])
def new_staff():
    form = NewStaffForm()
    if form.validate_on_submit():
        new = accounts.NewStaff(form.email.data, form.name.data, Role(form.role.data), form.password.data)
        try:
            user = accounts.add_staff_user(new, by=current_user)
        except InvalidInput as error:
            attach_error(form, error)
        else:
            flash(f"Käyttäjä {user.name} lisätty.", "success")
            return redirect(url_for("admin.staff_user", user_id=user.id))
    return form_page(form, title="Uusi käyttäjä", cancel=url_for("admin.staff"))


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
                f"Käyttäjän {user.name} tiedot tallennettu." if changed else "Tiedot olivat jo nämä; ei muutoksia."
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
            flash(f"Käyttäjän {user.name} rooli on nyt {ROLE[user.role].lower()}.", "success")
            return redirect(url_for("admin.staff_user", user_id=user.id))
    return _user_page(user, role_form=form)


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
            flash(f"Käyttäjän {user.name} salasana vaihdettu; hänen avoimet istuntonsa päättyivät.", "success")
            return redirect(url_for("admin.staff_user", user_id=user.id))
    return _user_page(user, password_form=form)


@bp.post("/staff/<id:user_id>/deactivate")
def deactivate(user_id: int):
    return _set_active(accounts.staff_user(user_id), False, "Käyttäjä {} poistettu käytöstä.")


@bp.post("/staff/<id:user_id>/reactivate")
def reactivate(user_id: int):
    return _set_active(accounts.staff_user(user_id), True, "Käyttäjä {} otettu takaisin käyttöön.")


def _set_active(user: User, active: bool, message: str):
    """A bare button: CSRF is checked app-wide, so there is no form to validate."""
    try:
        accounts.set_user_active(user, active, by=current_user)
    except InvalidInput as error:
        return _user_page(user, error=error.message)
    flash(message.format(user.name), "success")
    return redirect(url_for("admin.staff_user", user_id=user.id))


def _user_page(user: User, *, details_form=None, role_form=None, password_form=None, error: str | None = None):
    forms = {
        "details_form": details_form or DetailsForm(formdata=None, name=user.name, email=user.email),
        "role_form": role_form or RoleForm(formdata=None, role=user.role.value),
        "password_form": password_form or PasswordForm(formdata=None),
    }
    failed = error or any(form.errors for form in forms.values())
    context = {"user": user, "roles": ROLE, **forms}
    page = render_template("admin/staff_user.html", error=error, is_self=user.id == current_user.id, **context)
    return page, 422 if failed else 200
