"""The two reminder emails `kymppi remind` sends, in the buyer's own language.

Each says what the card holds, links to the card page (where its QR is shown)
and tells how to stop the reminders, so a buyer never has to reply to get rid
of them. A command sends them, with no request to take a language from: each
message is written inside `force_locale` of its buyer.
"""

from collections.abc import Callable
from email.message import EmailMessage
from email.utils import formataddr

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from kymppi.domain.codes import card_url, format_card_number
from kymppi.formatting import date_text
from kymppi.models import Card, Organization


def low_visits_message(card: Card, organization: Organization, base_url: str) -> EmailMessage:
    """Two visits (or fewer) left: time to think about the next card."""
    return _message(card, organization, base_url, _low_visits)


def expiry_message(card: Card, organization: Organization, base_url: str) -> EmailMessage:
    """A week before the last valid day, while visits are still unused."""
    return _message(card, organization, base_url, _expiry)


def _low_visits(card: Card, opisto: str) -> tuple[str, str]:
    """A card that jumped past two may have one left: the counts are plural-aware."""
    left = card.visits_left
    subject = ngettext(
        "Kymppikortillasi on %(num)s käynti jäljellä – %(opisto)s",
        "Kymppikortillasi on %(num)s käyntiä jäljellä – %(opisto)s",
        left,
        opisto=opisto,
    )
    sentence = ngettext(
        "kymppikortillasi %(number)s on enää %(num)s käynti jäljellä. Kortti on voimassa %(valid_until)s asti.",
        "kymppikortillasi %(number)s on enää %(num)s käyntiä jäljellä. Kortti on voimassa %(valid_until)s asti.",
        left,
        number=format_card_number(card.number),
        valid_until=date_text(card.valid_until),
    )
    return subject, sentence


def _expiry(card: Card, opisto: str) -> tuple[str, str]:
    valid_until = date_text(card.valid_until)
    subject = _("Kymppikorttisi vanhenee %(valid_until)s – %(opisto)s", valid_until=valid_until, opisto=opisto)
    sentence = ngettext(
        "kymppikorttisi %(number)s on voimassa %(valid_until)s asti, ja sillä on vielä %(num)s käynti "
        "käyttämättä. Käytä se ennen kuin kortti vanhenee.",
        "kymppikorttisi %(number)s on voimassa %(valid_until)s asti, ja sillä on vielä %(num)s käyntiä "
        "käyttämättä. Käytä ne ennen kuin kortti vanhenee.",
        card.visits_left,
        number=format_card_number(card.number),
        valid_until=valid_until,
    )
    return subject, sentence


def _message(
    card: Card, organization: Organization, base_url: str, texts: Callable[[Card, str], tuple[str, str]]
) -> EmailMessage:
    buyer = card.buyer
    if not buyer.email:
        raise ValueError("the buyer has no email address")
    with force_locale(buyer.language.value):
        subject, sentence = texts(card, organization.name)
        paragraphs = [
            _("Hei %(first_name)s,", first_name=(buyer.name.split() or [""])[0]),
            sentence,
            "\n".join((_("Kortin tiedot ja QR-koodi:"), card_url(base_url, card.secret))),
            _("Etkö halua näitä muistutuksia? Voit lopettaa ne kortin sivulla, yllä olevan linkin takana."),
            "\n".join((_("Ystävällisin terveisin"), organization.signature)),
        ]
    message = EmailMessage()
    message["To"] = formataddr((buyer.name, buyer.email))
    message["Subject"] = subject
    message.set_content("\n\n".join(paragraphs) + "\n")
    return message
