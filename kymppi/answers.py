"""What the door tells the instructor about a scan, in the staff user's language.

One table for the scan page and the API alike, so a tablet, a script and the
page without JavaScript all say the same thing. The tone decides the colour
and the icon: green OK, amber "already in", red for every refusal.
"""

from datetime import datetime
from enum import StrEnum

from babel.dates import format_time

from kymppi.domain.clock import HELSINKI
from kymppi.domain.outcomes import CheckInOutcome, CheckInResult, UndoOutcome
from kymppi.formatting import written_date
from kymppi.models import Language


class Tone(StrEnum):
    OK = "ok"
    WARN = "warn"
    REFUSED = "refused"


HEADLINE = {
    Language.FI: {Tone.OK: "OK", Tone.WARN: "Jo leimattu", Tone.REFUSED: "Ei käy"},
    Language.SV: {Tone.OK: "OK", Tone.WARN: "Redan registrerad", Tone.REFUSED: "Godkänns inte"},
    Language.EN: {Tone.OK: "OK", Tone.WARN: "Already checked in", Tone.REFUSED: "Refused"},
}

_O = CheckInOutcome
MESSAGES = {
    Language.FI: {
        _O.OK: "{visits_left} käyntiä jäljellä.",
        _O.ALREADY_CHECKED_IN: "Leimattu jo tänään klo {time}. Käyntiä ei vähennetty uudelleen.",
        _O.NO_VISITS_LEFT: "Kortilla ei ole käyntejä jäljellä.",
        _O.EXPIRED: "Kortti vanheni {valid_until}.",
        _O.NOT_YET_VALID: "Kortti on voimassa vasta {valid_from} alkaen.",
        _O.CANCELLED: "Kortti on peruttu.",
        _O.REFUNDED: "Kortti on hyvitetty, eikä se ole enää käytössä.",
        _O.SUSPENDED: "Kortin käyttö on keskeytetty. Ostaja voi kysyä toimistosta.",
        _O.REPLACED: "Kortti on korvattu uudella kortilla. Käytä uutta korttia.",
        _O.COURSE_NOT_ELIGIBLE: "Kortti ei käy tällä kurssilla.",
        _O.COURSE_FULL: "Kurssi on täynnä: tämän kerran korttipaikat on käytetty.",
        _O.UNKNOWN_CARD: "Tuntematon kortti. Tarkista kortin numero.",
    },
    Language.SV: {
        _O.OK: "{visits_left} besök kvar.",
        _O.ALREADY_CHECKED_IN: "Redan registrerad i dag kl. {time}. Inget nytt besök drogs av.",
        _O.NO_VISITS_LEFT: "Kortet har inga besök kvar.",
        _O.EXPIRED: "Kortet gick ut {valid_until}.",
        _O.NOT_YET_VALID: "Kortet gäller först från {valid_from}.",
        _O.CANCELLED: "Kortet är annullerat.",
        _O.REFUNDED: "Kortet är återbetalt och används inte längre.",
        _O.SUSPENDED: "Kortets användning är avbruten. Köparen kan fråga på kansliet.",
        _O.REPLACED: "Kortet har ersatts med ett nytt kort. Använd det nya kortet.",
        _O.COURSE_NOT_ELIGIBLE: "Kortet gäller inte på den här kursen.",
        _O.COURSE_FULL: "Kursen är full: kortplatserna för det här tillfället är använda.",
        _O.UNKNOWN_CARD: "Okänt kort. Kontrollera kortnumret.",
    },
    Language.EN: {
        _O.OK: "{visits_left} visits left.",
        _O.ALREADY_CHECKED_IN: "Already checked in today at {time}. No second visit was taken.",
        _O.NO_VISITS_LEFT: "The card has no visits left.",
        _O.EXPIRED: "The card expired on {valid_until}.",
        _O.NOT_YET_VALID: "The card is valid from {valid_from}.",
        _O.CANCELLED: "The card has been cancelled.",
        _O.REFUNDED: "The card has been refunded and is no longer in use.",
        _O.SUSPENDED: "The card is suspended. The buyer can ask the office.",
        _O.REPLACED: "The card has been replaced by a new card. Use the new card.",
        _O.COURSE_NOT_ELIGIBLE: "The card is not valid on this course.",
        _O.COURSE_FULL: "The course is full: this session's card places are taken.",
        _O.UNKNOWN_CARD: "Unknown card. Check the card number.",
    },
}


