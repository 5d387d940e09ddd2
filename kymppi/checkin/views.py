"""The instructor's pages. The scan screen works without JavaScript too (a scanner or a typed
number submits the form); with it, scans go through the JSON API and survive a lost network."""

from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from kymppi import answers
from kymppi.checkin import bp
from kymppi.checkin.forms import ScanForm, UndoForm
from kymppi.checkin.script_texts import scan_script_texts
from kymppi.domain import catalog_queries
from kymppi.domain.checkin import check_in, may_undo, undo_check_in
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.errors import InvalidInput
from kymppi.domain.outcomes import UndoOutcome
from kymppi.domain.sessions import check_in_by_id, paper_roster, session_check_ins, todays_courses
from kymppi.forms import attach_error
from kymppi.models import CheckInSource, Course


def _today():
    return local_date(utcnow())


@bp.get("/")
def index():
    return render_template("checkin/today.html", today=_today(), courses=todays_courses(current_user, _today()))


def render_scan(course: Course, form: ScanForm, result=None, status: int = 200):
    today = _today()
    return render_template(
        "checkin/scan.html",
        course=course,
        today=today,
        form=form,
        result=result,
        answers=answers,
        script_texts=scan_script_texts(),
        check_ins=session_check_ins(course.id, today),
        undoable=lambda check: may_undo(check, current_user, today),
    ), status


@bp.get("/courses/<id:course_id>")
def scan(course_id: int):
    return render_scan(catalog_queries.course(course_id), ScanForm())


@bp.post("/courses/<id:course_id>")
def scan_without_script(course_id: int):
    """The same check-in as the API's, for a page whose JavaScript did not load."""
    course = catalog_queries.course(course_id)
    form = ScanForm()
    if not form.validate():
        return render_scan(course, form, status=422)
    source = CheckInSource.SCANNER if "/k/" in form.code.data else CheckInSource.MANUAL
    result = check_in(form.code.data, course.id, by=current_user, source=source)
    return render_scan(course, ScanForm(formdata=None), result)


@bp.get("/courses/<id:course_id>/roster")
def roster(course_id: int):
    """The paper fallback: print before class, tick by hand when no device works."""
    course = catalog_queries.course(course_id)
    today = _today()
    cards = paper_roster(course, today)
    return render_template("checkin/roster.html", course=course, today=today, cards=cards, now=utcnow())


@bp.route("/checkins/<id:check_in_id>/undo", methods=["GET", "POST"])
def undo(check_in_id: int):
    """Asks first; the scan page's script asks in a dialog and calls the API instead."""
    check = check_in_by_id(check_in_id)
    form = UndoForm()
    if not form.validate_on_submit():
        return render_template("checkin/undo.html", check=check, form=form), 422 if form.errors else 200
    try:
        result = undo_check_in(check.id, by=current_user, reason=form.reason.data)
    except InvalidInput as error:
        attach_error(form, error)
        return render_template("checkin/undo.html", check=check, form=form), 422
    if result.outcome is UndoOutcome.REASON_REQUIRED:
        form.reason.errors.append(answers.undo_message(result.outcome))
        return render_template("checkin/undo.html", check=check, form=form), 422
    flash(
        answers.undo_message(result.outcome),
        "success" if result.outcome is UndoOutcome.OK else "error",
    )
    return redirect(url_for("checkin.scan", course_id=check.course_id))
