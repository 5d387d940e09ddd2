"""Course import from a registration system's CSV export (Hellewi, Eepos and the like).

Two steps: `preview_import` reads and checks every row against the database
and says what would happen, saving nothing; `apply_import` reads the same
text again — a preview is never trusted, the database may have changed — and
saves every row in one transaction, or nothing when any row has an error.
Courses are matched by code, so importing a file again updates them.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import datetime, time
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from kymppi.domain import audit
from kymppi.domain.catalog import (
    MAX_CARD_CAP,
    WEEKDAYS,
    apply_changes,
    check_card_cap,
    differences,
    optional_text,
    required_text,
)
from kymppi.domain.clock import utcnow
from kymppi.domain.errors import InvalidInput
from kymppi.extensions import db
from kymppi.models import Course, CourseCategory, Term, User

MAX_ROWS = 5000
# Header spellings per field, Finnish first, then English; compared by `_header_key`.
COLUMNS = {
    "code": ("koodi", "code"),
    "name": ("nimi", "name"),
    "category": ("kategoria", "category"),
    "term": ("lukukausi", "term"),
    "weekday": ("viikonpäivä", "weekday"),
    "starts_at": ("alkaa", "starts", "starts_at"),
    "ends_at": ("päättyy", "ends", "ends_at"),
    "place": ("paikka", "place"),
    "accepts_cards": ("kortit", "cards", "accepts_cards"),
    "card_cap": ("enimmäismäärä", "cap", "card_cap"),
    "instructors": ("opettajat", "instructors"),
}
REQUIRED = ("code", "name", "category", "term", "weekday", "starts_at", "ends_at")


def _header_key(header: str) -> str:
    """Case and ä/ö don't matter: exports write "Viikonpäivä" as often as "viikonpaiva"."""
    return header.strip().lower().replace("ä", "a").replace("ö", "o")


_HEADERS = {_header_key(header): key for key, headers in COLUMNS.items() for header in headers}
_DAYS = {name: day for day, full in enumerate(WEEKDAYS) for name in (full, full[:2])}
_YES, _NO = {"kyllä", "k", "yes", "y", "true", "1", "x"}, {"ei", "e", "no", "n", "false", "0", ""}
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
NOT_TEXT = "Tiedosto ei ole CSV-tekstitiedosto. Tallenna se CSV-muodossa (UTF-8 tai Windows-1252)."


class RowAction(StrEnum):
    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"


@dataclass(frozen=True)
class RowError:
    column: str  # the header as written in the file
    message: str


@dataclass
class PreviewRow:
    number: int  # as a spreadsheet numbers it: the header is row 1
    cells: dict[str, str]
    errors: list[RowError] = field(default_factory=list)
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
        return not any(row.errors for row in self.rows)

    @property
    def error_rows(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    def count(self, action: RowAction) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.errors)


