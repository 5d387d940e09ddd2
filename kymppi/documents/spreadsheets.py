"""Tables as files the office opens in Excel: CSV the Finnish way, and XLSX.

Finnish Excel reads a CSV right only when it is UTF-8 *with* a BOM (else "ä"
turns into "Ã¤"), separated by semicolons (the comma is the decimal mark) and
with dates as 22.11.2026. `FinnishExcel` is that dialect; anyone reading the
file back with the csv module uses the same one. Excel reads dates and sums
by the computer's regional settings, which are the opisto's, not by the
language a staff member reads Kymppi in: so the headers, the sheet name and
"yes"/"no" are in the reader's language, but dates and euros stay Finnish.

A cell that starts with = + - @ would run as a formula when opened ("CSV
injection"): names and free text come from the public, so such text is kept
as text — an apostrophe in front in the CSV, a string cell in the XLSX.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from flask_babel import LazyString
from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kymppi.domain.clock import HELSINKI

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_COLUMN_WIDTH = 60


class FinnishExcel(csv.excel):
    delimiter = ";"


@dataclass(frozen=True)
class Money:
    """Integer cents in a cell: "50,00" in the CSV, a number formatted as euros in the XLSX."""

    cents: int


# A header or label may come as a lazy text: it is written out as a str, which openpyxl insists on.
Text = str | LazyString
Cell = Text | int | bool | date | datetime | Money | None


def _text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("kyllä") if value else _("ei")
    if isinstance(value, datetime):
        local = value.astimezone(HELSINKI)
        return f"{_excel_date(local)} {local:%H:%M}"
    if isinstance(value, date):
        return _excel_date(value)
    if isinstance(value, Money):
        whole, part = divmod(abs(value.cents), 100)
        return f"{'-' if value.cents < 0 else ''}{whole},{part:02d}"
    if isinstance(value, int):
        return str(value)
    return _defused(str(value))


def _excel_date(day: date) -> str:
    """22.11.2026, whatever the reader's language: the way Finnish Excel recognises a date."""
    return f"{day.day}.{day.month}.{day.year}"


def _defused(text: str) -> str:
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(header: Sequence[Text], rows: Iterable[Sequence[Cell]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, dialect=FinnishExcel)
    writer.writerow([str(name) for name in header])
    writer.writerows([_text(value) for value in row] for row in rows)
    return (BOM + out.getvalue()).encode("utf-8")


def xlsx_bytes(title: Text, header: Sequence[Text], rows: Iterable[Sequence[Cell]]) -> bytes:
    """One sheet: a bold, frozen header row with a filter, and columns as wide as their contents."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(title)[:31]  # Excel's limit for a sheet name
    names = [str(name) for name in header]  # openpyxl takes no lazy texts
    widths = [len(name) for name in names]
    sheet.append(names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column)
            _put(cell, value)
            widths[column - 1] = max(widths[column - 1], len(_text(value)))
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, MAX_COLUMN_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _put(cell, value: Cell) -> None:
    if isinstance(value, datetime):
        cell.value = value.astimezone(HELSINKI).replace(tzinfo=None)
        cell.number_format = "d.m.yyyy h:mm"
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = "d.m.yyyy"
    elif isinstance(value, Money):
        cell.value = Decimal(value.cents) / 100
        cell.number_format = '#,##0.00 "€"'
    elif isinstance(value, bool) or value is None:
        cell.value = _text(value)
    elif isinstance(value, int):
        cell.value = value
    else:
        # Assigned as a string cell: openpyxl would otherwise store "=…" as a formula.
        cell.value = str(value)
        cell.data_type = "s"
