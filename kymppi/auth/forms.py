from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    email = EmailField("Sähköposti", validators=[DataRequired("Anna sähköpostiosoite."), Length(max=254)])
    password = PasswordField("Salasana", validators=[DataRequired("Anna salasana."), Length(max=200)])
