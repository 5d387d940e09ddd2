"""Audit events in words for the card page: what was done, and the details that matter."""

from datetime import date

from kymppi.formatting import date_text, euros
from kymppi.labels import PAYMENT_METHOD
from kymppi.models import AuditEvent, PaymentMethod

ACTION = {
    "card_sold": "Myyty",
    "card_printed": "Kortti tulostettu",
    "card_emailed": "Kortti lähetetty sähköpostilla",
    "card_cancelled": "Peruttu",
    "card_refunded": "Hyvitetty",
    "card_suspended": "Keskeytetty",
    "card_resumed": "Käyttöä jatkettu",
    "card_replaced": "Korvattu uudella kortilla",
    "card_issued_as_replacement": "Tehty kadonneen kortin tilalle",
    "visits_transferred_out": "Käyntejä siirretty toiselle kortille",
    "visits_transferred_in": "Käyntejä siirretty tälle kortille",
    "validity_extended": "Voimassaoloa pidennetty",
    "check_in_undone": "Käynti peruttu",
}


def action_text(event: AuditEvent) -> str:
    return ACTION.get(event.action, event.action)


def details_text(event: AuditEvent) -> str:
    """The event's details as one line; reasons and notes verbatim, amounts formatted."""
    d = event.details or {}
    parts = []
    if "price_cents" in d:
        parts.append(euros(d["price_cents"]))
    if "list_price_cents" in d:
        parts.append(f"listahinta {euros(d['list_price_cents'])}")
    if "payment_method" in d:
        parts.append(PAYMENT_METHOD.get(PaymentMethod(d["payment_method"]), d["payment_method"]))
    if "receipt" in d:
        parts.append(f"kuitti {d['receipt']}")
    if "refunded_cents" in d:
        parts.append(f"hyvitys {euros(d['refunded_cents'])}")
    if "visits" in d:
        parts.append(f"{d['visits']} käyntiä")
    if "visits_carried" in d:
        parts.append(f"{d['visits_carried']} käyntiä siirtyi uudelle kortille")
    if "extended_days" in d:
        parts.append(f"voimassaoloa pidennetty {d['extended_days']} päivällä")
    if "days" in d:
        parts.append(f"+{d['days']} päivää, voimassa {date_text(date.fromisoformat(d['valid_until']))} asti")
    for key in ("price_reason", "reason", "note"):
        if d.get(key):
            parts.append(f"”{d[key]}”")
    return ", ".join(parts)
