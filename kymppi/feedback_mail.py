"""The feedback round's invitation email: the office's own text, in the buyer's language, with their link.

The office edits the subject and body; placeholders in braces are filled in
per buyer. They are replaced by a plain lookup, never `str.format`, so a
typed "{nimi.__class__}" is an unknown placeholder, not a peek into Python.
"""

import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr

from kymppi.models import Language, Organization

# Each placeholder in its Finnish and English spelling; {nimi} is the first name, as a greeting uses it.
PLACEHOLDERS = {"nimi": "name", "name": "name", "linkki": "link", "link": "link", "opisto": "opisto"}
LINK_PLACEHOLDERS = frozenset({"linkki", "link"})
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class MessageText:
    subject: str
    body: str


DEFAULT_TEXTS = {
    Language.FI: MessageText(
        "Miten kymppikortti toimi? – {opisto}",
        "Hei {nimi},\n\n"
        "kiitos, että kokeilit kymppikorttia. Kertoisitko, miten kortti toimi? Vastaaminen vie pari minuuttia, "
        "ja vastauksesi auttavat meitä päättämään, jatkuuko kortti ensi lukuvuonna.\n\n"
        "Vastaa tästä:\n{linkki}\n\n"
        "Linkki on henkilökohtainen. Voit muokata vastaustasi, kunnes kysely suljetaan.\n\n"
        "Ystävällisin terveisin\n{opisto}",
    ),
    Language.SV: MessageText(
        "Hur fungerade tiokortet? – {opisto}",
        "Hej {nimi},\n\n"
        "tack för att du provade tiokortet. Vill du berätta hur kortet fungerade? Det tar ett par minuter, "
        "och dina svar hjälper oss att avgöra om kortet fortsätter nästa läsår.\n\n"
        "Svara här:\n{linkki}\n\n"
        "Länken är personlig. Du kan ändra ditt svar tills enkäten stängs.\n\n"
        "Med vänliga hälsningar\n{opisto}",
    ),
    Language.EN: MessageText(
        "How did the ten-visit card work for you? – {opisto}",
        "Hello {nimi},\n\n"
        "thank you for trying the ten-visit card. Would you tell us how it worked? It takes a couple of minutes, "
        "and your answers help us decide whether the card continues next academic year.\n\n"
        "Answer here:\n{linkki}\n\n"
        "The link is personal. You can change your answer until the survey closes.\n\n"
        "Kind regards\n{opisto}",
    ),
}


def unknown_placeholders(text: str) -> list[str]:
    """The brace words in `text` that are no placeholder, as typed, for the error message."""
    return [name for name in _PLACEHOLDER.findall(text) if name.strip() not in PLACEHOLDERS]


def has_link(body: str) -> bool:
    return any(name.strip() in LINK_PLACEHOLDERS for name in _PLACEHOLDER.findall(body))


def fill(text: str, *, name: str, link: str, opisto: str) -> str:
    values = {"name": name, "link": link, "opisto": opisto}

    def value(match: re.Match) -> str:
        key = PLACEHOLDERS.get(match[1].strip())
        return values[key] if key else match[0]

    return _PLACEHOLDER.sub(value, text)


def first_name(full_name: str) -> str:
    return (full_name.split() or [""])[0]


def invitation_message(
    text: MessageText, *, name: str, email: str, link: str, organization: Organization
) -> EmailMessage:
    """One buyer's invitation; the subject is kept to one line whatever was typed."""
    values = {"name": first_name(name), "link": link, "opisto": organization.name}
    message = EmailMessage()
    message["To"] = formataddr((name, email))
    message["Subject"] = " ".join(fill(text.subject, **values).split())
    message.set_content(fill(text.body, **values).replace("\r\n", "\n").rstrip() + "\n")
    return message
