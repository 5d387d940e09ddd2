"""The refused-scan list's filter form.

A GET form without CSRF like the other lists' filters, so "this week's
conflicts" is a URL to bookmark. A value that isn't one of the choices, or a
date that isn't a date, is dropped, never an error: the list always renders.
"""

from collections.abc import Mapping

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField
from wtforms.fields.choices import SelectChoice

from kymppi.domain.outcomes import CheckInOutcome
from kymppi.domain.refusals import RefusalFilters
from kymppi.labels import REFUSAL_REASON
from kymppi.office.buyer_forms import ALL


class RefusalFilterForm(FlaskForm):
    class Meta:
        csrf = False

    conflicts = BooleanField(_l("Vain offline-ristiriidat"))
    outcome = SelectField(
        _l("Syy"),
        choices=[ALL] + [SelectChoice(outcome.value, label) for outcome, label in REFUSAL_REASON.items()],
        validate_choice=False,
    )
    since = DateField(_l("Kurssikerta alkaen"))
    until = DateField(_l("Kurssikerta asti"))

    def __init__(self, formdata: Mapping):
        super().__init__(formdata=formdata)
        if self.outcome.data not in REFUSAL_REASON:
            self.outcome.data = ""

    def filters(self) -> RefusalFilters:
        return RefusalFilters(
            conflicts_only=self.conflicts.data,
            outcome=CheckInOutcome(self.outcome.data) if self.outcome.data else None,
            since=self.since.data,
            until=self.until.data,
        )

    def params(self) -> dict[str, str]:
        """The filters in effect, as query parameters for sort and page links."""
        params = {
            "conflicts": "y" if self.conflicts.data else "",
            "outcome": self.outcome.data,
            "since": self.since.data.isoformat() if self.since.data else "",
            "until": self.until.data.isoformat() if self.until.data else "",
        }
        return {name: value for name, value in params.items() if value}
