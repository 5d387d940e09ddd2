"""Domain outcomes in the office's words: the one table per outcome enum for the office pages."""

from kymppi.domain.outcomes import CardChangeOutcome, UndoOutcome

CARD_CHANGE_DONE = {
    "cancel": "Kortti peruttu.",
    "refund": "Kortti hyvitetty.",
    "suspend": "Kortti keskeytetty. Kun jatkat sitä, voimassaoloa pidennetään keskeytyksen päivillä.",
    "resume": "Kortin käyttöä jatkettu.",
    "replace": "Uusi kortti tehty. Vanha QR-koodi ei enää kelpaa.",
    "extend": "Voimassaoloa pidennetty.",
    "transfer": "Käynnit siirretty.",
}

CARD_CHANGE_REFUSED = {
    CardChangeOutcome.NOT_FOUND: "Korttia ei löytynyt.",
    CardChangeOutcome.NOT_PERMITTED: "Sinulla ei ole oikeutta tähän.",
    CardChangeOutcome.WRONG_STATUS: "Kortin tila ei salli tätä muutosta. Lataa sivu uudelleen ja tarkista tila.",
    CardChangeOutcome.REASON_REQUIRED: "Kirjoita syy: se tallentuu kortin tapahtumiin.",
    CardChangeOutcome.INVALID_AMOUNT: "Tarkista määrä.",
    CardChangeOutcome.PERSONAL_CARD: (
        "Liikuntaedulla (ePassi, Smartum, Edenred) maksettu kortti on henkilökohtainen: käyntejä ei voi siirtää."
    ),
    CardChangeOutcome.NOT_ENOUGH_VISITS: "Kortilla ei ole näin montaa käyttämätöntä käyntiä.",
    CardChangeOutcome.SAME_CARD: "Käyntejä ei voi siirtää samalle kortille.",
    CardChangeOutcome.EXPIRED: "Kortin voimassaolo on päättynyt: sen käyntejä ei voi enää siirtää.",
    CardChangeOutcome.TARGET_UNUSABLE: (
        "Vastaanottava kortti ei ole käytössä (peruttu, hyvitetty, keskeytetty, korvattu tai vanhentunut)."
    ),
}

UNDO_REFUSED = {
    UndoOutcome.NOT_FOUND: "Käyntiä ei löytynyt.",
    UndoOutcome.ALREADY_UNDONE: "Käynti on jo peruttu.",
    UndoOutcome.NOT_PERMITTED: "Sinulla ei ole oikeutta perua tätä käyntiä.",
    UndoOutcome.REASON_REQUIRED: "Kirjoita syy: se tallentuu kortin tapahtumiin.",
}
