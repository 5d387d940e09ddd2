"""The two reminder emails `kymppi remind` sends, in the buyer's own language.

Each says what the card holds, links to the card page (where its QR is shown)
and tells how to stop the reminders, so a buyer never has to reply to get rid
of them.
"""

from email.message import EmailMessage
from email.utils import formataddr

from kymppi.domain.codes import card_url, format_card_number
from kymppi.formatting import written_date
from kymppi.models import Card, Language, Organization

LOW_VISITS = {
    Language.FI: (
        "Kymppikortillasi on {visits} jäljellä – {opisto}",
        "kymppikortillasi {number} on enää {visits} jäljellä. Kortti on voimassa {valid_until} asti.",
    ),
    Language.SV: (
        "Ditt tiokort har {visits} kvar – {opisto}",
        "ditt tiokort {number} har bara {visits} kvar. Kortet gäller till och med {valid_until}.",
    ),
    Language.EN: (
        "Your ten-visit card has {visits} left – {opisto}",
        "your ten-visit card {number} has only {visits} left. The card is valid until {valid_until}.",
    ),
}

EXPIRY = {
    Language.FI: (
        "Kymppikorttisi vanhenee {valid_until} – {opisto}",
        "kymppikorttisi {number} on voimassa {valid_until} asti, ja sillä on vielä {visits} käyttämättä. "
        "Käytä ne ennen kuin kortti vanhenee.",
    ),
    Language.SV: (
        "Ditt tiokort går ut {valid_until} – {opisto}",
        "ditt tiokort {number} gäller till och med {valid_until} och har ännu {visits} oanvända. "
        "Använd dem innan kortet går ut.",
    ),
    Language.EN: (
        "Your ten-visit card expires on {valid_until} – {opisto}",
        "your ten-visit card {number} is valid until {valid_until} and still has {visits} unused. "
        "Use them before the card expires.",
    ),
}

FRAME = {
    Language.FI: (
        "Hei {first_name},",
        "Kortin tiedot ja QR-koodi:",
        "Etkö halua näitä muistutuksia? Voit lopettaa ne kortin sivulla, yllä olevan linkin takana.",
        "Ystävällisin terveisin",
    ),
    Language.SV: (
        "Hej {first_name},",
        "Kortets uppgifter och QR-kod:",
        "Vill du inte få de här påminnelserna? Du kan stänga av dem på kortets sida, bakom länken ovan.",
        "Med vänliga hälsningar",
    ),
    Language.EN: (
        "Hello {first_name},",
        "Your card and its QR code:",
        "Don't want these reminders? You can turn them off on the card's page, behind the link above.",
        "Kind regards",
    ),
}


def low_visits_message(card: Card, organization: Organization, base_url: str) -> EmailMessage:
    """Two visits (or fewer) left: time to think about the next card."""
    return _message(card, organization, base_url, LOW_VISITS)


def expiry_message(card: Card, organization: Organization, base_url: str) -> EmailMessage:
    """A week before the last valid day, while visits are still unused."""
    return _message(card, organization, base_url, EXPIRY)


def _message(card: Card, organization: Organization, base_url: str, texts: dict) -> EmailMessage:
    buyer = card.buyer
    if not buyer.email:
        raise ValueError("the buyer has no email address")
    language = buyer.language
    subject, sentence = texts[language]
    greeting, link_label, opt_out, regards = FRAME[language]
    values = {
        "opisto": organization.name,
        "number": format_card_number(card.number),
        "visits": visits(card.visits_left, language),
        "valid_until": written_date(card.valid_until, language),
        "first_name": (buyer.name.split() or [""])[0],
    }
    message = EmailMessage()
    message["To"] = formataddr((buyer.name, buyer.email))
    message["Subject"] = subject.format(**values)
    message.set_content(
        f"{greeting.format(**values)}\n\n{sentence.format(**values)}\n\n"
        f"{link_label}\n{card_url(base_url, card.secret)}\n\n{opt_out}\n\n"
        f"{regards}\n{organization.signature}\n"
    )
    return message


def visits(count: int, language: Language) -> str:
    """ "2 käyntiä", "1 käynti": a card that jumped past two may have one left."""
    words = {Language.FI: ("käynti", "käyntiä"), Language.SV: ("besök", "besök"), Language.EN: ("visit", "visits")}
    singular, plural = words[language]
    return f"{count} {singular if count == 1 else plural}"
