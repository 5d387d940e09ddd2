from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length

from kymppi.i18n import LANGUAGE_NAMES


class LoginForm(FlaskForm):
    email = EmailField(_l("Sähköposti"), validators=[DataRequired(_l("Anna sähköpostiosoite.")), Length(max=254)])
    password = PasswordField(_l("Salasana"), validators=[DataRequired(_l("Anna salasana.")), Length(max=200)])


class LanguageField(RadioField):
    """The language a staff member's pages speak, each choice named in itself; the form macros
    mark each choice with its language, so a screen reader says "svenska" the Swedish way."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(
            label or _l("Kieli"),
            choices=[SelectChoice(language.value, name) for language, name in LANGUAGE_NAMES.items()],
            validators=[InputRequired(_l("Valitse kieli."))] if validators is None else validators,
            invalid_choice_message=_l("Valitse kieli."),
            **kwargs,
        )


class ProfileForm(FlaskForm):
    language = LanguageField()
