"""Reading a registration system's course export: encoding, separator, header row and cell formats.

Nothing here looks at the database. `read_table` turns the text into rows of
cells keyed by field, and the `parse_*` functions turn one cell into a value
or raise InvalidInput with the message the preview shows beside the row, in
the reader's language; `kymppi.domain.course_import` checks the values against
the database. The file's own words (headers, weekdays, yes and no) are the
export's, whatever language the admin reads.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import time

from flask_babel import lazy_gettext as _l

from kymppi.domain.catalog import MAX_CARD_CAP, check_card_cap
from kymppi.domain.errors import InvalidInput
from kymppi.domain.staff import valid_email
from kymppi.domain.text import has_stray_control_characters
from kymppi.i18n import N_

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
NOT_TEXT = N_("Tiedosto ei ole CSV-tekstitiedosto. Tallenna se CSV-muodossa (UTF-8 tai Windows-1252).")
# Monday first, as Course.weekday counts them; a cell may hold the name or its first two letters.
WEEKDAY_NAMES = ("maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai")


def _header_key(header: str) -> str:
    """Case and ä/ö don't matter: exports write "Viikonpäivä" as often as "viikonpaiva"."""
    return header.strip().lower().replace("ä", "a").replace("ö", "o")


_HEADERS = {_header_key(header): key for key, headers in COLUMNS.items() for header in headers}
_DAYS = {name: day for day, full in enumerate(WEEKDAY_NAMES) for name in (full, full[:2])}
_YES, _NO = {"kyllä", "k", "yes", "y", "true", "1", "x"}, {"ei", "e", "no", "n", "false", "0", ""}
# ASCII digits only, in numbers as in times: `\d` and str.isdigit() also take "²" or "٣",
# which int() then refuses or reads as a number nobody typed.
_TIME = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})")
_NUMBER = re.compile(r"[0-9]{1,6}")


@dataclass(frozen=True)
class TableRow:
    number: int  # as a spreadsheet numbers it: the header is row 1
    cells: dict[str, str]  # field key -> the trimmed cell
    overflows: bool  # filled cells beyond the header's last column: usually a wrong separator


@dataclass(frozen=True)
class Table:
    names: dict[str, str]  # field key -> the header as written in the file
    ignored_columns: list[str]
    rows: list[TableRow]


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
            raise InvalidInput("file", _l(NOT_TEXT)) from None
    _check_text(text)
    if not text.strip():
        raise InvalidInput("file", _l("Tiedosto on tyhjä."))
    return text


def _check_text(text: str) -> None:
    """Control characters other than tabs and line ends mean a binary or UTF-16 file, or a forged preview."""
    if has_stray_control_characters(text):
        raise InvalidInput("file", _l(NOT_TEXT))


def read_table(text: str) -> Table:
    """The course rows under the first non-empty line, which names the columns; blank rows are skipped."""
    _check_text(text)
    records = _records(text)
    start = next(i for i, record in enumerate(records) if _filled(record))
    header = records[start]
    columns, ignored = _header_map(header)
    rows = [
        TableRow(
            number,
            {key: record[i].strip() if i < len(record) else "" for key, i in columns.items()},
            _filled(record[len(header) :]),
        )
        for number, record in enumerate(records[start + 1 :], start=start + 2)
        if _filled(record)
    ]
    if not rows:
        raise InvalidInput("file", _l("Tiedostossa ei ole yhtään kurssiriviä otsikkorivin jälkeen."))
    return Table({key: header[index].strip() for key, index in columns.items()}, ignored, rows)


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
                raise InvalidInput("file", _l("Tiedostossa on yli %(max)s riviä.", max=MAX_ROWS))
    except csv.Error:
        raise InvalidInput("file", _l("Rivin %(row)s CSV-muoto on virheellinen.", row=len(records) + 1)) from None
    if not any(_filled(record) for record in records):
        raise InvalidInput("file", _l("Tiedosto on tyhjä."))
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
            raise InvalidInput("file", _l("Sarake ”%(column)s” on otsikkorivillä kahdesti.", column=cell.strip()))
        else:
            found[key] = index
    missing = [COLUMNS[key][0] for key in REQUIRED if key not in found]
    if missing:
        message = _l(
            "Sarakkeet puuttuvat: %(columns)s. Ensimmäisellä rivillä on oltava sarakkeiden nimet "
            "ja sarakkeet erotettuna puolipisteellä tai pilkulla.",
            columns=", ".join(missing),
        )
        raise InvalidInput("file", message)
    return found, [cell for cell in ignored if cell]


def parse_weekday(text: str) -> int:
    day = _DAYS.get(text.lower().rstrip("."))
    if day is None:
        raise InvalidInput("weekday", _l("Kirjoita viikonpäivä: ma, ti, ke, to, pe, la tai su."))
    return day


def parse_time(text: str) -> time:
    match = _TIME.fullmatch(text)
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise InvalidInput("time", _l("Kirjoita kellonaika muodossa TT:MM, esimerkiksi 18:00."))
    return time(int(match[1]), int(match[2]))


def parse_yes_no(text: str) -> bool:
    if text.lower() not in _YES | _NO:
        raise InvalidInput("accepts_cards", _l("Kirjoita kyllä tai ei."))
    return text.lower() in _YES


def parse_card_cap(text: str) -> int | None:
    if not text:
        return None
    if not _NUMBER.fullmatch(text):
        raise InvalidInput("card_cap", _l("Kirjoita luku 0–%(max)s tai jätä tyhjäksi.", max=MAX_CARD_CAP))
    check_card_cap(int(text))
    return int(text)


def parse_emails(text: str) -> list[str]:
    """Lower-case addresses separated by commas, semicolons or spaces, each once, in the file's order."""
    emails = [email for email in dict.fromkeys(re.split(r"[\s,;]+", text.lower())) if email]
    for email in emails:
        try:
            valid_email(email)
        except InvalidInput:
            raise InvalidInput("instructors", _l("Virheellinen sähköpostiosoite: %(email)s.", email=email)) from None
    return emails
