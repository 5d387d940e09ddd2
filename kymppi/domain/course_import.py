"""Course import from a registration system's CSV export (Hellewi, Eepos and the like).

Two steps: `preview_import` reads and checks every row against the database
and says what would happen, saving nothing; `apply_import` reads the same
text again — a preview is never trusted, the database may have changed — and
saves every row in one transaction, or nothing when any row has an error.
Courses are matched by code, so importing a file again updates them.

A warning, unlike an error, doesn't stop the save: an instructor the file
names who has no account yet is left off the course. Exports name teachers
long before they get a Kymppi login, and the admin can import again later.
"""

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kymppi.domain import audit
from kymppi.domain.catalog import apply_changes, differences, optional_text, required_text
from kymppi.domain.clock import utcnow
from kymppi.domain.course_csv import (
    Table,
    TableRow,
    parse_card_cap,
    parse_emails,
    parse_time,
    parse_weekday,
    parse_yes_no,
    read_table,
)
from kymppi.domain.errors import InvalidInput
from kymppi.extensions import db
from kymppi.models import Course, CourseCategory, Term, User


class RowAction(StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class RowMessage:
    column: str  # the header as written in the file; empty for the row as a whole
    message: str  # for the admin: a lazy text or one already written in the request's language


@dataclass
class PreviewRow:
    number: int  # as a spreadsheet numbers it: the header is row 1
    cells: dict[str, str]
    errors: list[RowMessage] = field(default_factory=list)
    warnings: list[RowMessage] = field(default_factory=list)
    action: RowAction | None = None
    changed: list[str] = field(default_factory=list)
    values: dict = field(default_factory=dict, repr=False)


@dataclass
class Preview:
    rows: list[PreviewRow]
    headers: dict[str, str]  # field key -> the header as written in the file
    ignored_columns: list[str]
    new_categories: list[str]

    @property
    def ok(self) -> bool:
        """Saveable: warnings don't count."""
        return not any(row.errors for row in self.rows)

    @property
    def error_rows(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def warning_rows(self) -> int:
        return sum(1 for row in self.rows if row.warnings)

    @property
    def errors(self) -> list[tuple[int, RowMessage]]:
        """(row number, error) of every row, for the list above the table."""
        return [(row.number, message) for row in self.rows for message in row.errors]

    @property
    def warnings(self) -> list[tuple[int, RowMessage]]:
        return [(row.number, message) for row in self.rows for message in row.warnings]

    def count(self, action: RowAction) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.errors)


def preview_import(text: str) -> Preview:
    """Every row read, checked and compared with the database; nothing is saved."""
    table = read_table(text)
    reader = _RowReader(table)
    preview = Preview([], table.names, table.ignored_columns, [])
    seen: dict[str, int] = {}
    for line in table.rows:
        row = reader.read(line)
        if (code := row.cells["code"]) in seen:
            row.errors.append(RowMessage(table.names["code"], _l("Sama koodi on jo rivillä %(row)s.", row=seen[code])))
        seen.setdefault(code, line.number)
        preview.rows.append(row)
    preview.new_categories = sorted(reader.new_categories.values())
    return preview


def apply_import(text: str, *, by: User, at: datetime | None = None) -> Preview:
    """Save every row of a file without errors in one transaction; `preview.ok` False means nothing was saved."""
    at = at or utcnow()
    preview = preview_import(text)
    if not preview.ok:
        return preview
    try:
        _save(preview, by=by, at=at)
    except IntegrityError:
        db.session.rollback()
        raise InvalidInput("file", _l("Kursseja muutettiin samaan aikaan. Lataa tiedosto uudelleen.")) from None
    return preview


def _save(preview: Preview, *, by: User, at: datetime) -> None:
    new_categories = {code: CourseCategory(code=code, name=code) for code in preview.new_categories}
    db.session.add_all(new_categories.values())
    db.session.flush()
    for category in new_categories.values():
        audit.record("category_created", by=by, at=at, category_id=category.id, source="csv")
    codes = {row.values["code"] for row in preview.rows}
    courses = {c.code: c for c in db.session.scalars(select(Course).where(Course.code.in_(codes)))}
    for row in preview.rows:
        values = dict(row.values)
        if isinstance(values["category"], str):
            values["category"] = new_categories[values["category"]]
        course = courses.get(values["code"]) or Course()
        action = "course_updated" if course.id else "course_created"
        changes = apply_changes(course, values)
        db.session.add(course)
        db.session.flush()
        if changes:
            audit.record(action, by=by, at=at, course_id=course.id, changes=changes, source="csv")
    audit.record("courses_imported", by=by, at=at, **{a.value: preview.count(a) for a in RowAction})
    db.session.commit()


def _unknown_instructor(email: str):
    return _l(
        "Opettajaa %(email)s ei ole käyttäjissä: kurssi tuodaan ilman häntä. "
        "Lisää hänet henkilökuntaan ja tuo tiedosto uudelleen.",
        email=email,
    )


class _RowReader:
    """Reads rows into course values, with the rows the file refers to loaded once, not once per row."""

    def __init__(self, table: Table):
        self.names = table.names
        codes = {row.cells["code"] for row in table.rows}
        self.courses = {c.code: c for c in db.session.scalars(select(Course).where(Course.code.in_(codes)))}
        self.terms: dict[str, list[Term]] = {}
        for term in db.session.scalars(select(Term)):
            self.terms.setdefault(term.name.strip().lower(), []).append(term)
        self.categories = {c.code.lower(): c for c in db.session.scalars(select(CourseCategory))}
        self.users = {u.email.lower(): u for u in db.session.scalars(select(User))}
        self.new_categories: dict[str, str] = {}

    def read(self, line: TableRow) -> PreviewRow:
        row = PreviewRow(line.number, line.cells)
        if line.overflows:
            row.errors.append(
                RowMessage("", _l("Rivillä on enemmän sarakkeita kuin otsikkorivillä; tarkista erottimet."))
            )
        values = {}
        for key, cell in line.cells.items():
            try:
                values[key] = getattr(self, f"_{key}")(cell)
            except InvalidInput as error:
                row.errors.append(RowMessage(self.names[key], error.message))
        if "instructors" in values:
            values["instructors"], unknown = values["instructors"]
            row.warnings += [RowMessage(self.names["instructors"], _unknown_instructor(e)) for e in unknown]
        if "starts_at" in values and "ends_at" in values and values["ends_at"] <= values["starts_at"]:
            row.errors.append(RowMessage(self.names["ends_at"], _l("Päättymisajan on oltava alkamisajan jälkeen.")))
        if row.errors:
            return row
        row.values = values
        course = self.courses.get(values["code"])
        row.changed = [self.names[key] for key in differences(course, values)] if course else []
        row.action = RowAction.NEW if course is None else RowAction.UPDATE if row.changed else RowAction.UNCHANGED
        return row

    def _code(self, text: str) -> str:
        return required_text("code", text, Course.code, _l("Koodi puuttuu."))

    def _name(self, text: str) -> str:
        return required_text("name", text, Course.name, _l("Nimi puuttuu."))

    def _category(self, text: str) -> CourseCategory | str:
        """An existing category, or the code of one the import will create."""
        code = required_text("category", text, CourseCategory.code, _l("Kategoria puuttuu."))
        existing = self.categories.get(code.lower())
        return existing or self.new_categories.setdefault(code.lower(), code)

    def _term(self, text: str) -> Term:
        if not text:
            raise InvalidInput("term", _l("Lukukausi puuttuu."))
        matches = self.terms.get(text.lower(), [])
        if not matches:
            raise InvalidInput(
                "term", _l("Lukukautta ”%(term)s” ei ole. Lisää se ensin ylläpidon lukukausiin.", term=text)
            )
        if len(matches) > 1:
            raise InvalidInput(
                "term", _l("Nimellä ”%(term)s” on useita lukukausia. Anna lukukausille eri nimet.", term=text)
            )
        return matches[0]

    _weekday = staticmethod(parse_weekday)
    _starts_at = _ends_at = staticmethod(parse_time)
    _accepts_cards = staticmethod(parse_yes_no)
    _card_cap = staticmethod(parse_card_cap)

    def _place(self, text: str) -> str:
        return optional_text("place", text, Course.place)

    def _instructors(self, text: str) -> tuple[list[User], list[str]]:
        """The accounts the file names, and the addresses that have none (a warning, not an error)."""
        users, unknown = [], []
        for email in parse_emails(text):
            user = self.users.get(email)
            if user is None:
                unknown.append(email)
            elif not user.active:
                raise InvalidInput("instructors", _l("Tunnus %(email)s on poistettu käytöstä.", email=email))
            else:
                users.append(user)
        return users, unknown
