"""Finnish names for stored values, shown to people on pages and in documents."""

from kymppi.models import CardStatus, PaymentMethod

PAYMENT_METHOD = {
    PaymentMethod.CASH: "Käteinen",
    PaymentMethod.PAYMENT_CARD: "Maksukortti",
    PaymentMethod.INVOICE: "Lasku",
    PaymentMethod.EPASSI: "ePassi",
    PaymentMethod.SMARTUM: "Smartum",
    PaymentMethod.EDENRED: "Edenred",
    PaymentMethod.OTHER: "Muu",
}

CARD_STATUS = {
    CardStatus.ACTIVE: "Voimassa",
    CardStatus.SUSPENDED: "Keskeytetty",
    CardStatus.CANCELLED: "Peruttu",
    CardStatus.REFUNDED: "Hyvitetty",
    CardStatus.REPLACED: "Korvattu uudella kortilla",
}
