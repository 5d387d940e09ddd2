"""The round's invitation texts as the office edits them: a subject and a body per language."""

from flask_babel import gettext as _
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField

from kymppi.domain.feedback import message_problems
from kymppi.feedback_mail import MessageText
from kymppi.labels import LANGUAGE
from kymppi.models import Language


class MessageForm(FlaskForm):
    """Six fields named subject_fi, body_fi, …; the domain's rules give each its error."""

    subject_fi = StringField()
    body_fi = TextAreaField()
    subject_sv = StringField()
    body_sv = TextAreaField()
    subject_en = StringField()
    body_en = TextAreaField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for language in Language:
            name = LANGUAGE[language]
            self[f"subject_{language.value}"].label.text = _("Otsikko (%(language)s)", language=name)
            self[f"body_{language.value}"].label.text = _("Viesti (%(language)s)", language=name)

    @classmethod
    def of(cls, texts: dict[Language, MessageText]) -> "MessageForm":
        data = {}
        for language, text in texts.items():
            data[f"subject_{language.value}"] = text.subject
            data[f"body_{language.value}"] = text.body
        return cls(data=data)

    def texts(self) -> dict[Language, MessageText]:
        return {
            language: MessageText(
                self[f"subject_{language.value}"].data or "", self[f"body_{language.value}"].data or ""
            )
            for language in Language
        }

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for language, text in self.texts().items():
            for field, message in message_problems(language, text).items():
                self[f"{field}_{language.value}"].errors.append(message)
                valid = False
        return valid
