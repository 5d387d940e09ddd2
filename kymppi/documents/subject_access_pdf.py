"""A buyer's data (kymppi.domain.subject_access) as an A4 PDF: the copy of an access request for a person.

The same data as the JSON, with labels, codes and values written out in the
buyer's own language, whoever prints it: the answer is theirs, like the
receipt. Built with platypus so a long visit history flows on to the next
page with its table header repeated.
"""

import io
from collections.abc import Iterable
from datetime import date
from xml.sax.saxutils import escape

from flask_babel import force_locale, pgettext
from flask_babel import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Table, TableStyle

from kymppi.documents import fonts
from kymppi.documents.pages import MARGIN, numbered_footer
from kymppi.domain.codes import format_card_number
from kymppi.domain.outcomes import CheckInOutcome
from kymppi.domain.subject_access import Data
from kymppi.formatting import date_text, datetime_text, euros
from kymppi.labels import BUY_AGAIN, CARD_STATUS, LANGUAGE, PAYMENT_METHOD, REFUSAL_REASON
from kymppi.models import BuyAgain, CardStatus, Language, Organization, PaymentMethod

FRAME_WIDTH = A4[0] - 2 * MARGIN
LABEL_WIDTH = 48 * mm
LINE = colors.HexColor("#ccd3db")
HEADER_FILL = colors.HexColor("#f4f6f8")
MUTED = colors.HexColor("#555555")

TITLE = ParagraphStyle("title", fontName=fonts.BOLD, fontSize=17, leading=21, spaceAfter=2 * mm)
SUBTITLE = ParagraphStyle("subtitle", fontName=fonts.REGULAR, fontSize=11, leading=14, spaceAfter=2 * mm)
# Headings keep with what follows them, so none ends a page alone.
HEADING = ParagraphStyle(
    "heading", fontName=fonts.BOLD, fontSize=13, leading=16, spaceBefore=6 * mm, spaceAfter=2 * mm, keepWithNext=1
)
SUBHEADING = ParagraphStyle(
    "subheading",
    fontName=fonts.BOLD,
    fontSize=10.5,
    leading=13,
    spaceBefore=4 * mm,
    spaceAfter=1.5 * mm,
    keepWithNext=1,
)
CELL = ParagraphStyle("cell", fontName=fonts.REGULAR, fontSize=8.5, leading=10.5)
HEADER_CELL = ParagraphStyle("header_cell", parent=CELL, fontName=fonts.BOLD)
NOTE = ParagraphStyle("note", fontName=fonts.REGULAR, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=1 * mm)


def subject_access_pdf(data: Data, organization: Organization, *, made_on: date) -> bytes:
    fonts.register()
    with force_locale(data["buyer"]["language"]):
        return _document(data, organization, made_on)


def _document(data: Data, organization: Organization, made_on: date) -> bytes:
    title = _("Sinusta tallennetut tiedot")
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=organization.name,
        pageCompression=1,
    )
    numbers = {card["id"]: format_card_number(card["number"]) for card in data["cards"]}
    story = [
        _text(organization.name, TITLE),
        _text(title, SUBTITLE),
        _text(
            _(
                "Tehty %(day)s. Tässä ovat kaikki tiedot, jotka Kymppi-palveluun on tallennettu sinusta ja "
                "korteistasi (tietosuoja-asetuksen 15 artikla).",
                day=date_text(made_on),
            ),
            NOTE,
        ),
        *_person(data["buyer"]),
        _text(_("Kortit"), HEADING),
    ]
    for card in data["cards"]:
        story += _card(card)
    if not data["cards"]:
        story.append(_text(_("Ei kortteja."), NOTE))
    if data["visit_transfers"]:
        story += _transfers(data["visit_transfers"], numbers)
    if data["feedback"]:
        story.append(_text(_("Palautekyselyt"), HEADING))
        for invitation in data["feedback"]:
            story += _invitation(invitation)
    story += _audit_events(data["audit_events"], numbers)

    footer = numbered_footer(f"{organization.name} – {title}")
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


