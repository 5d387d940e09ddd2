"""Finnish names for stored values, shown to people on pages and in documents."""

from kymppi.domain.outcomes import CheckInOutcome
from kymppi.models import BuyAgain, CardStatus, CheckInSource, Language, PaymentMethod, Role, TermKind

PAYMENT_METHOD = {
    PaymentMethod.CASH: "Käteinen",
    PaymentMethod.PAYMENT_CARD: "Maksukortti",
    PaymentMethod.INVOICE: "Lasku",
    PaymentMethod.EPASSI: "ePassi",
    PaymentMethod.SMARTUM: "Smartum",
    PaymentMethod.EDENRED: "Edenred",
    PaymentMethod.OTHER: "Muu",
}

# Lower case: they read as a status inside a sentence and in a badge alike.
CARD_STATUS = {
    CardStatus.ACTIVE: "aktiivinen",
    CardStatus.SUSPENDED: "keskeytetty",
    CardStatus.CANCELLED: "peruttu",
    CardStatus.REFUNDED: "hyvitetty",
    CardStatus.REPLACED: "korvattu",
}

LANGUAGE = {
    Language.FI: "suomi",
    Language.SV: "ruotsi",
    Language.EN: "englanti",
}

ROLE = {Role.OFFICE: "Toimistosihteeri", Role.INSTRUCTOR: "Tuntiopettaja", Role.ADMIN: "Pääkäyttäjä"}

TERM_KIND = {TermKind.AUTUMN: "Syyslukukausi", TermKind.SPRING: "Kevätlukukausi"}

# Why the door refused a scan, as the office lists it: lower case, like the card statuses.
REFUSAL_REASON = {
    CheckInOutcome.NO_VISITS_LEFT: "ei käyntejä jäljellä",
    CheckInOutcome.EXPIRED: "vanhentunut",
    CheckInOutcome.NOT_YET_VALID: "ei vielä voimassa",
    CheckInOutcome.CANCELLED: "peruttu",
    CheckInOutcome.REFUNDED: "hyvitetty",
    CheckInOutcome.SUSPENDED: "keskeytetty",
    CheckInOutcome.REPLACED: "korvattu uudella",
    CheckInOutcome.COURSE_NOT_ELIGIBLE: "ei käy tällä kurssilla",
    CheckInOutcome.COURSE_FULL: "kurssi täynnä",
    CheckInOutcome.UNKNOWN_CARD: "tuntematon kortti",
}

CHECK_IN_SOURCE = {
    CheckInSource.CAMERA: "kamera",
    CheckInSource.SCANNER: "lukija",
    CheckInSource.MANUAL: "käsin",
    CheckInSource.OFFLINE: "offline-jono",
}

BUY_AGAIN = {BuyAgain.YES: "kyllä", BuyAgain.MAYBE: "ehkä", BuyAgain.NO: "ei"}
