"""Audit events in words for the admin's log: every action's name, and each detail as label and value.

The card page's wording (kymppi.office.history) is reused for the card
events, so an event reads the same on both pages; the rest are the staff,
buyer, catalogue and feedback events only the admin's log shows.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from kymppi.labels import LANGUAGE, ROLE
from kymppi.models import AuditEvent, Language, Role
from kymppi.office import history

ACTION = {
    **history.ACTION,
    "reminders_turned_on": _l("Muistutukset tilattu"),
    "reminders_turned_off": _l("Muistutukset peruttu"),
    "buyer_updated": _l("Ostajan tiedot muutettu"),
    "buyer_language_chosen": _l("Ostaja valitsi kielen"),
    "buyer_anonymised": _l("Ostajan tiedot anonymisoitu"),
    "buyer_data_exported": _l("Ostajan tiedot viety tiedostoksi"),
    "user_created": _l("Käyttäjä lisätty"),
    "user_details_changed": _l("Käyttäjän nimi tai sähköposti muutettu"),
    "role_changed": _l("Käyttäjän rooli vaihdettu"),
    "language_changed": _l("Käyttäjän kieli vaihdettu"),
    "password_reset": _l("Käyttäjän salasana asetettu"),
    "user_deactivated": _l("Käyttäjä poistettu käytöstä"),
    "user_reactivated": _l("Käyttäjä otettu takaisin käyttöön"),
    "api_token_created": _l("Rajapinta-avain tehty"),
    "api_token_revoked": _l("Rajapinta-avain peruttu"),
    "term_created": _l("Lukukausi lisätty"),
    "term_updated": _l("Lukukausi muutettu"),
    "card_type_created": _l("Korttityyppi lisätty"),
    "card_type_updated": _l("Korttityyppi muutettu"),
    "category_created": _l("Kurssikategoria lisätty"),
    "category_updated": _l("Kurssikategoria muutettu"),
    "course_created": _l("Kurssi lisätty"),
    "course_updated": _l("Kurssi muutettu"),
    "courses_imported": _l("Kurssit tuotu CSV-tiedostosta"),
    "organization_saved": _l("Opiston tiedot tallennettu"),
    "feedback_round_started": _l("Palautekierros aloitettu"),
    "feedback_round_closed": _l("Palautekierros suljettu"),
    "feedback_messages_edited": _l("Palautekierroksen viestit muutettu"),
}

DETAIL = {
    "user_id": _l("käyttäjä"),
    "buyer_id": _l("ostaja"),
    "token_id": _l("avain"),
    "role": _l("rooli"),
    "old": _l("ennen"),
    "new": _l("uusi"),
    "language": _l("kieli"),
    "fields": _l("kentät"),
    "changes": _l("muutokset"),
    "cutoff": _l("viimeinen kortti voimassa ennen"),
    "round_id": _l("palautekierros"),
    "invited": _l("kutsuttuja"),
    "accent_colour": _l("väri"),
    "check_in_id": _l("käynti"),
    "old_card_id": _l("vanha kortti"),
    "new_card_id": _l("uusi kortti"),
    "to_card_id": _l("kortille"),
    "from_card_id": _l("kortilta"),
    "card_type_id": _l("korttityyppi"),
    "term_id": _l("lukukausi"),
    "category_id": _l("kurssikategoria"),
    "course_id": _l("kurssi"),
    "source": _l("lähde"),
    "valid_until_before": _l("voimassa ennen"),
    "update": _l("muutettuja"),
    "unchanged": _l("ennallaan"),
}
# Details whose values are a role's or a language's code.
_NAMED = frozenset({"role", "old", "new", "language"})
# What history.details_text already says in a sentence of its own.
_IN_SUMMARY = frozenset(
    {
        "price_cents",
        "list_price_cents",
        "payment_method",
        "receipt",
        "refunded_cents",
        "visits",
        "visits_carried",
        "extended_days",
        "days",
        "valid_until",
        "price_reason",
        "reason",
        "note",
    }
)


def action_text(action: str) -> str:
    """The action's name in the reader's language; an action this table doesn't know yet, as written."""
    return str(ACTION.get(action, action))


def summary(event: AuditEvent) -> str:
    """Amounts, visits, dates and reasons as one line, as the card page shows them."""
    return history.details_text(event)


def detail_rows(event: AuditEvent) -> list[tuple[str, str]]:
    """The other details, each as (label, value): ids, fields changed, roles and languages named."""
    return [
        (str(DETAIL.get(key, key)), _named(value) if key in _NAMED else _value(value))
        for key, value in (event.details or {}).items()
        if key not in _IN_SUMMARY
    ]


def _value(value) -> str:
    if isinstance(value, bool):
        return _("kyllä") if value else _("ei")
    if value is None:
        return "–"
    if isinstance(value, dict):
        return "; ".join(f"{key}: {_value(old)} → {_value(new)}" for key, (old, new) in value.items())
    if isinstance(value, list):
        return ", ".join(_value(item) for item in value)
    return str(value)


def _named(value) -> str:
    """A role or a language code in words ("office" → "Toimistosihteeri"); anything else as `_value` writes it."""
    for enum, labels in ((Role, ROLE), (Language, LANGUAGE)):
        try:
            return str(labels[enum(value)])
        except ValueError:
            continue
    return _value(value)