_U = UndoOutcome
UNDO_MESSAGES = {
    Language.FI: {
        _U.OK: "Käynti peruttu ja palautettu kortille.",
        _U.NOT_FOUND: "Käyntiä ei löytynyt.",
        _U.ALREADY_UNDONE: "Käynti on jo peruttu.",
        _U.NOT_PERMITTED: "Voit perua vain omat tämän päivän leimauksesi. Toimisto voi perua muut.",
        _U.REASON_REQUIRED: "Kirjoita syy, miksi käynti perutaan.",
    },
    Language.SV: {
        _U.OK: "Besöket ångrat och återfört till kortet.",
        _U.NOT_FOUND: "Besöket hittades inte.",
        _U.ALREADY_UNDONE: "Besöket är redan ångrat.",
        _U.NOT_PERMITTED: "Du kan bara ångra dina egna registreringar från i dag. Kansliet kan ångra andra.",
        _U.REASON_REQUIRED: "Skriv varför besöket ångras.",
    },
    Language.EN: {
        _U.OK: "Visit undone and given back to the card.",
        _U.NOT_FOUND: "No such visit.",
        _U.ALREADY_UNDONE: "The visit was already undone.",
        _U.NOT_PERMITTED: "You can undo only your own check-ins of today. The office can undo others.",
        _U.REASON_REQUIRED: "Write why the visit is undone.",
    },
}


def undo_message(outcome: UndoOutcome, language: Language) -> str:
    return UNDO_MESSAGES[language][outcome]


# Said by the tablet itself while the server can't be reached (static/checkin/offline.js).
OFFLINE = {
    Language.FI: {
        "headline": "Tallennettu",
        "saved": "Tallennettu offline-tilassa: lähetetään palvelimelle, kun yhteys palaa.",
        "unlisted": "Korttia ei ole tämän päivän offline-listalla. "
        "Leimaus tallennettiin ja tarkistetaan, kun yhteys palaa.",
        "not_judged": "Palvelimeen ei saada yhteyttä, eikä korttia voi tarkistaa. Leimaus tallennettiin.",
    },
    Language.SV: {
        "headline": "Sparad",
        "saved": "Sparad offline: skickas till servern när förbindelsen är tillbaka.",
        "unlisted": "Kortet finns inte på dagens offlinelista. "
        "Registreringen sparades och kontrolleras när förbindelsen är tillbaka.",
        "not_judged": "Servern kan inte nås och kortet kan inte kontrolleras. Registreringen sparades.",
    },
    Language.EN: {
        "headline": "Saved",
        "saved": "Saved offline: sent to the server when the connection is back.",
        "unlisted": "The card is not on today's offline list. "
        "The scan was saved and is checked when the connection is back.",
        "not_judged": "The server can't be reached and the card can't be checked. The scan was saved.",
    },
}


def offline_texts(language: Language) -> dict:
    """Everything the tablet needs to answer in the user's language without the server."""
    return {
        "headlines": {t.value: text for t, text in HEADLINE[language].items()},
        "tones": {outcome.value: tone(outcome).value for outcome in CheckInOutcome},
        "messages": {outcome.value: text for outcome, text in MESSAGES[language].items()},
        **OFFLINE[language],
    }


def tone(outcome: CheckInOutcome) -> Tone:
    if outcome is CheckInOutcome.OK:
        return Tone.OK
    if outcome is CheckInOutcome.ALREADY_CHECKED_IN:
        return Tone.WARN
    return Tone.REFUSED


def headline(outcome: CheckInOutcome, language: Language) -> str:
    return HEADLINE[language][tone(outcome)]


def message(result: CheckInResult, language: Language) -> str:
    """The sentence under the headline: the reason, or what is left."""
    return MESSAGES[language][result.outcome].format(
        visits_left=result.visits_left,
        time=_time(result.checked_in_at, language),
        valid_from=written_date(result.valid_from, language),
        valid_until=written_date(result.valid_until, language),
    )


def _time(value: datetime | None, language: Language) -> str:
    if value is None:
        return ""
    return format_time(value.astimezone(HELSINKI), "HH:mm", locale=language.value)