def _person(buyer: Data) -> list[Flowable]:
    story = [_text(_("Henkilötiedot"), HEADING)]
    if buyer["anonymized_at"]:
        story.append(
            _text(
                _(
                    "Ostajan henkilötiedot poistettiin %(day)s. Kortit ovat tallessa tilastoja varten.",
                    day=date_text(buyer["anonymized_at"]),
                ),
                NOTE,
            )
        )
    rows = [
        (_("Nimi"), buyer["name"]),
        (_("Sähköposti"), buyer["email"]),
        (_("Puhelin"), buyer["phone"]),
        (_("Asiointikieli"), str(LANGUAGE[Language(buyer["language"])])),
        (_("Kotikunta"), buyer["municipality"]),
        (_("Uusi asiakas"), _yes_no(buyer["new_customer"])),
        (_("Palautelupa"), _yes_no(buyer["feedback_consent"])),
        (_("Muistutukset"), _yes_no(buyer["reminders"])),
        (_("Lisätty"), date_text(buyer["created_at"])),
    ]
    return [*story, _facts(rows)]


def _card(card: Data) -> list[Flowable]:
    status = str(CARD_STATUS[CardStatus(card["status"])])
    if card["status_reason"]:
        status = f"{status}: {card['status_reason']}"
    payment = str(PAYMENT_METHOD[PaymentMethod(card["payment_method"])])
    if card["payment_reference"]:
        payment = _("%(method)s, viite %(reference)s", method=payment, reference=card["payment_reference"])
    rows = [
        (_("Korttityyppi"), card["card_type"]),
        (_("Tila"), status),
        (_("Käyntejä jäljellä"), f"{card['visits_total'] - card['visits_used']} / {card['visits_total']}"),
        (_("Voimassa"), f"{date_text(card['valid_from'])}–{date_text(card['valid_until'])}"),
        (_("Keskeytetty"), date_text(card["suspended_on"])),
        (_("Myyty"), datetime_text(card["sold_at"])),
        (_("Hinta"), euros(card["price_cents"])),
        (_("Hyvitetty"), euros(card["refunded_cents"])),
        (_("Maksutapa"), payment),
        (_("Kuitin numero"), card["receipt"] and card["receipt"]["number"]),
        (_("Korvaava kortti"), card["replaced_by"] and format_card_number(card["replaced_by"])),
        (_("Muistutus vähistä käynneistä lähetetty"), datetime_text(card["low_visits_reminded_at"])),
        (_("Muistutus voimassaolon päättymisestä lähetetty"), datetime_text(card["expiry_reminded_at"])),
    ]
    story = [
        _text(_("Kortti %(number)s", number=format_card_number(card["number"])), SUBHEADING),
        _facts([(label, value) for label, value in rows if value]),
        _text(_("Käynnit"), SUBHEADING),
    ]
    if card["check_ins"]:
        story.append(_visits(card["check_ins"]))
    else:
        story.append(_text(_("Ei käyntejä."), NOTE))
    if card["refused_scans"]:
        story += [_text(_("Hylätyt leimaukset"), SUBHEADING), _refusals(card["refused_scans"])]
    return story


def _visits(check_ins: list[Data]) -> Table:
    rows = [
        (
            date_text(check["session_date"]),
            check["course"],
            datetime_text(check["checked_in_at"]),
            ": ".join(filter(None, (date_text(check["undone_at"]), check["undo_reason"]))),
        )
        for check in check_ins
    ]
    header = (_("Kurssikerta"), _("Kurssi"), _("Leimattu"), pgettext("visit undone", "Peruttu"))
    return _table(header, rows, [24 * mm, None, 30 * mm, 55 * mm])


def _refusals(scans: list[Data]) -> Table:
    rows = [
        (date_text(scan["session_date"]), scan["course"], str(REFUSAL_REASON[CheckInOutcome(scan["outcome"])]))
        for scan in scans
    ]
    return _table((_("Kurssikerta"), _("Kurssi"), _("Syy")), rows, [24 * mm, None, 55 * mm])


