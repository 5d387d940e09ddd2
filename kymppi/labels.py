"""Names for stored values, shown to people on pages and in documents in the reader's language.

Lazy texts: a table is built once at import and read out in each request's language.
"""

from flask_babel import lazy_gettext as _l

from kymppi.domain.outcomes import CheckInOutcome
from kymppi.models import BuyAgain, CardStatus, CheckInSource, Language, PaymentMethod, Role, TermKind

PAYMENT_METHOD = {
    PaymentMethod.CASH: _l("Käteinen"),
    PaymentMethod.PAYMENT_CARD: _l("Maksukortti"),
    PaymentMethod.INVOICE: _l("Lasku"),
    PaymentMethod.EPASSI: "ePassi",
    PaymentMethod.SMARTUM: "Smartum",
    PaymentMethod.EDENRED: "Edenred",
    PaymentMethod.OTHER: _l("Muu"),
}

# Lower case: they read as a status inside a sentence and in a badge alike.
CARD_STATUS = {
    CardStatus.ACTIVE: _l("aktiivinen"),
    CardStatus.SUSPENDED: _l("keskeytetty"),
    CardStatus.CANCELLED: _l("peruttu"),
    CardStatus.REFUNDED: _l("hyvitetty"),
    CardStatus.REPLACED: _l("korvattu"),
}

LANGUAGE = {
    Language.FI: _l("suomi"),
    Language.SV: _l("ruotsi"),
    Language.EN: _l("englanti"),
}

ROLE = {Role.OFFICE: _l("Toimistosihteeri"), Role.INSTRUCTOR: _l("Tuntiopettaja"), Role.ADMIN: _l("Pääkäyttäjä")}

TERM_KIND = {TermKind.AUTUMN: _l("Syyslukukausi"), TermKind.SPRING: _l("Kevätlukukausi")}

# Why the door refused a scan, as the office lists it: lower case, like the card statuses.
REFUSAL_REASON = {
    CheckInOutcome.NO_VISITS_LEFT: _l("ei käyntejä jäljellä"),
    CheckInOutcome.EXPIRED: _l("vanhentunut"),
    CheckInOutcome.NOT_YET_VALID: _l("ei vielä voimassa"),
    CheckInOutcome.CANCELLED: _l("peruttu"),
    CheckInOutcome.REFUNDED: _l("hyvitetty"),
    CheckInOutcome.SUSPENDED: _l("keskeytetty"),
    CheckInOutcome.REPLACED: _l("korvattu uudella"),
    CheckInOutcome.COURSE_NOT_ELIGIBLE: _l("ei käy tällä kurssilla"),
    CheckInOutcome.COURSE_FULL: _l("kurssi täynnä"),
    CheckInOutcome.UNKNOWN_CARD: _l("tuntematon kortti"),
}

CHECK_IN_SOURCE = {
    CheckInSource.CAMERA: _l("kamera"),
    CheckInSource.SCANNER: _l("lukija"),
    CheckInSource.MANUAL: _l("käsin"),
    CheckInSource.OFFLINE: _l("offline-jono"),
}

BUY_AGAIN = {BuyAgain.YES: _l("kyllä"), BuyAgain.MAYBE: _l("ehkä"), BuyAgain.NO: _l("ei")}
