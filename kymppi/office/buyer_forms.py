"""Forms of the buyer page and of the card and buyer lists.

The list filters are GET forms without CSRF, so a filtered list is a URL that
can be bookmarked and shared. A filter value that isn't one of the choices is
dropped, never an error: a list always renders.
"""

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, RadioField, SearchField, SelectField, StringField, TelField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, Length, ValidationError

from kymppi.domain.buyers import LANGUAGE_MESSAGE, MAX_QUERY_LENGTH, BuyerChanges
from kymppi.domain.contact import EMAIL_MESSAGE, is_plausible_email
from kymppi.domain.errors import too_long
from kymppi.domain.listings import CardFilters, card_filter_options
from kymppi.forms import optional_int
from kymppi.labels import CARD_STATUS, LANGUAGE
from kymppi.models import Buyer, CardStatus

ALL = SelectChoice("", _l("Kaikki"))


def chosen(field: SelectField):
    """The field's value if it is one of its choices, else None."""
    return field.data if field.data in {choice.value for choice in field.choices} else None


class _ListFilterForm(FlaskForm):
    class Meta:
        csrf = False

    q = SearchField(_l("Haku"))

    def __init__(self, formdata: Mapping):
        super().__init__(formdata=formdata)

    @property
    def query(self) -> str:
        return (self.q.data or "")[:MAX_QUERY_LENGTH]

    def params(self) -> dict[str, str]:
        """The filters in effect, as query parameters for sort and page links."""
        return {name: str(field.data) for name, field in self._fields.items() if field.data not in (None, "")}


class CardFilterForm(_ListFilterForm):
    term = SelectField(_l("Lukukausi"), coerce=optional_int, validate_choice=False)
    status = SelectField(
        _l("Tila"),
        choices=[ALL] + [SelectChoice(status.value, label) for status, label in CARD_STATUS.items()],
        validate_choice=False,
    )
    card_type = SelectField(_l("Korttityyppi"), coerce=optional_int, validate_choice=False)

    def __init__(self, formdata: Mapping):
        super().__init__(formdata)
        terms, card_types = card_filter_options()
        self.term.choices = [ALL] + [SelectChoice(term.id, term.name) for term in terms]
        self.card_type.choices = [ALL] + [SelectChoice(ct.id, ct.name) for ct in card_types]
        for field in (self.term, self.status, self.card_type):
            field.data = chosen(field)

    def filters(self) -> CardFilters:
        return CardFilters(
            query=self.query,
            term_id=self.term.data or None,
            status=CardStatus(self.status.data) if self.status.data else None,
            card_type_id=self.card_type.data or None,
        )


class BuyerFilterForm(_ListFilterForm):
    """Only the search box; sorting and paging come from the shared listing parameters."""


def _length(column) -> Length:
    limit = column.type.length
    return Length(max=limit, message=too_long(limit))


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class BuyerForm(FlaskForm):
    """Rule 11's details. Required-ness across fields (email or phone) is the domain's rule, checked there."""

    name = StringField(
        _l("Nimi"), filters=[_strip], validators=[DataRequired(_l("Anna ostajan nimi.")), _length(Buyer.name)]
    )
    email = EmailField(_l("Sähköposti"), filters=[_strip], validators=[_length(Buyer.email)])
    phone = TelField(_l("Puhelin"), filters=[_strip], validators=[_length(Buyer.phone)])
    language = RadioField(
        _l("Asiointikieli"),
        choices=[SelectChoice(language.value, label) for language, label in LANGUAGE.items()],
        validate_choice=False,
        validators=[AnyOf([lang.value for lang in LANGUAGE], LANGUAGE_MESSAGE)],
    )
    municipality = StringField(
        _l("Kotikunta (vapaaehtoinen)"), filters=[_strip], validators=[_length(Buyer.municipality)]
    )
    feedback_consent = BooleanField(_l("Ostaja antaa luvan ottaa yhteyttä palautteen keräämiseksi"))
    new_customer = BooleanField(_l("Uusi asiakas opistolla (kortin ostohetkellä)"))

    def validate_email(self, field):
        """The domain's own check, here too, so a bad address shows together with the other field errors."""
        if field.data and not is_plausible_email(field.data):
            raise ValidationError(EMAIL_MESSAGE)

    def changes(self) -> BuyerChanges:
        return BuyerChanges(
            name=self.name.data or "",
            email=self.email.data or None,
            phone=self.phone.data or None,
            language=self.language.data or "",
            municipality=self.municipality.data or None,
            feedback_consent=self.feedback_consent.data,
            new_customer=self.new_customer.data,
        )
