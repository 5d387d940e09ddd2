"""The survey form, with its labels and every error message in the page's language (the buyer's).

Choices are coerced leniently (garbage reads as "nothing chosen") and checked
here, so a tampered value gets a message in the buyer's language instead of
WTForms' English "Not a valid choice", and never reaches the database.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField, TextAreaField
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from kymppi.domain.feedback_answers import Answer, CourseChoice
from kymppi.domain.text import has_stray_control_characters
from kymppi.models import BuyAgain, FeedbackInvitation
from kymppi.models.feedback import ANSWER_TEXT_LENGTH

RATINGS = range(1, 6)
# The answers to "Ostaisitko kortin uudelleen?", as a buyer ticks them (a report lists them in lower case).
BUY_AGAIN = [(BuyAgain.YES, _l("Kyllä")), (BuyAgain.MAYBE, _l("Ehkä")), (BuyAgain.NO, _l("En"))]


def _number(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _buy_again(value) -> BuyAgain | None:
    if isinstance(value, BuyAgain):
        return value
    return BuyAgain(value) if value in {choice.value for choice in BuyAgain} else None


class SurveyForm(FlaskForm):
    rating = RadioField(_l("Kokonaisarvio kymppikortista"), coerce=_number, validate_choice=False)
    courses = SelectMultipleField(
        _l("Millä kursseilla kävit kortilla?"),
        coerce=_number,
        validate_choice=False,
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )
    good = TextAreaField(_l("Mikä oli hyvää?"))
    improve = TextAreaField(_l("Mitä pitäisi parantaa?"))
    buy_again = RadioField(_l("Ostaisitko kortin uudelleen?"), coerce=_buy_again, validate_choice=False)
    comment = TextAreaField(_l("Vapaa kommentti"))

    def __init__(self, choices: list[CourseChoice], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.course_choices = choices
        self.rating.choices = [(n, str(n)) for n in RATINGS]
        self.courses.choices = [
            (choice.id, _("%(course)s (kävit)", course=choice.name) if choice.attended else choice.name)
            for choice in choices
        ]
        self.buy_again.choices = BUY_AGAIN

    def validate_rating(self, field):
        if field.data not in RATINGS:
            raise ValidationError(_("Valitse arvosana 1–5."))

    def validate_courses(self, field):
        offered = {choice.id for choice in self.course_choices}
        if not set(field.data or []) <= offered:
            raise ValidationError(_("Valitse jokin annetuista vaihtoehdoista."))

    def validate_buy_again(self, field):
        if field.raw_data and field.raw_data[0] and field.data is None:
            raise ValidationError(_("Valitse jokin annetuista vaihtoehdoista."))

    def _check_text(self, field):
        text = field.data or ""
        if len(text) > ANSWER_TEXT_LENGTH:
            raise ValidationError(
                _("Enintään %(limit)s merkkiä (nyt %(length)s).", limit=ANSWER_TEXT_LENGTH, length=len(text))
            )
        if has_stray_control_characters(text):
            raise ValidationError(_("Poista tekstistä erikoismerkit."))

    validate_good = validate_improve = validate_comment = _check_text

    def answer(self) -> Answer:
        return Answer(
            rating=self.rating.data,
            course_ids=list(self.courses.data or []),
            good=self.good.data or "",
            improve=self.improve.data or "",
            buy_again=self.buy_again.data,
            comment=self.comment.data or "",
        )


def saved_answer(invitation: FeedbackInvitation) -> dict:
    """The stored answer as the form's initial data, so a returning buyer edits what they sent."""
    if invitation.answered_at is None:
        return {}
    return {
        "rating": invitation.rating,
        "courses": [course.id for course in invitation.courses],
        "good": invitation.good or "",
        "improve": invitation.improve or "",
        "buy_again": invitation.buy_again,
        "comment": invitation.comment or "",
    }