def _transfers(transfers: list[Data], numbers: dict[int, str]) -> list[Flowable]:
    """The other card of a transfer may be somebody else's: it is named only when it is the buyer's own."""
    other = _("toinen kortti")
    rows = [
        (
            date_text(transfer["transferred_at"]),
            str(transfer["visits"]),
            numbers.get(transfer["from_card_id"], other),
            numbers.get(transfer["to_card_id"], other),
            transfer["reason"],
        )
        for transfer in transfers
    ]
    header = (_("Päivä"), _("Käynnit"), _("Kortilta"), _("Kortille"), _("Syy"))
    return [
        _text(_("Käyntien siirrot"), HEADING),
        _table(header, rows, [24 * mm, 18 * mm, 30 * mm, 30 * mm, None]),
    ]


def _invitation(invitation: Data) -> list[Flowable]:
    first, last = date_text(invitation["period_starts_on"]), date_text(invitation["period_ends_on"])
    buy_again = invitation["buy_again"]
    rows = [
        (_("Lähetetty"), datetime_text(invitation["sent_at"])),
        (_("Vastattu"), datetime_text(invitation["answered_at"])),
        (_("Arvosana"), invitation["rating"] and str(invitation["rating"])),
        (_("Mikä oli hyvää"), invitation["good"]),
        (_("Mitä parantaa"), invitation["improve"]),
        (_("Ostaisi uudelleen"), buy_again and str(BUY_AGAIN[BuyAgain(buy_again)])),
        (_("Kommentti"), invitation["comment"]),
        (_("Kurssit"), ", ".join(invitation["courses"])),
    ]
    facts = [(label, value) for label, value in rows if value]
    # An invitation not sent yet to a buyer with no visits in the period has no facts, and a table needs a row.
    return [
        _text(_("Palautekierros %(first)s–%(last)s", first=first, last=last), SUBHEADING),
        *([_facts(facts)] if facts else []),
    ]


def _audit_events(events: list[Data], numbers: dict[int, str]) -> list[Flowable]:
    rows = [
        (
            datetime_text(event["at"]),
            event["action"],
            numbers.get(event["card_id"], ""),
            ", ".join(f"{key}={value}" for key, value in {"by_user_id": event["by_user_id"], **event["ids"]}.items()),
        )
        for event in events
    ]
    header = (pgettext("moment", "Aika"), _("Tapahtuma"), _("Kortti"), _("Tunnisteet"))
    return [
        _text(_("Tapahtumaloki"), HEADING),
        _text(
            _(
                "Palvelun lokiin kirjatut muutokset korttiesi ja tietojesi käsittelyssä, tapahtumien teknisin nimin. "
                "Henkilökunta on merkitty käyttäjänumerollaan."
            ),
            NOTE,
        ),
        _table(header, rows, [30 * mm, 50 * mm, 26 * mm, None]) if rows else _text(_("Ei tapahtumia."), NOTE),
    ]


def _yes_no(value: bool) -> str:
    return _("kyllä") if value else _("ei")


def _text(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _facts(rows: Iterable[tuple[str, str | None]]) -> Table:
    """Label and value side by side; a long value (a survey answer) wraps inside its column."""
    cells = [[_text(label, CELL), _text(value or "", CELL)] for label, value in rows]
    table = Table(cells, colWidths=[LABEL_WIDTH, FRAME_WIDTH - LABEL_WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, LINE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _table(header: Iterable[str], rows: Iterable[Iterable[str]], widths: list[float | None]) -> Table:
    """A table filling the frame; the one column given no width takes what is left, and every cell wraps."""
    fixed = sum(width for width in widths if width is not None)
    widths = [FRAME_WIDTH - fixed if width is None else width for width in widths]
    cells = [[_text(text, HEADER_CELL) for text in header], *[[_text(text, CELL) for text in row] for row in rows]]
    table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, LINE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table
