"""Per-session attendance of card holders, as CSV for each course's diary in the registration system."""

import re

from flask import abort, request
from flask_babel import lazy_gettext as _l

from kymppi.domain.attendance import attendance
from kymppi.domain.catalog_queries import row_by_id
from kymppi.domain.codes import format_card_number
from kymppi.domain.errors import NotFound
from kymppi.models import Course
from kymppi.reports import bp
from kymppi.reports.downloads import csv_download, filename
from kymppi.reports.views import period_form

COLUMNS = (_l("Kurssin koodi"), _l("Kurssi"), _l("Päivä"), _l("Kortin numero"), _l("Nimi"))
_ID = re.compile(r"[0-9]{1,12}")


@bp.get("/attendance.csv")
def attendance_csv():
    """The whole period, or one course with ?course=<id>; an unknown course is a 404, not an empty file."""
    period = period_form().period
    course_id = _course_id(request.args.get("course", ""))
    if period is None:
        abort(404)
    rows = [
        [row.course_code, row.course_name, row.session_date, format_card_number(row.card_number), row.name]
        for row in attendance(period, course_id)
    ]
    return csv_download(filename("kaynnit", period, "csv"), COLUMNS, rows)


def _course_id(text: str) -> int | None:
    if not text:
        return None
    try:
        if _ID.fullmatch(text):
            return row_by_id(Course, int(text)).id
    except NotFound:
        pass
    abort(404)
