"""Reading API request bodies into plain values, naming every field that is wrong.

What is wrong is said in the request's language, the token's or the staff
user's own (kymppi.i18n): a tablet shows it to an instructor, a script's
log to its developer. The English texts are the API's texts of before,
word for word, for the scripts that already read them.
"""

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import Request
from flask_babel import gettext as _
from flask_babel import ngettext

from kymppi.domain.contact import PHONE, is_plausible_email
from kymppi.domain.offline_refusals import OFFLINE_REFUSALS
from kymppi.domain.outcomes import CheckInOutcome
from kymppi.domain.sales import MAX_PRICE_CENTS, BuyerDetails, Sale
from kymppi.domain.text import has_control_characters
from kymppi.models import Buyer, Card, CheckInSource, Language, PaymentMethod
from kymppi.orm import MAX_ID

CLIENT_ID = re.compile(r"[A-Za-z0-9._:-]{8,64}")
# Scan times outside these years are typos or attacks, and overflow time zone arithmetic.
EARLIEST_SCAN = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_SCAN = datetime(2100, 1, 1, tzinfo=UTC)
# A tablet's clock may run a little ahead; more than this is a wrong clock, not a scan.
SCAN_CLOCK_SKEW = timedelta(minutes=5)
BACKDATE_WITHOUT_OFFICE = timedelta(days=14)
# The longest reason stored for an undone check-in (CheckIn.undo_reason).
REASON_LENGTH = 500


class PayloadError(ValueError):
    """A request the API refuses, every wrong field named; 400 unless a field needs more rights."""

    def __init__(self, errors: dict[str, str], *, status: int = 400):
        super().__init__("invalid request body")
        self.errors = errors
        self.status = status


@dataclass(frozen=True)
class CheckInRequest:
    code: str
    course_id: int
    source: CheckInSource
    client_id: str | None
    scanned_at: datetime | None


def check_in_request(body: Any, *, now: datetime, may_backdate: bool) -> CheckInRequest:
    """A scan from a tablet or a script.

    `scanned_at` decides the session, so it is the one thing a device could
    lie about: a clock running ahead is refused, and a scan replayed from more
    than two weeks back (a forgotten offline queue, or someone filling in a
    register) needs the office's rights.
    """
    if not isinstance(body, dict):
        raise PayloadError({"body": _("Odotettiin JSON-objektia.")})
    errors: dict[str, str] = {}
    code = body.get("code")
    if not isinstance(code, str) or not code.strip() or len(code) > 500:
        errors["code"] = _("Kortin osoite, salaisuus tai numero puuttuu.")
    course_id = body.get("course_id")
    if not isinstance(course_id, int) or isinstance(course_id, bool) or not 1 <= course_id <= MAX_ID:
        errors["course_id"] = _("Kurssin tunniste on annettava positiivisena kokonaislukuna.")
    source = body.get("source", CheckInSource.MANUAL.value)
    if not isinstance(source, str) or source not in {s.value for s in CheckInSource}:
        errors["source"] = _one_of(s.value for s in CheckInSource)
    client_id = body.get("client_id")
    if client_id is not None and (not isinstance(client_id, str) or not CLIENT_ID.fullmatch(client_id)):
        errors["client_id"] = _("8–64 merkkiä: kirjaimia, numeroita ja . _ : - (UUID käy).")
    scanned_at = _timestamp(body.get("scanned_at"), errors)
    if scanned_at is not None and scanned_at > now + SCAN_CLOCK_SKEW:
        errors["scanned_at"] = _("Saa olla enintään 5 minuuttia tulevaisuudessa.")
    if errors:
        raise PayloadError(errors)
    if scanned_at is not None and scanned_at < now - BACKDATE_WITHOUT_OFFICE and not may_backdate:
        raise PayloadError(
            {"scanned_at": _("Yli 14 päivää vanhan leimauksen voi kirjata vain toimisto tai pääkäyttäjä.")}, status=403
        )
    return CheckInRequest(code.strip(), course_id, CheckInSource(source), client_id, scanned_at)


@dataclass(frozen=True)
class RefusalReport:
    scan: CheckInRequest
    outcome: CheckInOutcome


