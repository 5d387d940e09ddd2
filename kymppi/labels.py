"""Finnish names for stored values, shown to people on pages and in documents."""

from kymppi.models import CardStatus, Language, PaymentMethod, Role, TermKind

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
