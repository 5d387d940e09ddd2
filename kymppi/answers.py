"""What the door tells the instructor about a scan, in the language being written.

One set of sentences for the scan page and the API alike, so a tablet, a
script and the page without JavaScript all say the same thing; a request
speaks its staff user's own language (kymppi.i18n). The tone decides the
colour and the icon: green OK, amber "already in", red for every refusal.
"""

from collections.abc import Callable
from enum import StrEnum

from flask_babel import gettext as _
from flask_babel import ngettext

from kymppi.domain.outcomes import CheckInOutcome, CheckInResult, UndoOutcome
from kymppi.formatting import date_text, number_text, time_text


class Tone(StrEnum):
    OK = "ok"
    WARN = "warn"
    REFUSED = "refused"


Fill = Callable[[str], str]  # a blank's value, by the blank's name


def tone(outcome: CheckInOutcome) -> Tone:
    if outcome is CheckInOutcome.OK:
        return Tone.OK
    if outcome is CheckInOutcome.ALREADY_CHECKED_IN:
        return Tone.WARN
    return Tone.REFUSED


_HEADLINES: dict[Tone, Callable[[], str]] = {
    Tone.OK: lambda: _("OK"),
    Tone.WARN: lambda: _("Jo leimattu"),
    Tone.REFUSED: lambda: _("Ei käy"),
}


def headline(outcome: CheckInOutcome) -> str:
    return _HEADLINES[tone(outcome)]()


# Every outcome's sentence; `visits` chooses the singular or the plural. Each is
# written only when asked for: a scan's answer needs one of them, not all.
_SENTENCES: dict[CheckInOutcome, Callable[[int, Fill], str]] = {
    CheckInOutcome.OK: lambda visits, fill: ngettext(
        "%(visits_left)s käynti jäljellä.", "%(visits_left)s käyntiä jäljellä.", visits, visits_left=fill("visits_left")
    ),
    CheckInOutcome.ALREADY_CHECKED_IN: lambda _visits, fill: _(
        "Leimattu jo tänään klo %(time)s. Käyntiä ei vähennetty uudelleen.", time=fill("time")
    ),
    CheckInOutcome.NO_VISITS_LEFT: lambda _visits, _fill: _("Kortilla ei ole käyntejä jäljellä."),
    CheckInOutcome.EXPIRED: lambda _visits, fill: _("Kortti vanheni %(valid_until)s.", valid_until=fill("valid_until")),
    CheckInOutcome.NOT_YET_VALID: lambda _visits, fill: _(
        "Kortti on voimassa vasta %(valid_from)s alkaen.", valid_from=fill("valid_from")
    ),
    CheckInOutcome.CANCELLED: lambda _visits, _fill: _("Kortti on peruttu."),
    CheckInOutcome.REFUNDED: lambda _visits, _fill: _("Kortti on hyvitetty, eikä se ole enää käytössä."),
    CheckInOutcome.SUSPENDED: lambda _visits, _fill: _("Kortin käyttö on keskeytetty. Ostaja voi kysyä toimistosta."),
    CheckInOutcome.REPLACED: lambda _visits, _fill: _("Kortti on korvattu uudella kortilla. Käytä uutta korttia."),
    CheckInOutcome.COURSE_NOT_ELIGIBLE: lambda _visits, _fill: _("Kortti ei käy tällä kurssilla."),
    CheckInOutcome.COURSE_FULL: lambda _visits, _fill: _("Kurssi on täynnä: tämän kerran korttipaikat on käytetty."),
    CheckInOutcome.UNKNOWN_CARD: lambda _visits, _fill: _("Tuntematon kortti. Tarkista kortin numero."),
}

_RESULT_VALUES: dict[str, Callable[[CheckInResult], str]] = {
    "visits_left": lambda result: number_text(result.visits_left),
    "time": lambda result: time_text(result.checked_in_at),
    "valid_from": lambda result: date_text(result.valid_from),
    "valid_until": lambda result: date_text(result.valid_until),
}


def _blank(name: str) -> str:
    """What the tablet's script fills in itself when it answers offline (static/checkin/checkin.js)."""
    return f"{{{name}}}"


def message(result: CheckInResult) -> str:
    """The sentence under the headline: the reason, or what is left."""
    return _SENTENCES[result.outcome](result.visits_left or 0, lambda name: _RESULT_VALUES[name](result))


def undo_message(outcome: UndoOutcome) -> str:
    u = UndoOutcome
    return {
        u.OK: _("Käynti peruttu ja palautettu kortille."),
        u.NOT_FOUND: _("Käyntiä ei löytynyt."),
        u.ALREADY_UNDONE: _("Käynti on jo peruttu."),
        u.NOT_PERMITTED: _("Voit perua vain omat tämän päivän leimauksesi. Toimisto voi perua muut."),
        u.REASON_REQUIRED: _("Kirjoita syy, miksi käynti perutaan."),
    }[outcome]


def offline_texts() -> dict:
    """Everything the tablet needs to answer without the server, in the language being written.

    The sentences keep their blanks ({visits_left}, {time}, {valid_from},
    {valid_until}) for the script to fill in from its roster; "ok_one" is
    the sentence for a card with one visit left.
    """
    return {
        "headlines": {t.value: text() for t, text in _HEADLINES.items()},
        "tones": {outcome.value: tone(outcome).value for outcome in CheckInOutcome},
        "messages": {outcome.value: sentence(2, _blank) for outcome, sentence in _SENTENCES.items()},
        "ok_one": _SENTENCES[CheckInOutcome.OK](1, _blank),
        "headline": _("Tallennettu"),
        "saved": _("Tallennettu offline-tilassa: lähetetään palvelimelle, kun yhteys palaa."),
        "unlisted": _(
            "Korttia ei ole tämän päivän offline-listalla. Leimaus tallennettiin ja tarkistetaan, kun yhteys palaa."
        ),
        "not_judged": _("Palvelimeen ei saada yhteyttä, eikä korttia voi tarkistaa. Leimaus tallennettiin."),
    }
