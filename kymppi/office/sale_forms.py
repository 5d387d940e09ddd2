"""The sale form: a buyer (found or new), a card type, the price and the payment."""

import secrets

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
from kymppi.domain.sales import BuyerDetails, Sale
from kymppi.formatting import date_text, euros
from kymppi.forms import EurosField, euros_input, price_range
from kymppi.labels import LANGUAGE, PAYMENT_METHOD
from kymppi.models import CardType, Language, PaymentMethod
from kymppi.routing import id_field

LANGUAGES = [SelectChoice(language.value, label) for language, label in LANGUAGE.items()]


class SaleForm(FlaskForm):
    sale_key = HiddenField()
    buyer_id = id_field("Valittu ostaja")
    name = StringField("Nimi", validators=[Length(max=200, message="Enintään 200 merkkiä.")])
    email = EmailField(
        "Sähköposti",
        validators=[Length(max=254, message="Enintään 254 merkkiä.")],
    )
    phone = TelField("Puhelin", validators=[Length(max=40, message="Enintään 40 merkkiä.")])
    language = RadioField("Asiointikieli", choices=LANGUAGES, default=Language.FI.value)
    municipality = StringField(
        "Kotikunta (vapaaehtoinen)", validators=[Length(max=100, message="Enintään 100 merkkiä.")]
    )
    new_customer = RadioField(
        "Onko ostaja opiston uusi asiakas?",
        choices=[SelectChoice("yes", "Kyllä, uusi asiakas"), SelectChoice("no", "Ei, on ollut kursseilla ennen")],
        validate_choice=False,
    )
    feedback_consent = BooleanField("Ostaja antaa luvan ottaa yhteyttä palautteen keräämiseksi")
    card_type = SelectField("Korttityyppi", coerce=int, validators=[InputRequired("Valitse korttityyppi.")])
    price = EurosField("Hinta (€)", validators=[Optional(), price_range()])
    price_reason = StringField("Hinnanmuutoksen syy", validators=[Length(max=200, message="Enintään 200 merkkiä.")])
    payment_method = RadioField(
        "Maksutapa",
        choices=[SelectChoice(method.value, label) for method, label in PAYMENT_METHOD.items()],
        validators=[InputRequired("Valitse maksutapa.")],
    )
    payment_reference = StringField(
        "Maksun viite (vapaaehtoinen)", validators=[Length(max=100, message="Enintään 100 merkkiä.")]
    )

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
            raise ValidationError("Anna ostajan nimi.")

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
            raise ValidationError("Kysy ostajalta, onko hän opiston uusi asiakas.")

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
            raise ValidationError("Kerro, miksi hinta poikkeaa korttityypin hinnasta.")

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
    return (
        f"{card_type.name} – {card_type.visits} käyntiä – {euros(card_type.price_cents)} – "
        f"voimassa {date_text(card_type.valid_from)}–{date_text(card_type.valid_until)}"
    )
