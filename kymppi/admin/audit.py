"""The audit log (tapahtumaloki): every recorded change, newest first, searchable, and read-only.

Only GET: the page lists and filters, and no route of the app changes or
deletes an event (tests/test_audit_log.py checks the URL map for it). The
filters are a GET form without CSRF like the office's lists, so a search is a
URL to bookmark; a value that isn't a choice, or a date that isn't one, is
dropped, never an error.
"""

from collections.abc import Mapping

from flask import render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SearchField, SelectField
from wtforms.fields.choices import SelectChoice

from kymppi.admin import audit_texts, bp
from kymppi.domain.audit_log import AuditFilters, actors, audit_events, card_numbers
from kymppi.domain.listings import read_page
from kymppi.forms import optional_int
from kymppi.office.buyer_forms import ALL, chosen

# Longer than any card number typed with dashes and spaces; a pasted essay is cut.
MAX_NUMBER_LENGTH = 40


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    action = SelectField(_l("Tapahtuma"), validate_choice=False)
    actor = SelectField(_l("Tekijä"), coerce=optional_int, validate_choice=False)
    card = SearchField(_l("Kortin numero"))
    since = DateField(_l("Alkaen"))
    until = DateField(_l("Asti"))

    def __init__(self, formdata: Mapping):
        super().__init__(formdata=formdata)
        labels = sorted(audit_texts.ACTION.items(), key=lambda item: str(item[1]))
        self.action.choices = [ALL] + [SelectChoice(action, label) for action, label in labels]
        self.actor.choices = [ALL] + [SelectChoice(user.id, user.name) for user in actors()]
        for field in (self.action, self.actor):
            field.data = chosen(field)

    def filters(self) -> AuditFilters:
        return AuditFilters(
            action=self.action.data or None,
            actor_id=self.actor.data,
            card_number=(self.card.data or "")[:MAX_NUMBER_LENGTH],
            since=self.since.data,
            until=self.until.data,
        )

    def params(self) -> dict[str, str]:
        """The filters in effect, as query parameters for the page links."""
        filters = self.filters()
        params = {
            "action": filters.action or "",
            "actor": str(filters.actor_id or ""),
            "card": filters.card_number.strip(),
            "since": filters.since.isoformat() if filters.since else "",
            "until": filters.until.isoformat() if filters.until else "",
        }
        return {name: value for name, value in params.items() if value}


@bp.get("/audit")
def audit_log():
    form = AuditFilterForm(request.args)
    page = audit_events(form.filters(), read_page(request.args))
    return render_template(
        "admin/audit.html",
        form=form,
        page=page,
        args=form.params(),
        numbers=card_numbers({event.card_id for event in page.items if event.card_id is not None}),
        texts=audit_texts,
    )
