"""The sale form: a buyer (found or new), a card type, the price and the payment."""

import secrets

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
    TelField,
)
from wtforms.validators import InputRequired, Length, Optional, ValidationError

from kymppi.domain.contact import EMAIL_MESSAGE, PHONE, PHONE_MESSAGE, REACHABLE_MESSAGE, is_plausible_email
from kymppi.domain.errors import too_long
from kymppi.domain.sales import PRICE_REASON_MESSAGE, BuyerDetails, Sale
from kymppi.formatting import date_text, euros
from kymppi.forms import EurosField, euros_input, price_range
from kymppi.labels import LANGUAGE, PAYMENT_METHOD
from kymppi.models import CardType, Language, PaymentMethod
from kymppi.routing import id_field

LANGUAGES = [SelectChoice(language.value, label) for language, label in LANGUAGE.items()]


def _length(limit: int) -> Length:
    return Length(max=limit, message=too_long(limit))


class SaleForm(FlaskForm):
    sale_key = HiddenField()
    buyer_id = id_field(_l("Valittu ostaja"))
    name = StringField(_l("Nimi"), validators=[_length(200)])
    email = EmailField(_l("Sähköposti"), validators=[_length(254)])
    phone = TelField(_l("Puhelin"), validators=[_length(40)])
    language = RadioField(_l("Asiointikieli"), choices=LANGUAGES, default=Language.FI.value)
    municipality = StringField(_l("Kotikunta (vapaaehtoinen)"), validators=[_length(100)])
    new_customer = RadioField(
        _l("Onko ostaja opiston uusi asiakas?"),
        choices=[
            SelectChoice("yes", _l("Kyllä, uusi asiakas")),
            SelectChoice("no", _l("Ei, on ollut kursseilla ennen")),
        ],
        validate_choice=False,
    )
    feedback_consent = BooleanField(_l("Ostaja antaa luvan ottaa yhteyttä palautteen keräämiseksi"))
    card_type = SelectField(_l("Korttityyppi"), coerce=int, validators=[InputRequired(_l("Valitse korttityyppi."))])
    price = EurosField(_l("Hinta (€)"), validators=[Optional(), price_range()])
    price_reason = StringField(_l("Hinnanmuutoksen syy"), validators=[_length(200)])
    payment_method = RadioField(
        _l("Maksutapa"),
        choices=[SelectChoice(method.value, label) for method, label in PAYMENT_METHOD.items()],
        validators=[InputRequired(_l("Valitse maksutapa."))],
    )
    payment_reference = StringField(_l("Maksun viite (vapaaehtoinen)"), validators=[_length(100)])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.sale_key.data:
            self.renew_sale_key()
        self._list_prices: dict[int, int] = {}

    def renew_sale_key(self) -> None:
        """One key per form shown: a double submit carries the same key and sells once."""
        self.sale_key.data = secrets.token_urlsafe(24)

    def validate_name(self, field):
        if self.buyer_id.data is None and not (field.data or "").strip():
            raise ValidationError(_("Anna ostajan nimi."))

    def validate_email(self, field):
        email = (field.data or "").strip()
        if self.buyer_id.data is None and email and not is_plausible_email(email):
            raise ValidationError(EMAIL_MESSAGE)

    def validate_phone(self, field):
        """The domain checks the same; checking here too shows every mistake at once."""
        if self.buyer_id.data is not None:
            return
        phone = (field.data or "").strip()
        if not phone and not (self.email.data or "").strip():
            raise ValidationError(REACHABLE_MESSAGE)
        if phone and not PHONE.fullmatch(phone):
            raise ValidationError(PHONE_MESSAGE)

    def validate_new_customer(self, field):
        if self.buyer_id.data is None and field.data not in ("yes", "no"):
            raise ValidationError(_("Kysy ostajalta, onko hän opiston uusi asiakas."))

    def offer(self, card_types: list[CardType]) -> None:
        """The card types on sale today become the choices; their prices decide
        whether a typed price is an override that needs a reason."""
        self.card_type.choices = [
            SelectChoice(t.id, _card_type_label(t), {"data-price": euros_input(t.price_cents)}) for t in card_types
        ]
        self._list_prices = {t.id: t.price_cents for t in card_types}
        if card_types and not self.is_submitted():
            self.card_type.data = self.card_type.data or card_types[0].id
            self.price.data = self._list_prices.get(self.card_type.data)

    def validate_price_reason(self, field):
        if self.price_overridden and not (field.data or "").strip():
            raise ValidationError(PRICE_REASON_MESSAGE)

    @property
    def price_overridden(self) -> bool:
        list_price = self._list_prices.get(self.card_type.data)
        return self.price.data is not None and list_price is not None and self.price.data != list_price

    def sale(self) -> Sale:
        overridden = self.price_overridden
        return Sale(
            card_type_id=self.card_type.data,
            payment_method=PaymentMethod(self.payment_method.data),
            buyer_id=self.buyer_id.data,
            new_buyer=None if self.buyer_id.data is not None else self._new_buyer(),
            payment_reference=self.payment_reference.data,
            price_cents=self.price.data if overridden else None,
            price_reason=self.price_reason.data if overridden else None,
            sale_key=self.sale_key.data,
        )

    def _new_buyer(self) -> BuyerDetails:
        return BuyerDetails(
            name=self.name.data or "",
            new_customer=self.new_customer.data == "yes",
            email=self.email.data,
            phone=self.phone.data,
            language=Language(self.language.data),
            feedback_consent=self.feedback_consent.data,
            municipality=self.municipality.data,
        )


def _card_type_label(card_type: CardType) -> str:
    return _(
        "%(name)s – %(visits)s – %(price)s – voimassa %(start)s–%(end)s",
        name=card_type.name,
        visits=ngettext("%(num)s käynti", "%(num)s käyntiä", card_type.visits),
        price=euros(card_type.price_cents),
        start=date_text(card_type.valid_from),
        end=date_text(card_type.valid_until),
    )