def refusal_report(body: Any, *, now: datetime, may_backdate: bool) -> RefusalReport:
    """A tablet's report of a scan it refused offline: the scan as for a check-in, with the
    time it was taken, its client_id and the reason the tablet gave at the door."""
    scan = check_in_request(body, now=now, may_backdate=may_backdate)
    errors: dict[str, str] = {}
    outcome = body.get("outcome")
    if outcome not in {o.value for o in OFFLINE_REFUSALS}:
        errors["outcome"] = _one_of(sorted(o.value for o in OFFLINE_REFUSALS))
    if scan.client_id is None:
        errors["client_id"] = _("Pakollinen: kahdesti lähetetty ilmoitus kirjataan kerran.")
    if scan.scanned_at is None:
        errors["scanned_at"] = _("Pakollinen: milloin tabletti hylkäsi leimauksen.")
    if scan.source is CheckInSource.OFFLINE:
        errors["source"] = _("Miten koodi luettiin: camera, scanner tai manual.")
    if errors:
        raise PayloadError(errors)
    return RefusalReport(scan, CheckInOutcome(outcome))


def _timestamp(value: Any, errors: dict[str, str]) -> datetime | None:
    """When the scan happened (offline queues sync later); ISO 8601 with a UTC offset."""
    if value is None:
        return None
    try:
        at = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        at = None
    if at is None or at.tzinfo is None:
        errors["scanned_at"] = _("ISO 8601 -aikaleima aikavyöhykkeineen, esim. 2026-11-22T18:02:00+02:00.")
        return None
    if not EARLIEST_SCAN <= at < LATEST_SCAN:
        errors["scanned_at"] = _("Aika vuosien 2000 ja 2099 väliltä.")
        return None
    return at


def session_day(value: str | None, *, today: date) -> date:
    """A roster's `date` query parameter (YYYY-MM-DD); absent means today."""
    if value is None:
        return today
    try:
        day = date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        day = None
    if day is None or not EARLIEST_SCAN.date() <= day < LATEST_SCAN.date():
        raise PayloadError({"date": _("Päivä muodossa VVVV-KK-PP vuosien 2000 ja 2099 väliltä.")})
    return day


def undo_reason(body: Any) -> str | None:
    if body is None:
        return None
    if not isinstance(body, dict):
        raise PayloadError({"body": _("Odotettiin JSON-objektia.")})
    reason = body.get("reason")
    if reason is not None and (not isinstance(reason, str) or len(reason) > REASON_LENGTH):
        raise PayloadError(
            {
                "reason": ngettext(
                    "Tekstiä, enintään %(num)s merkki.", "Tekstiä, enintään %(num)s merkkiä.", REASON_LENGTH
                )
            }
        )
    return reason


def read_json(request: Request) -> Any:
    """The request's JSON, or None for a body that isn't JSON.

    Flask's `silent=True` covers malformed JSON but not JSON nested deeper than
    the parser's recursion limit, which would otherwise end in a 500.
    """
    try:
        return request.get_json(silent=True)
    except RecursionError:
        return None


SALE_FIELDS = frozenset(
    {"buyer", "card_type_id", "payment_method", "payment_reference", "price_cents", "price_reason", "sale_key"}
)
NEW_BUYER_FIELDS = frozenset({"name", "email", "phone", "language", "new_customer", "feedback_consent", "municipality"})
# As on the office sale form, so both channels accept the same sales.
PRICE_REASON_LENGTH = 200


def sale_request(body: Any) -> Sale:
    """A sale from the API body. Unknown fields are refused: a misspelt "price" must not
    quietly sell at the list price."""
    if not isinstance(body, dict):
        raise PayloadError({"body": _("Odotettiin JSON-objektia.")})
    errors = _unknown_fields(body, SALE_FIELDS, "")
    buyer_id, new_buyer = _sale_buyer(body.get("buyer"), errors)
    card_type_id = _id(body.get("card_type_id"), "card_type_id", errors)
    payment_method = body.get("payment_method")
    if not isinstance(payment_method, str) or payment_method not in {m.value for m in PaymentMethod}:
        errors["payment_method"] = _one_of(m.value for m in PaymentMethod)
    reference = _text(body, "payment_reference", Card.payment_reference.type.length, errors)
    price_cents, price_reason = _price(body, errors)
    sale_key = body.get("sale_key")
    if sale_key is not None and (not isinstance(sale_key, str) or not CLIENT_ID.fullmatch(sale_key)):
        errors["sale_key"] = _("8–64 merkkiä: kirjaimia, numeroita ja . _ : -")
    if errors:
        raise PayloadError(errors)
    return Sale(
        card_type_id=card_type_id,
        payment_method=PaymentMethod(payment_method),
        buyer_id=buyer_id,
        new_buyer=new_buyer,
        payment_reference=reference,
        price_cents=price_cents,
        price_reason=price_reason,
        sale_key=sale_key,
    )


