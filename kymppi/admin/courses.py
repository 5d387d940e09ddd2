"""Courses (kurssit): schedule, place, whether cards are accepted, optional cap and instructors."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import BooleanField, IntegerField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from kymppi.admin import bp
from kymppi.admin.forms import CHOOSE, MultiCheckboxField, choices, form_page, time_field
from kymppi.domain import catalog, catalog_queries
from kymppi.domain.errors import InvalidInput, too_long
from kymppi.forms import attach_error, optional_int
from kymppi.labels import ROLE
from kymppi.models import Course, Role


def _select(label, message, **kwargs) -> SelectField:
    """A required select whose unknown or forged value is a field error, not a crash."""
    return SelectField(
        label,
        coerce=optional_int,
        validators=[InputRequired(message)],
        invalid_value_message=message,
        invalid_choice_message=message,
        **kwargs,
    )


class CourseForm(FlaskForm):
    code = StringField(
        _l("Kurssikoodi"),
        validators=[DataRequired(_l("Anna kurssikoodi.")), Length(max=40, message=too_long(40))],
        description=_l("Sama koodi kuin ilmoittautumisjärjestelmässä; tuonti päivittää kurssin tällä koodilla."),
    )
    name = StringField(_l("Nimi"), validators=[DataRequired(_l("Anna nimi.")), Length(max=200, message=too_long(200))])
    category_id = _select(_l("Kategoria"), _l("Valitse kategoria listasta."))
    term_id = _select(_l("Lukukausi"), _l("Valitse lukukausi listasta."))
    accepts_cards = BooleanField(
        _l("Kymppikortti käy tällä kurssilla"), description=_l("Vain täysihintaiset liikunta- ja tanssikurssit.")
    )
    weekday = _select(
        _l("Viikonpäivä"),
        _l("Valitse viikonpäivä listasta."),
        choices=[SelectChoice("", CHOOSE)] + [SelectChoice(i, day) for i, day in enumerate(catalog.WEEKDAYS)],
    )
    starts_at = time_field(_l("Alkaa"), _l("Anna alkamisaika."))
    ends_at = time_field(_l("Päättyy"), _l("Anna päättymisaika."))
    place = StringField(_l("Paikka"), validators=[Length(max=200, message=too_long(200))])
    card_cap = IntegerField(
        _l("Korttilaisia enintään kerralla"),
        validators=[Optional()],
        invalid_value_message=_l("Anna kokonaisluku tai jätä tyhjäksi."),
        description=_l("Tyhjä: ei rajaa."),
    )
    instructor_ids = MultiCheckboxField(
        _l("Opettajat"),
        coerce=int,
        invalid_value_message=_l("Valitse opettajat listasta."),
        invalid_choice_message=_l("Valitse opettajat listasta."),
    )

    def __init__(self, *args, course: Course | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.category_id.choices = choices(catalog_queries.categories(), lambda c: f"{c.name} ({c.code})")
        self.term_id.choices = choices(catalog_queries.terms())
        # Someone who has left stays listed on the courses they already teach.
        staff = catalog_queries.teaching_staff()
        staff += [user for user in (course.instructors if course else []) if user not in staff]
        self.instructor_ids.choices = choices(staff, _staff_label, placeholder=None)

    def details(self) -> catalog.CourseDetails:
        return catalog.CourseDetails(
            code=self.code.data,
            name=self.name.data,
            category_id=self.category_id.data,
            term_id=self.term_id.data,
            accepts_cards=self.accepts_cards.data,
            weekday=self.weekday.data,
            starts_at=self.starts_at.data,
            ends_at=self.ends_at.data,
            place=self.place.data or "",
            card_cap=self.card_cap.data,
            instructor_ids=tuple(self.instructor_ids.data or ()),
        )


def _staff_label(user) -> str:
    label = user.name if user.role is Role.INSTRUCTOR else f"{user.name} ({ROLE[user.role].lower()})"
    return label if user.active else _("%(name)s, poistettu käytöstä", name=label)


@bp.get("/courses")
def courses():
    """`?term=` narrows to one term; an unknown term is a 404, junk like "kaikki" shows every term."""
    term_id = request.args.get("term", type=int)
    return render_template(
        "admin/courses.html",
        courses=catalog_queries.courses(term_id, by_schedule=True),
        terms=catalog_queries.terms(),
        term_id=term_id,
        weekdays=catalog.WEEKDAYS,
    )


@bp.route("/courses/new", methods=["GET", "POST"])
def new_course():
    return _edit(None, CourseForm(), _("Uusi kurssi"))


@bp.route("/courses/<id:course_id>", methods=["GET", "POST"])
def edit_course(course_id: int):
    course = catalog_queries.course(course_id)
    form = CourseForm(obj=course, course=course, instructor_ids=[u.id for u in course.instructors])
    return _edit(course, form, _("Kurssi %(code)s %(name)s", code=course.code, name=course.name))


def _edit(course: Course | None, form: CourseForm, title: str):
    if form.validate_on_submit():
        try:
            saved = catalog.save_course(course, form.details(), by=current_user)
        except InvalidInput as error:
            attach_error(form, error)
        else:
            flash(_("Kurssi %(code)s %(name)s tallennettu.", code=saved.code, name=saved.name), "success")
            return redirect(url_for("admin.courses", term=saved.term_id))
    intro = None if form.term_id.choices[1:] else _("Lisää ensin lukukausi: jokainen kurssi kuuluu lukukauteen.")
    return form_page(form, title=title, cancel=url_for("admin.courses"), intro=intro)
