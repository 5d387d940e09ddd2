"""The messages Kymppi sends, composed as EmailMessage objects ready for kymppi.mail.send."""

from email.message import EmailMessage
from email.utils import formataddr

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from kymppi.documents.card_pdf import CardFace, card_pdf
from kymppi.domain.codes import card_url, format_card_number
from kymppi.formatting import date_text
from kymppi.models import Card, Organization


def card_message(card: Card, organization: Organization, base_url: str) -> EmailMessage:
    """The card to the buyer: its link in the body, the printable card attached.

    In the buyer's language, though a secretary with a language of their own sends it.
    """
    buyer = card.buyer
    if not buyer.email:
        raise ValueError("the buyer has no email address")
    number = format_card_number(card.number)
    link = card_url(base_url, card.secret)
    with force_locale(buyer.language.value):
        subject = _("Kymppikorttisi %(number)s – %(opisto)s", number=number, opisto=organization.name)
        paragraphs = [
            _("Hei %(first_name)s,", first_name=buyer.name.split()[0]),
            ngettext(
                "tässä kymppikorttisi %(number)s. Kortilla on %(num)s käynti, ja se on voimassa %(start)s–%(end)s.",
                "tässä kymppikorttisi %(number)s. Kortilla on %(num)s käyntiä, ja se on voimassa %(start)s–%(end)s.",
                card.visits_left,
                number=number,
                start=date_text(card.valid_from),
                end=date_text(card.valid_until),
            ),
            "\n".join((_("Avaa kortti puhelimella tästä linkistä ja näytä sen QR-koodi ohjaajalle kurssilla:"), link)),
            _("Linkki on henkilökohtainen: älä jaa sitä. Liitteenä on kortti tulostettavana."),
            "\n".join((_("Ystävällisin terveisin"), organization.signature)),
        ]
        filename = _("kymppikortti-%(number)s.pdf", number=number)
    message = EmailMessage()
    message["To"] = formataddr((buyer.name, buyer.email))
    message["Subject"] = subject
    message.set_content("\n\n".join(paragraphs) + "\n")
    message.add_attachment(
        card_pdf(CardFace.of(card, organization.name, base_url)),
        maintype="application",
        subtype="pdf",
        filename=filename,
    )
    return message