def _sale_buyer(buyer: Any, errors: dict[str, str]) -> tuple[int | None, BuyerDetails | None]:
    if not isinstance(buyer, dict):
        errors["buyer"] = _('Objekti: {"buyer_id": …} tai uuden ostajan tiedot.')
        return None, None
    if "buyer_id" in buyer:
        if len(buyer) > 1:
            errors["buyer"] = _("Joko buyer_id tai uuden ostajan tiedot, ei molempia.")
        return _id(buyer["buyer_id"], "buyer.buyer_id", errors), None
    return None, _new_buyer(buyer, errors)


def _new_buyer(buyer: dict, errors: dict[str, str]) -> BuyerDetails | None:
    """Rule 11: name, email and/or phone, language, explicit consent, new customer, municipality."""
    before = len(errors)
    errors.update(_unknown_fields(buyer, NEW_BUYER_FIELDS, "buyer."))
    name = _text(buyer, "name", Buyer.name.type.length, errors, prefix="buyer.", required=True)
    email = _text(buyer, "email", Buyer.email.type.length, errors, prefix="buyer.")
    if email is not None and not is_plausible_email(email):
        errors["buyer.email"] = _("Sähköpostiosoite ei kelpaa.")
    phone = _text(buyer, "phone", Buyer.phone.type.length, errors, prefix="buyer.")
    if phone is not None and not PHONE.fullmatch(phone):
        errors["buyer.phone"] = _("Numeroita, välilyöntejä, viivoja, sulkeita ja alussa +.")
    if email is None and phone is None and not {"buyer.email", "buyer.phone"} & errors.keys():
        errors["buyer.email"] = _("Sähköposti tai puhelin tarvitaan.")
    municipality = _text(buyer, "municipality", Buyer.municipality.type.length, errors, prefix="buyer.")
    language = buyer.get("language", Language.FI.value)
    if not isinstance(language, str) or language not in {lang.value for lang in Language}:
        errors["buyer.language"] = _one_of(lang.value for lang in Language)
    new_customer = buyer.get("new_customer")
    if not isinstance(new_customer, bool):
        errors["buyer.new_customer"] = _("true tai false: onko ostaja opistossa uusi?")
    feedback_consent = buyer.get("feedback_consent", False)
    if not isinstance(feedback_consent, bool):
        errors["buyer.feedback_consent"] = _("true tai false")
    if len(errors) > before:
        return None
    return BuyerDetails(name, new_customer, email, phone, Language(language), feedback_consent, municipality)


def _price(body: dict, errors: dict[str, str]) -> tuple[int | None, str | None]:
    """An office price change: the amount in cents and, always with it, the reason."""
    price = body.get("price_cents")
    reason = _text(body, "price_reason", PRICE_REASON_LENGTH, errors)
    if price is None:
        if reason is not None:
            errors["price_reason"] = _("Vain yhdessä price_cents-kentän kanssa.")
        return None, None
    if not isinstance(price, int) or isinstance(price, bool) or not 0 <= price <= MAX_PRICE_CENTS:
        errors["price_cents"] = _("Kokonaisluku sentteinä väliltä 0–%(max)s.", max=MAX_PRICE_CENTS)
    if reason is None and "price_reason" not in errors:
        errors["price_reason"] = _("Muutettu hinta tarvitsee syyn.")
    return price, reason


def _id(value: Any, field: str, errors: dict[str, str]) -> int | None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_ID:
        errors[field] = _("Tunniste on annettava positiivisena kokonaislukuna.")
        return None
    return value


def _text(
    body: dict,
    field: str,
    limit: int,
    errors: dict[str, str],
    *,
    prefix: str = "",
    required: bool = False,
) -> str | None:
    """An optional (or required) single line of text, stripped; blank counts as absent."""
    value = body.get(field)
    name = prefix + field
    if value is not None and not isinstance(value, str):
        errors[name] = _("Odotettiin tekstiä.")
    elif value is not None and has_control_characters(value):
        errors[name] = _("Ei ohjausmerkkejä (sarkaimia, rivinvaihtoja, NUL).")
    elif value is not None and len(value.strip()) > limit:
        errors[name] = ngettext("Enintään %(num)d merkki.", "Enintään %(num)d merkkiä.", limit)
    elif not (value or "").strip():
        if required:
            errors[name] = _("Pakollinen.")
    else:
        return value.strip()
    return None


def _unknown_fields(body: dict, known: frozenset[str], prefix: str) -> dict[str, str]:
    return {prefix + key: _("Tuntematon kenttä.") for key in body if key not in known}


def flag(value: str | None, field: str) -> bool | None:
    """A true/false query parameter; absent is None."""
    if value is None:
        return None
    if value not in ("true", "false"):
        raise PayloadError({field: _("true tai false")})
    return value == "true"


def _one_of(values) -> str:
    """The values a field may take are the API's own codes, the same in every language."""
    return _("Yksi näistä: %(values)s", values=", ".join(values))
