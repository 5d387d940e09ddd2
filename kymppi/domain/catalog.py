"""The catalogue the admin keeps: terms, card types, course categories and courses.

Each write is one transaction with its audit entry, whoever calls it (the
admin pages, the CSV import, a CLI). The messages are for people, as the pages
show them beside the field the error names: lazy texts, written out in the
reader's language when raised. The reads are in `catalog_queries`.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import Enum

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from kymppi.domain import audit
from kymppi.domain.catalog_queries import row_by_id
from kymppi.domain.clock import utcnow
from kymppi.domain.errors import InvalidInput, NotFound, too_long
from kymppi.domain.sales import MAX_PRICE_CENTS, PRICE_RANGE_MESSAGE
from kymppi.domain.text import has_control_characters
from kymppi.extensions import db
from kymppi.i18n import N_
from kymppi.models import CardType, Course, CourseCategory, Term, TermKind, User
from kymppi.orm import MAX_ID

# Monday first, as Course.weekday counts them; the names as the reader's language writes them.
WEEKDAYS = (
    _l("maanantai"),
    _l("tiistai"),
    _l("keskiviikko"),
    _l("torstai"),
    _l("perjantai"),
    _l("lauantai"),
    _l("sunnuntai"),
)
# Sanity limits that keep a typo (1000 visits, a cap of 99999999999) out of the
# database; PostgreSQL would refuse an integer overflow with an error page.
MAX_VISITS = 100
MAX_CARD_CAP = 1000
# Term and card type dates: a typo like 31.12.9999 would make adding days to
# a card's validity overflow Python's dates, and no opisto plans this far.
FIRST_DATE = date(2000, 1, 1)
LAST_DATE = date(2099, 12, 31)
DATE_RANGE_MESSAGE = N_("Anna päivämäärä väliltä 1.1.2000–31.12.2099.")
_ACADEMIC_YEAR = re.compile(r"([0-9]{4})-([0-9]{4})")
DUPLICATE_CODE = _l("Kurssikoodi on jo käytössä.")
DUPLICATE_CATEGORY = _l("Tällä tunnuksella on jo kategoria.")


@dataclass(frozen=True)
class TermDetails:
    name: str
    kind: TermKind
    academic_year: str
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class CardTypeDetails:
    name: str
    price_cents: int
    valid_from: date
    valid_until: date
    visits: int = 10
    on_sale: bool = True
    category_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class CourseDetails:
    code: str
    name: str
    category_id: int
    term_id: int
    weekday: int
    starts_at: time
    ends_at: time
    accepts_cards: bool = False
    place: str = ""
    card_cap: int | None = None
    instructor_ids: tuple[int, ...] = ()


def save_term(term: Term | None, details: TermDetails, *, by: User, at: datetime | None = None) -> Term:
    """Create a term (`term` None) or change one."""
    if not _ACADEMIC_YEAR.fullmatch(details.academic_year.strip()) or not _consecutive(details.academic_year):
        raise InvalidInput("academic_year", _l("Anna lukuvuosi muodossa 2026-2027."))
    check_date("starts_on", details.starts_on)
    check_date("ends_on", details.ends_on)
    if details.ends_on < details.starts_on:
        raise InvalidInput("ends_on", _l("Päättymispäivä ei voi olla ennen alkamispäivää."))
    values = {
        "name": required_text("name", details.name, Term.name, _l("Anna nimi.")),
        "kind": details.kind,
        "academic_year": details.academic_year.strip(),
        "starts_on": details.starts_on,
        "ends_on": details.ends_on,
    }
    return _save(term or Term(), values, "term", by=by, at=at)


def _consecutive(academic_year: str) -> bool:
    first, second = academic_year.strip().split("-")
    return int(second) == int(first) + 1


def save_card_type(
    card_type: CardType | None, details: CardTypeDetails, *, by: User, at: datetime | None = None
) -> CardType:
    """Create a card type or change one; cards already sold keep what they were sold with."""
    if not 1 <= details.visits <= MAX_VISITS:
        raise InvalidInput("visits", _l("Käyntikertoja on oltava 1–%(max)s.", max=MAX_VISITS))
    if not 0 <= details.price_cents <= MAX_PRICE_CENTS:
        raise InvalidInput("price_cents", PRICE_RANGE_MESSAGE)
    check_date("valid_from", details.valid_from)
    check_date("valid_until", details.valid_until)
    if details.valid_until < details.valid_from:
        raise InvalidInput("valid_until", _l("Voimassaolon loppu ei voi olla ennen alkua."))
    values = {
        "name": required_text("name", details.name, CardType.name, _l("Anna nimi.")),
        "visits": details.visits,
        "price_cents": details.price_cents,
        "valid_from": details.valid_from,
        "valid_until": details.valid_until,
        "on_sale": details.on_sale,
        "categories": _rows(CourseCategory, details.category_ids, "category_ids", _l("Valitse kategoriat listasta.")),
    }
    return _save(card_type or CardType(), values, "card_type", by=by, at=at)


def create_category(code: str, name: str, *, by: User, at: datetime | None = None) -> CourseCategory:
    """A new category; a code taken meanwhile (two admins, or an import) is a field error, not a crash."""
    code = required_text("code", code, CourseCategory.code, _l("Anna tunnus."))
    if category_by_code(code) is not None:
        raise InvalidInput("code", DUPLICATE_CATEGORY)
    values = {"code": code, "name": required_text("name", name, CourseCategory.name, _l("Anna nimi."))}
    try:
        return _save(CourseCategory(), values, "category", by=by, at=at)
    except IntegrityError:
        db.session.rollback()
        raise InvalidInput("code", DUPLICATE_CATEGORY) from None


def category_by_code(code: str) -> CourseCategory | None:
    """Codes match whatever their case: "Liikunta" in a CSV file is the category "liikunta"."""
    statement = select(CourseCategory).where(func.lower(CourseCategory.code) == code.strip().lower())
    return db.session.scalars(statement).first()


def save_course(course: Course | None, details: CourseDetails, *, by: User, at: datetime | None = None) -> Course:
    """Create a course or change one; a code taken meanwhile is a field error, not a crash."""
    course = course or Course()
    code = required_text("code", details.code, Course.code, _l("Anna kurssikoodi."))
    taken = db.session.scalar(select(Course.id).where(Course.code == code, Course.id != course.id))
    if taken is not None:
        raise InvalidInput("code", DUPLICATE_CODE)
    check_schedule(details.weekday, details.starts_at, details.ends_at)
    check_card_cap(details.card_cap)
    values = {
        "code": code,
        "name": required_text("name", details.name, Course.name, _l("Anna nimi.")),
        "category": _row(CourseCategory, details.category_id, "category_id", _l("Valitse kategoria listasta.")),
        "term": _row(Term, details.term_id, "term_id", _l("Valitse lukukausi listasta.")),
        "accepts_cards": details.accepts_cards,
        "weekday": details.weekday,
        "starts_at": details.starts_at,
        "ends_at": details.ends_at,
        "place": optional_text("place", details.place, Course.place),
        "card_cap": details.card_cap,
        "instructors": _instructors(course, details.instructor_ids),
    }
    try:
        return _save(course, values, "course", by=by, at=at)
    except IntegrityError:
        db.session.rollback()
        raise InvalidInput("code", DUPLICATE_CODE) from None


def check_date(field: str, value: date) -> None:
    if not FIRST_DATE <= value <= LAST_DATE:
        raise InvalidInput(field, _l(DATE_RANGE_MESSAGE))


def check_schedule(weekday: int, starts_at: time, ends_at: time) -> None:
    if not 0 <= weekday <= 6:
        raise InvalidInput("weekday", _l("Valitse viikonpäivä listasta."))
    if ends_at <= starts_at:
        raise InvalidInput("ends_at", _l("Päättymisajan on oltava alkamisajan jälkeen."))


def check_card_cap(card_cap: int | None) -> None:
    if card_cap is not None and not 0 <= card_cap <= MAX_CARD_CAP:
        raise InvalidInput("card_cap", _l("Anna luku 0–%(max)s tai jätä tyhjäksi.", max=MAX_CARD_CAP))


def _instructors(course: Course, ids: tuple[int, ...]) -> list[User]:
    """Active staff may be added; someone who left may stay on a course they already had."""
    users = _rows(User, ids, "instructor_ids", _l("Valitse opettajat listasta."))
    current = {user.id for user in course.instructors} if course.id else set()
    if any(not user.active and user.id not in current for user in users):
        raise InvalidInput("instructor_ids", _l("Käytöstä poistettua käyttäjää ei voi lisätä opettajaksi."))
    return users


def required_text(field: str, value: str | None, column, missing: str) -> str:
    text = optional_text(field, value, column)
    if not text:
        raise InvalidInput(field, missing)
    return text


def optional_text(field: str, value: str | None, column) -> str:
    """Trimmed text that fits its column; PostgreSQL would refuse longer, SQLite keep it silently."""
    text = (value or "").strip()
    if len(text) > column.type.length:
        raise InvalidInput(field, too_long(column.type.length))
    if has_control_characters(text):
        raise InvalidInput(field, _l("Tekstissä on näkymättömiä ohjausmerkkejä."))
    return text


def _row(model, row_id: int | None, field: str, message: str):
    try:
        return row_by_id(model, row_id)
    except NotFound:
        raise InvalidInput(field, message) from None


def _rows(model, ids: tuple[int, ...], field: str, message: str) -> list:
    wanted = set(ids)
    if not all(1 <= row_id <= MAX_ID for row_id in wanted):
        raise InvalidInput(field, message)
    rows = list(db.session.scalars(select(model).where(model.id.in_(wanted)))) if wanted else []
    if len(rows) != len(wanted):
        raise InvalidInput(field, message)
    return sorted(rows, key=lambda row: row.id)


def _save(row, values: dict, kind: str, *, by: User, at: datetime | None):
    """Apply `values`, audit what changed ("term_created", "course_updated", …) and commit."""
    action = f"{kind}_{'updated' if row.id else 'created'}"
    changes = apply_changes(row, values)
    db.session.add(row)
    db.session.flush()
    if changes:
        audit.record(action, by=by, at=at or utcnow(), **{f"{kind}_id": row.id}, changes=changes)
    db.session.commit()
    return row


def differences(row, values: dict) -> dict[str, list]:
    """What `values` would change on `row`, as JSON-safe [old, new] pairs for the audit log."""
    changes = {}
    for key, new in values.items():
        old = plain(getattr(row, key))
        if old != plain(new):
            changes[key] = [old, plain(new)]
    return changes


def apply_changes(row, values: dict) -> dict[str, list]:
    changes = differences(row, values)
    for key in changes:
        setattr(row, key, values[key])
    return changes


def plain(value):
    """A value as the audit log's JSON stores it: rows by id, dates and times in ISO format."""
    if isinstance(value, list):
        return sorted(plain(item) for item in value)
    if isinstance(value, db.Model):
        return value.id
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value
