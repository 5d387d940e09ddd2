"""What the door tells the instructor about a scan, in the language being written.

One set of sentences for the scan page and the API alike, so a tablet, a
script and the page without JavaScript all say the same thing; a request
speaks its staff user's own language (kymppi.i18n). The tone decides the
colour and the icon: green OK, amber "already in", red for every refusal.
"""

from enum import StrEnum

from flask_babel import gettext as _
from flask_babel import ngettext

from kymppi.domain.outcomes import CheckInOutcome, CheckInResult, UndoOutcome
from kymppi.formatting import date_text, number_text, time_text


class Tone(StrEnum):
    OK = "ok"
    WARN = "warn"
    REFUSED = "refused"


# What the tablet's script fills in itself when it answers offline (static/checkin/checkin.js).
_BLANKS = {name: f"{{{name}}}" for name in ("visits_left", "time", "valid_from", "valid_until")}


def tone(outcome: CheckInOutcome) -> Tone:
    if outcome is CheckInOutcome.OK:
        return Tone.OK
    if outcome is CheckInOutcome.ALREADY_CHECKED_IN:
        return Tone.WARN
    return Tone.REFUSED


def _headlines() -> dict[Tone, str]:
    return {Tone.OK: _("OK"), Tone.WARN: _("Jo leimattu"), Tone.REFUSED: _("Ei käy")}


def headline(outcome: CheckInOutcome) -> str:
    return _headlines()[tone(outcome)]


def _messages(visits: int, values: dict[str, str]) -> dict[CheckInOutcome, str]:
    """Every outcome's sentence, `values` filled in; `visits` chooses the singular or the plural."""
    o = CheckInOutcome
    return {
        o.OK: ngettext("%(visits_left)s käynti jäljellä.", "%(visits_left)s käyntiä jäljellä.", visits, **values),
        o.ALREADY_CHECKED_IN: _("Leimattu jo tänään klo %(time)s. Käyntiä ei vähennetty uudelleen.", **values),
        o.NO_VISITS_LEFT: _("Kortilla ei ole käyntejä jäljellä."),
        o.EXPIRED: _("Kortti vanheni %(valid_until)s.", **values),
        o.NOT_YET_VALID: _("Kortti on voimassa vasta %(valid_from)s alkaen.", **values),
        o.CANCELLED: _("Kortti on peruttu."),
        o.REFUNDED: _("Kortti on hyvitetty, eikä se ole enää käytössä."),
        o.SUSPENDED: _("Kortin käyttö on keskeytetty. Ostaja voi kysyä toimistosta."),
        o.REPLACED: _("Kortti on korvattu uudella kortilla. Käytä uutta korttia."),
        o.COURSE_NOT_ELIGIBLE: _("Kortti ei käy tällä kurssilla."),
        o.COURSE_FULL: _("Kurssi on täynnä: tämän kerran korttipaikat on käytetty."),
        o.UNKNOWN_CARD: _("Tuntematon kortti. Tarkista kortin numero."),
    }


def message(result: CheckInResult) -> str:
    """The sentence under the headline: the reason, or what is left."""
    values = {
        "visits_left": number_text(result.visits_left),
        "time": time_text(result.checked_in_at),
        "valid_from": date_text(result.valid_from),
        "valid_until": date_text(result.valid_until),
    }
    return _messages(result.visits_left or 0, values)[result.outcome]


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
        "headlines": {t.value: text for t, text in _headlines().items()},
        "tones": {outcome.value: tone(outcome).value for outcome in CheckInOutcome},
        "messages": {outcome.value: text for outcome, text in _messages(2, _BLANKS).items()},
        "ok_one": _messages(1, _BLANKS)[CheckInOutcome.OK],
        "headline": _("Tallennettu"),
        "saved": _("Tallennettu offline-tilassa: lähetetään palvelimelle, kun yhteys palaa."),
        "unlisted": _(
            "Korttia ei ole tämän päivän offline-listalla. Leimaus tallennettiin ja tarkistetaan, kun yhteys palaa."
        ),
        "not_judged": _("Palvelimeen ei saada yhteyttä, eikä korttia voi tarkistaa. Leimaus tallennettiin."),
    }
