"""The sales receipt (kuitti): what the buyer paid, by which method, under which number."""

import io

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kymppi.documents import fonts
from kymppi.domain.codes import format_card_number
from kymppi.formatting import date_text, euros
from kymppi.labels import PAYMENT_METHOD
from kymppi.models import Organization, Receipt

# Education services are exempt from VAT under the Finnish VAT Act, section 39.
VAT_NOTE = "ALV 0 %. Koulutuspalvelu on arvonlisäverolain 39 §:n mukaan veroton."
LEFT = 18 * mm


def receipt_pdf(receipt: Receipt, organization: Organization) -> bytes:
    fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5, pageCompression=1)
    canvas.setTitle(f"Kuitti {receipt.label}")
    canvas.setAuthor(organization.name)
    width, height = A5
    y = height - 20 * mm
    canvas.setFont(fonts.BOLD, 13)
    canvas.drawString(LEFT, y, organization.name)
    canvas.setFont(fonts.REGULAR, 9)
    for line in _organization_lines(organization):
        y -= 5 * mm
        canvas.drawString(LEFT, y, line)
    y -= 14 * mm
    canvas.setFont(fonts.BOLD, 16)
    canvas.drawString(LEFT, y, "Kuitti")
    y = _rows(canvas, y - 10 * mm, _details(receipt))
    card = receipt.card
    canvas.setFont(fonts.BOLD, 10)
    canvas.drawString(LEFT, y - 8 * mm, f"{card.card_type.name}, kortti {format_card_number(card.number)}")
    canvas.drawRightString(width - LEFT, y - 8 * mm, euros(receipt.amount_cents))
    canvas.setFont(fonts.REGULAR, 9)
    canvas.drawString(
        LEFT,
        y - 13 * mm,
        f"{card.visits_total} käyntiä, voimassa {date_text(card.valid_from)}–{date_text(card.valid_until)}",
    )
    canvas.line(LEFT, y - 17 * mm, width - LEFT, y - 17 * mm)
    canvas.setFont(fonts.BOLD, 11)
    canvas.drawString(LEFT, y - 23 * mm, "Yhteensä")
    canvas.drawRightString(width - LEFT, y - 23 * mm, euros(receipt.amount_cents))
    canvas.setFont(fonts.REGULAR, 8)
    canvas.drawString(LEFT, y - 31 * mm, VAT_NOTE)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _organization_lines(organization: Organization) -> list[str]:
    lines = [organization.address, organization.email, organization.phone]
    if organization.business_id:
        lines.append(f"Y-tunnus {organization.business_id}")
    return [line for line in lines if line]


def _details(receipt: Receipt) -> list[tuple[str, str]]:
    card = receipt.card
    payment = PAYMENT_METHOD[card.payment_method]
    if card.payment_reference:
        payment = f"{payment}, viite {card.payment_reference}"
    return [
        ("Kuitin numero", receipt.label),
        ("Päivämäärä", date_text(receipt.issued_at)),
        ("Ostaja", card.buyer.name),
        ("Maksutapa", payment),
    ]


def _rows(canvas: Canvas, y: float, rows: list[tuple[str, str]]) -> float:
    for label, value in rows:
        canvas.setFont(fonts.REGULAR, 9)
        canvas.drawString(LEFT, y, label)
        canvas.setFont(fonts.BOLD, 9)
        canvas.drawString(LEFT + 35 * mm, y, value)
        y -= 6 * mm
    return y
