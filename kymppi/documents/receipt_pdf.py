"""The sales receipt (kuitti): what the buyer paid, by which method, under which number.

Written in the buyer's language, whoever prints it: the receipt is theirs.
"""

import io

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from kymppi.documents import fonts
from kymppi.domain.codes import format_card_number
from kymppi.formatting import date_text, euros
from kymppi.labels import PAYMENT_METHOD
from kymppi.models import Organization, Receipt

LEFT = 18 * mm


def receipt_pdf(receipt: Receipt, organization: Organization) -> bytes:
    fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A5, pageCompression=1)
    with force_locale(receipt.card.buyer.language.value):
        _draw_receipt(canvas, receipt, organization)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_receipt(canvas: Canvas, receipt: Receipt, organization: Organization) -> None:
    canvas.setTitle(_("Kuitti %(number)s", number=receipt.label))
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
    canvas.drawString(LEFT, y, _("Kuitti"))
    y = _rows(canvas, y - 10 * mm, _details(receipt))
    card = receipt.card
    canvas.setFont(fonts.BOLD, 10)
    canvas.drawString(
        LEFT,
        y - 8 * mm,
        _("%(card_type)s, kortti %(number)s", card_type=card.card_type.name, number=format_card_number(card.number)),
    )
    canvas.drawRightString(width - LEFT, y - 8 * mm, euros(receipt.amount_cents))
    canvas.setFont(fonts.REGULAR, 9)
    canvas.drawString(
        LEFT,
        y - 13 * mm,
        ngettext(
            "%(num)s käynti, voimassa %(start)s–%(end)s",
            "%(num)s käyntiä, voimassa %(start)s–%(end)s",
            card.visits_total,
            start=date_text(card.valid_from),
            end=date_text(card.valid_until),
        ),
    )
    canvas.line(LEFT, y - 17 * mm, width - LEFT, y - 17 * mm)
    canvas.setFont(fonts.BOLD, 11)
    canvas.drawString(LEFT, y - 23 * mm, _("Yhteensä"))
    canvas.drawRightString(width - LEFT, y - 23 * mm, euros(receipt.amount_cents))
    canvas.setFont(fonts.REGULAR, 8)
    # Education services are exempt from VAT under the Finnish VAT Act, section 39.
    canvas.drawString(LEFT, y - 31 * mm, _("ALV 0 %. Koulutuspalvelu on arvonlisäverolain 39 §:n mukaan veroton."))


def _organization_lines(organization: Organization) -> list[str]:
    lines = [organization.address, organization.email, organization.phone]
    if organization.business_id:
        lines.append(_("Y-tunnus %(business_id)s", business_id=organization.business_id))
    return [line for line in lines if line]


def _details(receipt: Receipt) -> list[tuple[str, str]]:
    card = receipt.card
    payment = str(PAYMENT_METHOD[card.payment_method])
    if card.payment_reference:
        payment = _("%(method)s, viite %(reference)s", method=payment, reference=card.payment_reference)
    return [
        (_("Kuitin numero"), receipt.label),
        (_("Päivämäärä"), date_text(receipt.issued_at)),
        (_("Ostaja"), card.buyer.name),
        (_("Maksutapa"), payment),
    ]


def _rows(canvas: Canvas, y: float, rows: list[tuple[str, str]]) -> float:
    for label, value in rows:
        canvas.setFont(fonts.REGULAR, 9)
        canvas.drawString(LEFT, y, label)
        canvas.setFont(fonts.BOLD, 9)
        canvas.drawString(LEFT + 35 * mm, y, value)
        y -= 6 * mm
    return y
