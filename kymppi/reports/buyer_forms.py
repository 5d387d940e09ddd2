"""The buyer list's filters: whose consent, which card type, which status.

A GET form without CSRF like the office lists; a value that isn't one of the
choices is dropped, so the list always renders.
"""

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from kymppi.domain import catalog_queries
from kymppi.domain.term_buyers import BuyerFilters
from kymppi.forms import optional_int
from kymppi.labels import CARD_STATUS
from kymppi.models import CardStatus
from kymppi.office.buyer_forms import ALL, chosen

CONSENTING, EVERYONE = "consent", "all"


class BuyerListForm(FlaskForm):
    class Meta:
        csrf = False

    consent = SelectField(
        _l("Palautelupa"),
        choices=[SelectChoice(CONSENTING, _l("Vain luvan antaneet")), SelectChoice(EVERYONE, _l("Kaikki ostajat"))],
        validate_choice=False,
    )
    card_type = SelectField(_l("Korttityyppi"), coerce=optional_int, validate_choice=False)
    status = SelectField(
        _l("Kortin tila"),
        choices=[ALL] + [SelectChoice(status.value, label) for status, label in CARD_STATUS.items()],
        validate_choice=False,
    )

    def __init__(self, formdata: Mapping):
        super().__init__(formdata=formdata)
        self.card_type.choices = [ALL] + [SelectChoice(ct.id, ct.name) for ct in catalog_queries.card_types()]
        self.consent.data = chosen(self.consent) or CONSENTING
        self.card_type.data = chosen(self.card_type)
        self.status.data = chosen(self.status)

    def filters(self, *, for_contacting: bool = False) -> BuyerFilters:
        """An export is for contacting buyers: it never includes those without consent, whatever the table shows."""
        return BuyerFilters(
            consent_only=for_contacting or self.consent.data == CONSENTING,
            card_type_id=self.card_type.data or None,
            status=CardStatus(self.status.data) if self.status.data else None,
        )

    def params(self) -> dict[str, str]:
        return {name: str(field.data) for name, field in self._fields.items() if field.data not in (None, "")}
