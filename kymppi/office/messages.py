"""Domain outcomes in the office's words: the one table per outcome enum for the office pages.

Lazy texts, written in the reader's language when shown; `str()` one before
flashing it, as the session stores only plain values.
"""

from flask_babel import lazy_gettext as _l

from kymppi.domain.outcomes import CardChangeOutcome, UndoOutcome

REASON_REQUIRED = _l("Kirjoita syy: se tallentuu kortin tapahtumiin.")

CARD_CHANGE_DONE = {
    "cancel": _l("Kortti peruttu."),
    "refund": _l("Kortti hyvitetty."),
    "suspend": _l("Kortti keskeytetty. Kun jatkat sitä, voimassaoloa pidennetään keskeytyksen päivillä."),
    "resume": _l("Kortin käyttöä jatkettu."),
    "replace": _l("Uusi kortti tehty. Vanha QR-koodi ei enää kelpaa."),
    "extend": _l("Voimassaoloa pidennetty."),
    "transfer": _l("Käynnit siirretty."),
}

CARD_CHANGE_REFUSED = {
    CardChangeOutcome.NOT_FOUND: _l("Korttia ei löytynyt."),
    CardChangeOutcome.NOT_PERMITTED: _l("Sinulla ei ole oikeutta tähän."),
    CardChangeOutcome.WRONG_STATUS: _l("Kortin tila ei salli tätä muutosta. Lataa sivu uudelleen ja tarkista tila."),
    CardChangeOutcome.REASON_REQUIRED: REASON_REQUIRED,
    CardChangeOutcome.INVALID_AMOUNT: _l("Tarkista määrä."),
    CardChangeOutcome.PERSONAL_CARD: _l(
        "Liikuntaedulla (ePassi, Smartum, Edenred) maksettu kortti on henkilökohtainen: käyntejä ei voi siirtää."
    ),
    CardChangeOutcome.NOT_ENOUGH_VISITS: _l("Kortilla ei ole näin montaa käyttämätöntä käyntiä."),
    CardChangeOutcome.SAME_CARD: _l("Käyntejä ei voi siirtää samalle kortille."),
    CardChangeOutcome.EXPIRED: _l("Kortin voimassaolo on päättynyt: sen käyntejä ei voi enää siirtää."),
    CardChangeOutcome.TARGET_UNUSABLE: _l(
        "Vastaanottava kortti ei ole käytössä (peruttu, hyvitetty, keskeytetty, korvattu tai vanhentunut)."
    ),
}

UNDO_REFUSED = {
    UndoOutcome.NOT_FOUND: _l("Käyntiä ei löytynyt."),
    UndoOutcome.ALREADY_UNDONE: _l("Käynti on jo peruttu."),
    UndoOutcome.NOT_PERMITTED: _l("Sinulla ei ole oikeutta perua tätä käyntiä."),
    UndoOutcome.REASON_REQUIRED: REASON_REQUIRED,
}
