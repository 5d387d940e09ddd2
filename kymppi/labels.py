"""Finnish names for stored values, shown to people on pages and in documents."""

from kymppi.models import PaymentMethod

PAYMENT_METHOD = {
    PaymentMethod.CASH: "Käteinen",
    PaymentMethod.PAYMENT_CARD: "Maksukortti",
    PaymentMethod.INVOICE: "Lasku",
    PaymentMethod.EPASSI: "ePassi",
    PaymentMethod.SMARTUM: "Smartum",
    PaymentMethod.EDENRED: "Edenred",
    PaymentMethod.OTHER: "Muu",
}
