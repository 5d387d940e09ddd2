"""The "Lost your link?" message: every live card of one address with its link, in the buyer's language."""

from dataclasses import dataclass
from email.message import EmailMessage

from kymppi.domain.codes import card_url, format_card_number
from kymppi.formatting import written_date
from kymppi.models import Card, CardStatus, Language, Organization


@dataclass(frozen=True)
class _Texts:
    subject: tuple[str, str]  # one card, several cards
    visits: tuple[str, str]  # one visit left, several (or none)
    greeting: str
    intro: str
    card: str
    suspended: str
    how_to: str
    ignore: str
    regards: str


TEXTS = {
    Language.FI: _Texts(
        subject=("Linkki kymppikorttiisi", "Linkit kymppikortteihisi"),
        visits=("{n} käynti jäljellä", "{n} käyntiä jäljellä"),
        greeting="Hei,",
        intro="pyysit linkkiä kymppikorttiisi. Tähän sähköpostiosoitteeseen on rekisteröity:",
        card="Kortti {number}: {visits}, voimassa {until} asti",
        suspended="Kortti on keskeytetty; opisto kertoo, milloin sitä voi taas käyttää.",
        how_to="Avaa kortti puhelimella linkistä ja näytä sen QR-koodi ohjaajalle. "
        "Linkki on henkilökohtainen: älä jaa sitä.",
        ignore="Jos et pyytänyt tätä viestiä, voit jättää sen huomiotta.",
        regards="Ystävällisin terveisin",
    ),
    Language.SV: _Texts(
        subject=("Länken till ditt tiokort", "Länkarna till dina tiokort"),
        visits=("{n} besök kvar", "{n} besök kvar"),
        greeting="Hej,",
        intro="du bad om länken till ditt tiokort. Till den här e-postadressen hör:",
        card="Kort {number}: {visits}, giltigt till och med {until}",
        suspended="Kortet är tillfälligt avstängt; institutet meddelar när det kan användas igen.",
        how_to="Öppna kortet med telefonen via länken och visa QR-koden för instruktören. "
        "Länken är personlig: dela den inte.",
        ignore="Om du inte bad om det här meddelandet kan du bortse från det.",
        regards="Med vänliga hälsningar",
    ),
    Language.EN: _Texts(
        subject=("The link to your ten-visit card", "The links to your ten-visit cards"),
        visits=("{n} visit left", "{n} visits left"),
        greeting="Hello,",
        intro="you asked for the link to your ten-visit card. Registered to this email address:",
        card="Card {number}: {visits}, valid until {until}",
        suspended="The card is suspended; the centre will tell you when it can be used again.",
        how_to="Open the card on your phone from the link and show its QR code to the instructor. "
        "The link is personal: don't share it.",
        ignore="If you didn't ask for this message, you can ignore it.",
        regards="Kind regards",
    ),
}


def card_links_message(cards: list[Card], organization: Organization, base_url: str) -> EmailMessage:
    """One message for all of them, to the address on file, in the first buyer's language:
    buyers sharing an address (a family) share an inbox too."""
    language = cards[0].buyer.language
    texts = TEXTS[language]
    message = EmailMessage()
    message["To"] = cards[0].buyer.email
    message["Subject"] = f"{texts.subject[len(cards) > 1]} – {organization.name}"
    listed = "\n\n".join(_card_lines(card, texts, language, base_url) for card in cards)
    message.set_content(
        f"{texts.greeting}\n\n{texts.intro}\n\n{listed}\n\n{texts.how_to}\n\n{texts.ignore}\n\n"
        f"{texts.regards}\n{organization.signature}\n"
    )
    return message


def _card_lines(card: Card, texts: _Texts, language: Language, base_url: str) -> str:
    visits = texts.visits[card.visits_left != 1].format(n=card.visits_left)
    until = written_date(card.valid_until, language)
    lines = [texts.card.format(number=format_card_number(card.number), visits=visits, until=until)]
    if card.status is CardStatus.SUSPENDED:
        lines.append(texts.suspended)
    lines.append(card_url(base_url, card.secret))
    return "\n".join(lines)
