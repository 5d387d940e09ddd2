"""The kymppikortti itself: credit-card size, and an A4 sheet of them with cut marks.

Each card is printed in its buyer's language, whoever prints it: a sheet may
hold a Swedish card beside a Finnish one.
"""

import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flask_babel import force_locale
from flask_babel import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kymppi.documents import fonts
from kymppi.documents.qr import draw_qr
from kymppi.domain.codes import card_url, format_card_number
from kymppi.formatting import date_text
from kymppi.models import Card, Language

WIDTH, HEIGHT = 85.6 * mm, 54 * mm  # ISO/IEC 7810 ID-1, a bank card
MARGIN = 3 * mm
# About 10:1 reading distance to code size is what phone cameras manage: 30 cm → 30 mm.
QR_SIZE = 31 * mm
STAMP_BOXES = 10
SHEET_COLUMNS, SHEET_ROWS = 2, 5
CUT_MARK = 4 * mm


@dataclass(frozen=True)
class CardFace:
    """What is printed on a card, independent of the database."""

    opisto: str
    holder: str
    number: str
    valid_from: date
    valid_until: date
    url: str
    # Stamp boxes: a replacement card carries only the visits that were left.
    visits: int = STAMP_BOXES
    language: Language = Language.FI

    @classmethod
    def of(cls, card: Card, opisto: str, base_url: str) -> "CardFace":
        url = card_url(base_url, card.secret)
        boxes = min(card.visits_left, STAMP_BOXES)
        buyer = card.buyer
        return cls(opisto, buyer.name, card.number, card.valid_from, card.valid_until, url, boxes, buyer.language)


def card_pdf(face: CardFace) -> bytes:
    """One card on a page of exactly its own size, for a card printer or a PDF to email."""
    buffer = io.BytesIO()
    with force_locale(face.language.value):
        canvas = _canvas(buffer, (WIDTH, HEIGHT), _("Kymppikortti %(number)s", number=format_card_number(face.number)))
        draw_card(canvas, face, 0, 0)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def card_sheet_pdf(faces: Sequence[CardFace]) -> bytes:
    """Ten cards to an A4 page with cut marks at every card corner, for an office printer."""
    buffer = io.BytesIO()
    canvas = _canvas(buffer, A4, _("Kymppikortit"))
    left = (A4[0] - SHEET_COLUMNS * WIDTH) / 2
    bottom = (A4[1] - SHEET_ROWS * HEIGHT) / 2
    per_page = SHEET_COLUMNS * SHEET_ROWS
    for page_start in range(0, len(faces), per_page):
        for slot, face in enumerate(faces[page_start : page_start + per_page]):
            column, row = slot % SHEET_COLUMNS, slot // SHEET_COLUMNS
            with force_locale(face.language.value):
                draw_card(canvas, face, left + column * WIDTH, bottom + (SHEET_ROWS - 1 - row) * HEIGHT)
        _cut_marks(canvas, left, bottom)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def draw_card(canvas: Canvas, face: CardFace, x: float, y: float) -> None:
    """One card's face, in the language the caller forced (its buyer's)."""
    top = y + HEIGHT - MARGIN
    canvas.setFont(fonts.BOLD, 9)
    canvas.drawString(x + MARGIN, top - 8, _("Kymppikortti"))
    fonts.fit(canvas, face.opisto, fonts.REGULAR, 6.5, WIDTH / 2)
    canvas.drawRightString(x + WIDTH - MARGIN, top - 7.5, face.opisto)
    qr_bottom = y + MARGIN + 10 * mm
    draw_qr(canvas, face.url, x + MARGIN - 1.5 * mm, qr_bottom, QR_SIZE)
    text_x = x + MARGIN + QR_SIZE
    fonts.fit(canvas, face.holder, fonts.BOLD, 8, x + WIDTH - MARGIN - text_x)
    canvas.drawString(text_x, qr_bottom + QR_SIZE - 8 * mm, face.holder)
    canvas.setFont(fonts.REGULAR, 7)
    number = _("Kortti %(number)s", number=format_card_number(face.number))
    canvas.drawString(text_x, qr_bottom + QR_SIZE - 13 * mm, number)
    validity = _("Voimassa %(start)s–%(end)s", start=date_text(face.valid_from), end=date_text(face.valid_until))
    canvas.drawString(text_x, qr_bottom + QR_SIZE - 17 * mm, validity)
    canvas.setFont(fonts.REGULAR, 5.5)
    canvas.drawString(text_x, qr_bottom + 2 * mm, _("Näytä QR-koodi ohjaajalle tai avaa se puhelimella."))
    _stamp_boxes(canvas, x + MARGIN, y + MARGIN, WIDTH - 2 * MARGIN, face.visits)


def _stamp_boxes(canvas: Canvas, x: float, y: float, width: float, count: int) -> None:
    """Numbered boxes, one per visit left (ten on a new card): the paper fallback when
    no device works at the door. They keep a new card's size, so fewer boxes leave a gap."""
    gap = 1 * mm
    side = (width - (STAMP_BOXES - 1) * gap) / STAMP_BOXES
    box_height = 8 * mm
    canvas.setLineWidth(0.5)
    canvas.setFont(fonts.REGULAR, 5)
    for index in range(count):
        left = x + index * (side + gap)
        canvas.rect(left, y, side, box_height, stroke=1, fill=0)
        canvas.drawString(left + 0.8 * mm, y + box_height - 2.2 * mm, str(index + 1))


def _cut_marks(canvas: Canvas, left: float, bottom: float) -> None:
    """Short lines outside the grid on every column and row boundary, not over the cards."""
    canvas.setLineWidth(0.3)
    right, top = left + SHEET_COLUMNS * WIDTH, bottom + SHEET_ROWS * HEIGHT
    for column in range(SHEET_COLUMNS + 1):
        x = left + column * WIDTH
        canvas.line(x, top + 1 * mm, x, top + 1 * mm + CUT_MARK)
        canvas.line(x, bottom - 1 * mm, x, bottom - 1 * mm - CUT_MARK)
    for row in range(SHEET_ROWS + 1):
        y = bottom + row * HEIGHT
        canvas.line(left - 1 * mm, y, left - 1 * mm - CUT_MARK, y)
        canvas.line(right + 1 * mm, y, right + 1 * mm + CUT_MARK, y)


def _canvas(buffer: io.BytesIO, size: tuple[float, float], title: str) -> Canvas:
    fonts.register()
    canvas = Canvas(buffer, pagesize=size, pageCompression=1)
    canvas.setTitle(title)
    canvas.setAuthor("Kymppi")
    return canvas
