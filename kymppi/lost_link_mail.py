"""The "Lost your link?" message: every live card of one address with its link, in the buyer's language."""

from email.message import EmailMessage

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from kymppi.domain.codes import card_url, format_card_number
from kymppi.formatting import date_text
from kymppi.models import Card, CardStatus, Organization


def card_links_message(cards: list[Card], organization: Organization, base_url: str) -> EmailMessage:
    """One message for all of them, to the address on file, in the first buyer's language:
    buyers sharing an address (a family) share an inbox too. Nobody's request decides the
    language: the message is composed after the visitor was answered."""
    with force_locale(cards[0].buyer.language.value):
        subject = ngettext("Linkki kymppikorttiisi", "Linkit kymppikortteihisi", len(cards))
        paragraphs = [
            _("Hei,"),
            _("pyysit linkkiä kymppikorttiisi. Tähän sähköpostiosoitteeseen on rekisteröity:"),
            *(_card_lines(card, base_url) for card in cards),
            _(
                "Avaa kortti puhelimella linkistä ja näytä sen QR-koodi ohjaajalle. "
                "Linkki on henkilökohtainen: älä jaa sitä."
            ),
            _("Jos et pyytänyt tätä viestiä, voit jättää sen huomiotta."),
            "\n".join((_("Ystävällisin terveisin"), organization.signature)),
        ]
    message = EmailMessage()
    message["To"] = cards[0].buyer.email
    message["Subject"] = f"{subject} – {organization.name}"
    message.set_content("\n\n".join(paragraphs) + "\n")
    return message


def _card_lines(card: Card, base_url: str) -> str:
    visits = ngettext("%(num)s käynti jäljellä", "%(num)s käyntiä jäljellä", card.visits_left)
    lines = [
        _(
            "Kortti %(number)s: %(visits)s, voimassa %(until)s asti",
            number=format_card_number(card.number),
            visits=visits,
            until=date_text(card.valid_until),
        )
    ]
    if card.status is CardStatus.SUSPENDED:
        lines.append(_("Kortti on keskeytetty; opisto kertoo, milloin sitä voi taas käyttää."))
    lines.append(card_url(base_url, card.secret))
    return "\n".join(lines)