def decode_csv(data: bytes) -> str:
    """UTF-8 (with or without a BOM) or Windows-1252, the two encodings Excel and the registration systems write.

    UTF-16 and binary files hold NUL or other control bytes that no CSV of
    courses has, so they are refused rather than read as nonsense.
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise InvalidInput("file", NOT_TEXT) from None
    if _CONTROL.search(text):
        raise InvalidInput("file", NOT_TEXT)
    if not text.strip():
        raise InvalidInput("file", "Tiedosto on tyhjä.")
    return text


def preview_import(text: str) -> Preview:
    """Every row read, checked and compared with the database; nothing is saved."""
    if _CONTROL.search(text):
        raise InvalidInput("file", NOT_TEXT)
    records = _records(text)
    header = next(i for i, record in enumerate(records) if _filled(record))
    reader = _RowReader(records[header], records[header + 1 :])
    preview = Preview([], reader.names, reader.ignored, [])
    seen: dict[str, int] = {}
    for number, record in enumerate(records[header + 1 :], start=header + 2):
        if not _filled(record):
            continue
        row = reader.read(number, record)
        if (code := row.cells["code"]) in seen:
            row.errors.append(RowError(reader.names["code"], f"Sama koodi on jo rivillä {seen[code]}."))
        seen.setdefault(code, number)
        preview.rows.append(row)
    if not preview.rows:
        raise InvalidInput("file", "Tiedostossa ei ole yhtään kurssiriviä otsikkorivin jälkeen.")
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
        raise InvalidInput("file", "Kursseja muutettiin samaan aikaan. Lataa tiedosto uudelleen.") from None
    return preview


def _save(preview: Preview, *, by: User, at: datetime) -> None:
    new_categories = {code: CourseCategory(code=code, name=code) for code in preview.new_categories}
    db.session.add_all(new_categories.values())
    db.session.flush()
    for category in new_categories.values():
        audit.record("category_created", by=by, at=at, category_id=category.id, source="csv")
    courses = {c.code: c for c in db.session.scalars(select(Course).where(Course.code.in_(_codes(preview))))}
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


def _codes(preview: Preview) -> set[str]:
    return {row.values["code"] for row in preview.rows}


def _records(text: str) -> list[list[str]]:
    """The file as rows of cells, the separator guessed from the header line."""
    first_line = text.lstrip("\r\n").splitlines()[0] if text.strip() else ""
    delimiter = max(";,\t", key=first_line.count)
    records = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for record in reader:
            records.append(record)
            if len(records) > MAX_ROWS + 1:
                raise InvalidInput("file", f"Tiedostossa on yli {MAX_ROWS} riviä.")
    except csv.Error:
        raise InvalidInput("file", f"Rivin {len(records) + 1} CSV-muoto on virheellinen.") from None
    if not any(_filled(record) for record in records):
        raise InvalidInput("file", "Tiedosto on tyhjä.")
    return records


def _filled(record: list[str]) -> bool:
    return any(cell.strip() for cell in record)


def _header_map(header: list[str]) -> tuple[dict[str, int], list[str]]:
    """Which column holds which field; unknown columns (exports have many) are ignored."""
    found: dict[str, int] = {}
    ignored = []
    for index, cell in enumerate(header):
        key = _HEADERS.get(_header_key(cell))
        if key is None:
            ignored.append(cell.strip())
        elif key in found:
            raise InvalidInput("file", f"Sarake ”{cell.strip()}” on otsikkorivillä kahdesti.")
        else:
            found[key] = index
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in found]
    if missing:
        raise InvalidInput(
            "file",
            f"Sarakkeet puuttuvat: {', '.join(missing)}. Ensimmäisellä rivillä on oltava sarakkeiden nimet "
            "ja sarakkeet erotettuna puolipisteellä tai pilkulla.",
        )
    return found, [cell for cell in ignored if cell]


class _RowReader:
    """Reads rows into course values, with the rows the file refers to loaded once, not once per row."""

    def __init__(self, header: list[str], records: list[list[str]]):
        self.columns, self.ignored = _header_map(header)
        self.width = len(header)
        self.names = {key: header[index].strip() for key, index in self.columns.items()}
        code = self.columns["code"]
        codes = {record[code].strip() for record in records if len(record) > code}
        self.courses = {c.code: c for c in db.session.scalars(select(Course).where(Course.code.in_(codes)))}
        self.terms: dict[str, list[Term]] = {}
        for term in db.session.scalars(select(Term)):
            self.terms.setdefault(term.name.strip().lower(), []).append(term)
        self.categories = {c.code.lower(): c for c in db.session.scalars(select(CourseCategory))}
        self.users = {u.email.lower(): u for u in db.session.scalars(select(User))}
        self.new_categories: dict[str, str] = {}

    def read(self, number: int, record: list[str]) -> PreviewRow:
        cells = {key: record[i].strip() if i < len(record) else "" for key, i in self.columns.items()}
        row = PreviewRow(number, cells)
        if _filled(record[self.width :]):
            row.errors.append(RowError("", "Rivillä on enemmän sarakkeita kuin otsikkorivillä; tarkista erottimet."))
        values = {}
        for key in self.columns:
            try:
                values[key] = getattr(self, f"_{key}")(cells[key])
            except InvalidInput as error:
                row.errors.append(RowError(self.names[key], error.message))
        if "starts_at" in values and "ends_at" in values and values["ends_at"] <= values["starts_at"]:
            row.errors.append(RowError(self.names["ends_at"], "Päättymisajan on oltava alkamisajan jälkeen."))
        if row.errors:
            return row
        row.values = values
        course = self.courses.get(values["code"])
        row.changed = [COLUMNS[key][0] for key in differences(course, values)] if course else []
        row.action = RowAction.NEW if course is None else RowAction.UPDATE if row.changed else RowAction.UNCHANGED
        return row

    def _code(self, text: str) -> str:
        return required_text("code", text, Course.code, "Koodi puuttuu.")

    def _name(self, text: str) -> str:
        return required_text("name", text, Course.name, "Nimi puuttuu.")

    def _category(self, text: str) -> CourseCategory | str:
        """An existing category, or the code of one the import will create."""
        code = required_text("category", text, CourseCategory.code, "Kategoria puuttuu.")
        existing = self.categories.get(code.lower())
        return existing or self.new_categories.setdefault(code.lower(), code)

    def _term(self, text: str) -> Term:
        if not text:
            raise InvalidInput("term", "Lukukausi puuttuu.")
        matches = self.terms.get(text.lower(), [])
        if not matches:
            raise InvalidInput("term", f"Lukukautta ”{text}” ei ole. Lisää se ensin ylläpidon lukukausiin.")
        if len(matches) > 1:
            raise InvalidInput("term", f"Nimellä ”{text}” on useita lukukausia. Anna lukukausille eri nimet.")
        return matches[0]

    def _weekday(self, text: str) -> int:
        day = _DAYS.get(text.lower().rstrip("."))
        if day is None:
            raise InvalidInput("weekday", "Kirjoita viikonpäivä: ma, ti, ke, to, pe, la tai su.")
        return day

    def _starts_at(self, text: str) -> time:
        match = _TIME.fullmatch(text)
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise InvalidInput("time", "Kirjoita kellonaika muodossa TT:MM, esimerkiksi 18:00.")
        return time(int(match[1]), int(match[2]))

    _ends_at = _starts_at

    def _place(self, text: str) -> str:
        return optional_text("place", text, Course.place)

    def _accepts_cards(self, text: str) -> bool:
        if text.lower() not in _YES | _NO:
            raise InvalidInput("accepts_cards", "Kirjoita kyllä tai ei.")
        return text.lower() in _YES

    def _card_cap(self, text: str) -> int | None:
        if not text:
            return None
        if not text.isdigit() or len(text) > 6:
            raise InvalidInput("card_cap", f"Kirjoita luku 0–{MAX_CARD_CAP} tai jätä tyhjäksi.")
        check_card_cap(int(text))
        return int(text)

    def _instructors(self, text: str) -> list[User]:
        users = []
        for email in dict.fromkeys(re.split(r"[\s,;]+", text.lower())):
            if not email:
                continue
            user = self.users.get(email)
            if user is None:
                raise InvalidInput("instructors", f"Tuntematon sähköpostiosoite: {email}.")
            if not user.active:
                raise InvalidInput("instructors", f"Tunnus {email} on poistettu käytöstä.")
            users.append(user)
        return users
