"""The period picker every report page starts with: a term, or a date range that overrides it.

A GET form without CSRF, so a report is a URL to bookmark and send on. A
range that makes no sense (ends before it starts, longer than the catalogue
allows) is an error shown next to the field; the page then falls back to the
chosen term, so it always renders.
"""

from collections.abc import Mapping
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DateRange, Optional

from kymppi.domain import catalog_queries
from kymppi.domain.catalog import DATE_RANGE_MESSAGE, FIRST_DATE, LAST_DATE
from kymppi.domain.periods import Period, reporting_term
from kymppi.forms import optional_int

DATE_FORMATS = ["%Y-%m-%d", "%d.%m.%Y"]  # the date picker's, then typed Finnish dates
INVALID_DATE = _l("Anna päivämäärä muodossa pp.kk.vvvv.")


def _date(label) -> DateField:
    return DateField(
        label,
        format=DATE_FORMATS,
        validators=[Optional(), DateRange(FIRST_DATE, LAST_DATE, _l(DATE_RANGE_MESSAGE))],
        invalid_value_message=INVALID_DATE,
    )


class PeriodForm(FlaskForm):
    class Meta:
        csrf = False

    term = SelectField(_l("Lukukausi"), coerce=optional_int, validate_choice=False)
    starts_on = _date(_l("Tai aikaväli: alkaen"))
    ends_on = _date(_l("asti"))

    def __init__(self, formdata: Mapping, today: date):
        super().__init__(formdata=formdata)
        terms = catalog_queries.terms()
        self.term.choices = [SelectChoice(term.id, term.name) for term in terms]
        by_id = {term.id: term for term in terms}
        if self.term.data not in by_id:
            default = reporting_term(today)
            self.term.data = default.id if default else None
        self._term = by_id.get(self.term.data)
        self._range_ok = self.validate()

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if bool(self.starts_on.data) != bool(self.ends_on.data):
            missing = self.ends_on if self.starts_on.data else self.starts_on
            missing.errors.append(_("Anna aikavälille sekä alku- että loppupäivä."))
            return False
        if self.starts_on.data and self.ends_on.data < self.starts_on.data:
            self.ends_on.errors.append(_("Loppupäivä on ennen alkupäivää."))
            return False
        return True

    @property
    def period(self) -> Period | None:
        """The date range if one was given and is sound, else the chosen term; None when there are no terms."""
        if self._range_ok and self.starts_on.data:
            return Period(self.starts_on.data, self.ends_on.data)
        return Period.of_term(self._term) if self._term else None

    def params(self) -> dict[str, str]:
        """The period in effect, as query parameters for links to the other reports and the exports."""
        period = self.period
        if period is None:
            return {}
        if period.term is not None:
            return {"term": str(period.term.id)}
        return {"starts_on": period.starts_on.isoformat(), "ends_on": period.ends_on.isoformat()}
