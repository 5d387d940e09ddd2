"""Audit events in words for the card page: what was done, and the details that matter."""

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from kymppi.formatting import date_text, euros
from kymppi.labels import PAYMENT_METHOD
from kymppi.models import AuditEvent, PaymentMethod

ACTION = {
    "card_sold": _l("Myyty"),
    "card_printed": _l("Kortti tulostettu"),
    "card_emailed": _l("Kortti lähetetty sähköpostilla"),
    "card_cancelled": _l("Peruttu"),
    "card_refunded": _l("Hyvitetty"),
    "card_suspended": _l("Keskeytetty"),
    "card_resumed": _l("Käyttöä jatkettu"),
    "card_replaced": _l("Korvattu uudella kortilla"),
    "card_issued_as_replacement": _l("Tehty kadonneen kortin tilalle"),
    "visits_transferred_out": _l("Käyntejä siirretty toiselle kortille"),
    "visits_transferred_in": _l("Käyntejä siirretty tälle kortille"),
    "validity_extended": _l("Voimassaoloa pidennetty"),
    "check_in_undone": _l("Käynti peruttu"),
}


def action_text(event: AuditEvent) -> str:
    return str(ACTION.get(event.action, event.action))


def by_days(days: int) -> str:
    """How much longer a card is valid, as a sentence goes on: "7 päivällä", "by 7 days"."""
    return ngettext("%(num)s päivällä", "%(num)s päivällä", days)


def details_text(event: AuditEvent) -> str:
    """The event's details as one line; reasons and notes verbatim, amounts formatted."""
    d = event.details or {}
    parts = []
    if "price_cents" in d:
        parts.append(euros(d["price_cents"]))
    if "list_price_cents" in d:
        parts.append(_("listahinta %(price)s", price=euros(d["list_price_cents"])))
    if "payment_method" in d:
        parts.append(str(PAYMENT_METHOD.get(PaymentMethod(d["payment_method"]), d["payment_method"])))
    if "receipt" in d:
        parts.append(_("kuitti %(receipt)s", receipt=d["receipt"]))
    if "refunded_cents" in d:
        parts.append(_("hyvitys %(amount)s", amount=euros(d["refunded_cents"])))
    if "visits" in d:
        parts.append(ngettext("%(num)s käynti", "%(num)s käyntiä", d["visits"]))
    if "visits_carried" in d:
        parts.append(
            ngettext(
                "%(num)s käynti siirtyi uudelle kortille",
                "%(num)s käyntiä siirtyi uudelle kortille",
                d["visits_carried"],
            )
        )
    if "extended_days" in d:
        parts.append(_("voimassaoloa pidennetty %(days)s", days=by_days(d["extended_days"])))
    if "days" in d:
        parts.append(
            ngettext(
                "+%(num)s päivä, voimassa %(day)s asti",
                "+%(num)s päivää, voimassa %(day)s asti",
                d["days"],
                day=date_text(date.fromisoformat(d["valid_until"])),
            )
        )
    for key in ("price_reason", "reason", "note"):
        if d.get(key):
            parts.append(_("”%(text)s”", text=d[key]))
    return ", ".join(parts)
