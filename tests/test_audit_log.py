"""The admin's audit log: every event in words, newest first, paged, searchable, admin-only and read-only."""

import inspect
import re
from datetime import date
from pathlib import Path

import pytest

from kymppi.admin import audit_texts
from kymppi.domain import audit
from kymppi.domain.card_status import cancel_card
from kymppi.domain.listings import PER_PAGE
from kymppi.domain.organization import OrganizationDetails, save_settings
from kymppi.domain.staff import change_role, create_user
from kymppi.extensions import db
from kymppi.models import AuditEvent, Language, Role
from tests.factories import on
from tests.rows import audit_events

LOG = "/admin/audit"
KYMPPI = Path(__file__).parents[1] / "kymppi"


def rows(page: str) -> list[str]:
    """The table's rows, each as its text with the markup stripped."""
    body = page.partition("<tbody>")[2].partition("</tbody>")[0]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in body.split("<tr>")[1:]]


def test_events_are_listed_newest_first_in_words(client, login, world, make_card):
    card = make_card()
    cancel_card(card.id, by=world.office, reason="Ostaja perui")
    login(Role.ADMIN)
    listed = rows(client.get(LOG).get_data(as_text=True))
    assert listed[0].startswith(tuple("0123456789"))  # the time comes first
    assert "Peruttu" in listed[0] and "”Ostaja perui”" in listed[0] and world.office.name in listed[0]
    assert "Myyty" in listed[1] and "50,00 €" in listed[1] and "käteinen" in listed[1].lower()
    assert card.number[:4] in listed[1]


def test_details_name_roles_and_languages_in_the_readers_language(client, login, make_user):
    admin = login(Role.ADMIN, language=Language.EN)
    colleague = make_user(Role.OFFICE)
    change_role(colleague, Role.ADMIN, by=admin)
    (row,) = rows(client.get(LOG).get_data(as_text=True))
    assert "role changed" in row
    assert row.endswith(f"{admin.name} user {colleague.id} before Office secretary new Administrator")


def test_the_search_narrows_by_action_actor_card_and_dates(client, login, world, make_card):
    first, second = make_card(), make_card(name="Olli Toinen")
    cancel_card(first.id, by=world.office, reason="Muutti")
    audit.record("card_printed", by=world.instructor, at=on(date(2026, 9, 1)), card_id=second.id)
    audit.record("card_printed", by=world.instructor, at=on(date(2026, 10, 1)), card_id=second.id)
    db.session.commit()
    login(Role.ADMIN)

    def found(**args) -> int:
        return len(rows(client.get(LOG, query_string=args).get_data(as_text=True)))

    assert found(action="card_cancelled") == 1
    assert found(actor=world.instructor.id) == 2
    number = first.number.lower()
    assert found(card=f" {number[:4]}-{number[4:]} ") == 2  # sold and cancelled, typed as on the card
    assert found(card="NOSUCH99") == 0
    assert found(since="2026-09-01", until="2026-09-01") == 1
    assert found(since="2026-09-02", until="2026-10-01", actor=world.instructor.id) == 1
    assert found(action="no_such_action", actor="x", since="not a date") == 5  # junk filters are dropped


def test_the_log_is_paged(client, login, world):
    for n in range(PER_PAGE + 1):
        audit.record("card_printed", by=world.office, at=on(date(2026, 9, 1)), n=n)
    db.session.commit()
    login(Role.ADMIN)
    first = client.get(LOG, query_string={"actor": world.office.id}).get_data(as_text=True)
    assert len(rows(first)) == PER_PAGE
    assert 'rel="next"' in first and "51 tapahtumaa" in first
    last = client.get(LOG, query_string={"actor": world.office.id, "page": 2}).get_data(as_text=True)
    assert len(rows(last)) == 1 and "n 0" in rows(last)[0]  # the oldest last


@pytest.mark.parametrize("role", [Role.OFFICE, Role.INSTRUCTOR])
def test_only_the_admin_reads_the_log(client, login, role):
    login(role)
    assert client.get(LOG).status_code == 403


def test_no_route_changes_or_deletes_an_event(app):
    """The page only reads; writes reach the log only through `audit.record`, which adds."""
    (rule,) = [rule for rule in app.url_map.iter_rules() if rule.endpoint == "admin.audit_log"]
    assert rule.methods == {"GET", "HEAD", "OPTIONS"}
    for rule in app.url_map.iter_rules():
        if rule.methods - {"GET", "HEAD", "OPTIONS"}:
            source = inspect.getsource(inspect.getmodule(app.view_functions[rule.endpoint]))
            assert "AuditEvent" not in source, f"{rule.endpoint} touches AuditEvent directly"
    for path in KYMPPI.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        if "migrations" in path.parts:
            continue
        assert not re.search(r"(update|delete)\(AuditEvent", source), path
        if path != KYMPPI / "domain" / "audit.py":
            assert not re.search(r"(?<!class )AuditEvent\(", source), f"{path} writes AuditEvent itself"


def recorded_actions() -> set[str]:
    """Every action the domain writes, read from its source: literals, and the catalogue's "<kind>_created"."""
    found = {
        f"{kind}_{verb}" for kind in ("term", "card_type", "category", "course") for verb in ("created", "updated")
    }
    for path in (KYMPPI / "domain").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        found.update(re.findall(r'audit\.record\(\s*"(\w+)"', source))
        found.update(re.findall(r'_Transition\(\s*"(\w+)"', source))
        for pair in re.findall(r'action = "(\w+)" if \w+ else "(\w+)"', source):
            found.update(pair)
    return found


def test_every_recorded_action_has_a_name_in_words():
    assert recorded_actions() - audit_texts.ACTION.keys() == set()


def test_accounts_made_on_the_command_line_are_audited(app):
    user = create_user("uusi@kymppi.test", "correct horse battery staple", role=Role.OFFICE)
    (event,) = audit_events("user_created")
    assert (event.actor_id, event.details) == (None, {"user_id": user.id, "role": "office"})
    assert "uusi@kymppi.test" not in repr(event.details)


def test_an_event_of_an_unknown_action_is_shown_as_written(client, login, world):
    db.session.add(AuditEvent(at=on(date(2026, 9, 1)), action="something_new", details={"x": 1}))
    db.session.commit()
    login(Role.ADMIN)
    assert "something_new" in client.get(LOG).get_data(as_text=True)


def test_the_opistos_settings_name_the_fields_changed_not_their_values(world):
    details = OrganizationDetails(
        name="Testiopisto",
        business_id="",
        address="",
        email="toimisto@opisto.example",
        phone="",
        privacy_notice_url="",
        accent_colour="#0B5CAD",
    )
    save_settings(details, by=world.office, at=on(date(2026, 9, 1)))
    (event,) = audit_events("organization_saved")
    assert event.details["fields"] == ["email"]  # the colour, typed in capitals, is the one it was
    assert "toimisto@opisto.example" not in repr(event.details)


@pytest.mark.parametrize("typed", ["AB\x00CD2345", "\x00", "zzzz", "ABCD-2345-EXTRA"])
def test_a_card_number_no_card_can_have_finds_nothing_and_never_fails(client, login, world, make_card, typed):
    cancel_card(make_card().id, by=world.office, reason="Muutti")
    db.session.commit()
    login(Role.ADMIN)
    response = client.get(LOG, query_string={"card": typed})
    assert response.status_code == 200
    assert rows(response.get_data(as_text=True)) == []
