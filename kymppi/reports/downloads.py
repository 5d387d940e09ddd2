"""Report tables sent as CSV or XLSX downloads, named after the report and its period."""

from collections.abc import Iterable, Sequence

from flask import Response

from kymppi.documents.spreadsheets import Cell, Text, csv_bytes, xlsx_bytes
from kymppi.domain.periods import Period

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def filename(report: str, period: Period, extension: str) -> str:
    """ "ostajat-2026-08-24-2026-12-13.csv": ASCII, so every browser and mail client keeps it."""
    return f"{report}-{period.starts_on.isoformat()}-{period.ends_on.isoformat()}.{extension}"


def csv_download(name: str, header: Sequence[Text], rows: Iterable[Sequence[Cell]]) -> Response:
    return _attachment(csv_bytes(header, rows), "text/csv; charset=utf-8", name)


def xlsx_download(name: str, title: Text, header: Sequence[Text], rows: Iterable[Sequence[Cell]]) -> Response:
    return _attachment(xlsx_bytes(title, header, rows), XLSX_TYPE, name)


def _attachment(body: bytes, mimetype: str, name: str) -> Response:
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})
