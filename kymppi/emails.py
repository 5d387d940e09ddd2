"""The messages Kymppi sends, composed as EmailMessage objects ready for kymppi.mail.send."""

from email.message import EmailMessage
from email.utils import formataddr

from kymppi.documents.card_pdf import CardFace, card_pdf
from kymppi.domain.codes import card_url, format_card_number
from kymppi.formatting import date_text
from kymppi.models import Card, Organization


def card_message(card: Card, organization: Organization, base_url: str) -> EmailMessage:
    """The card to the buyer: its link in the body, the printable card attached."""
    if not card.buyer.email:
        raise ValueError("the buyer has no email address")
    number = format_card_number(card.number)
    message = EmailMessage()
    message["To"] = formataddr((card.buyer.name, card.buyer.email))
    message["Subject"] = f"Kymppikorttisi {number} – {organization.name}"
    link = card_url(base_url, card.secret)
    message.set_content(
        f"Hei {card.buyer.name.split()[0]},\n\n"
        f"tässä kymppikorttisi {number}. Kortilla on {card.visits_left} käyntiä, ja se on voimassa "
        f"{date_text(card.valid_from)}–{date_text(card.valid_until)}.\n\n"
        f"Avaa kortti puhelimella tästä linkistä ja näytä sen QR-koodi ohjaajalle kurssilla:\n{link}\n\n"
        "Linkki on henkilökohtainen: älä jaa sitä. Liitteenä on kortti tulostettavana.\n\n"
        f"Ystävällisin terveisin\n{organization.signature}\n"
    )
    message.add_attachment(
        card_pdf(CardFace.of(card, organization.name, base_url)),
        maintype="application",
        subtype="pdf",
        filename=f"kymppikortti-{number}.pdf",
    )
    return message
