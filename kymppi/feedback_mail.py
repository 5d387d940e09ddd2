"""The feedback round's invitation email: the office's own text, in the buyer's language, with their link.

The office edits the subject and body; placeholders in braces are filled in
per buyer. They are replaced by a plain lookup, never `str.format`, so a
typed "{nimi.__class__}" is an unknown placeholder, not a peek into Python.
"""

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formataddr

from flask_babel import force_locale
from flask_babel import gettext as _

from kymppi.models import Language, Organization

# Each placeholder in its Finnish and English spelling; {nimi} is the first name, as a greeting uses it.
PLACEHOLDERS = {"nimi": "name", "name": "name", "linkki": "link", "link": "link", "opisto": "opisto"}
LINK_PLACEHOLDERS = frozenset({"linkki", "link"})
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class MessageText:
    subject: str
    body: str


class _DefaultTexts(Mapping[Language, MessageText]):
    """The text a new round starts from, in each language, read from the catalogs when asked for.

    Keyed by the buyer's language, not the request's: the secretary starting the
    round sees, and sends, each language's own text.
    """

    def __getitem__(self, language: Language) -> MessageText:
        with force_locale(language.value):
            return MessageText(
                _("Miten kymppikortti toimi? – {opisto}"),
                _(
                    "Hei {nimi},\n\n"
                    "kiitos, että kokeilit kymppikorttia. Kertoisitko, miten kortti toimi? Vastaaminen vie pari "
                    "minuuttia, ja vastauksesi auttavat meitä päättämään, jatkuuko kortti ensi lukuvuonna.\n\n"
                    "Vastaa tästä:\n{linkki}\n\n"
                    "Linkki on henkilökohtainen. Voit muokata vastaustasi, kunnes kysely suljetaan.\n\n"
                    "Ystävällisin terveisin\n{opisto}"
                ),
            )

    def __iter__(self) -> Iterator[Language]:
        return iter(Language)

    def __len__(self) -> int:
        return len(Language)


DEFAULT_TEXTS = _DefaultTexts()


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
