"""One buyer's page and correcting their details: validation, the audit trail without values, 404s and roles."""

import json
import re

import pytest

from kymppi.domain.buyers import BuyerChanges, update_buyer
from kymppi.domain.card_status import cancel_card
from kymppi.domain.codes import format_card_number
from kymppi.domain.errors import InvalidInput, NotFound
from kymppi.extensions import db
from kymppi.models import AuditEvent, Buyer, Language, Role
from tests.conftest import csrf_token
from tests.factories import TERM_END, on
from tests.rows import audit_events, count, reload

VALID = {
    "name": "Maija Meikäläinen-Virta",
    "email": "maija.virta@example.org",
    "phone": "040 999 8888",
    "language": "en",
    "municipality": "Riihimäki",
    "feedback_consent": "y",
}


@pytest.fixture
def office(login):
    return login(Role.OFFICE)


@pytest.fixture
def card(make_card):
    return make_card(name="Maija Meikäläinen", email="maija@example.org", phone="040 123 4567")


@pytest.fixture
def buyer(card) -> Buyer:
    return db.session.get(Buyer, card.buyer_id)


def edit(client, buyer_id, **data):
    path = f"/office/buyers/{buyer_id}/edit"
    return client.post(path, data={"csrf_token": csrf_token(client, path), **data})


def test_page_shows_contact_details_consent_and_every_card(client, office, world, buyer, card, make_card):
    cancel_card(card.id, by=world.office, reason="kadonnut")
    html = client.get(f"/office/buyers/{buyer.id}").get_data(as_text=True)
    for expected in (
        "Maija Meikäläinen",
        "maija@example.org",
        "040 123 4567",
        "suomi",
        f'href="/office/cards/{card.number}"',
        format_card_number(card.number),
        "peruttu",
        "10 / 10",
        "24.8.2026–13.12.2026",
        f'href="/office/buyers/{buyer.id}/edit"',
    ):
        assert expected in html


@pytest.mark.parametrize("path", ["/office/buyers/999999", "/office/buyers/99999999999999", "/office/buyers/0/edit"])
def test_unknown_buyer_is_404(client, office, card, path):
    assert client.get(path).status_code == 404


def test_anonymised_buyer_shows_no_data_and_cannot_be_edited(client, office, buyer, card):
    buyer.anonymized_at = on(TERM_END)
    db.session.commit()
    html = client.get(f"/office/buyers/{buyer.id}").get_data(as_text=True)
    assert "Anonymisoitu" in html
    assert "maija@example.org" not in html
    assert card.number in html
    assert client.get(f"/office/buyers/{buyer.id}/edit").status_code == 404
    token = csrf_token(client, "/office/buyers")
    response = client.post(f"/office/buyers/{buyer.id}/edit", data={"csrf_token": token, **VALID})
    assert response.status_code == 404


def test_edit_form_is_filled_with_the_stored_details(client, office, buyer):
    html = client.get(f"/office/buyers/{buyer.id}/edit").get_data(as_text=True)
    assert 'value="Maija Meikäläinen"' in html
    assert 'value="040 123 4567"' in html
    assert re.search(r'<input checked[^>]*type="radio" value="fi"', html)


def test_saving_changes_the_buyer_and_audits_field_names_only(client, office, buyer):
    response = edit(client, buyer.id, **VALID)

    assert response.status_code == 302
    assert response.headers["Location"] == f"/office/buyers/{buyer.id}"
    saved = reload(buyer)
    assert (saved.name, saved.email, saved.phone, saved.municipality) == (
        "Maija Meikäläinen-Virta",
        "maija.virta@example.org",
        "040 999 8888",
        "Riihimäki",
    )
    assert (saved.language, saved.feedback_consent, saved.new_customer) == (Language.EN, True, False)
    [event] = audit_events("buyer_updated")
    assert event.actor_id == office.id
    assert event.details["buyer_id"] == buyer.id
    assert set(event.details["fields"]) == {
        "name",
        "email",
        "phone",
        "language",
        "municipality",
        "feedback_consent",
        "new_customer",
    }
    logged = json.dumps(event.details, ensure_ascii=False)
    for value in ("Maija", "maija", "999", "Riihimäki", "example"):
        assert value not in logged
    assert "tallennettu" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_blank_phone_is_fine_with_an_email_and_an_unchanged_form_writes_nothing(client, office, buyer):
    unchanged = {"name": buyer.name, "email": buyer.email, "phone": buyer.phone, "language": "fi", "new_customer": "y"}
    assert edit(client, buyer.id, **unchanged).status_code == 302
    assert count(AuditEvent, AuditEvent.action == "buyer_updated") == 0

    assert edit(client, buyer.id, **(unchanged | {"phone": "  "})).status_code == 302
    assert reload(buyer).phone is None
    assert audit_events("buyer_updated")[0].details["fields"] == ["phone"]


BAD = [
    ({"name": "   "}, "name", "Anna ostajan nimi."),
    ({"email": "", "phone": ""}, "phone", "Anna sähköposti tai puhelinnumero"),
    ({"phone": "ei ole"}, "phone", "Tarkista puhelinnumero, esimerkiksi 040 123 4567."),
    ({"name": "x" * 201}, "name", "Enintään 200 merkkiä."),
    ({"email": "a" * 250 + "@example.org"}, "email", "Enintään 254 merkkiä."),
    ({"phone": "0" * 41}, "phone", "Enintään 40 merkkiä."),
    ({"municipality": "ö" * 101}, "municipality", "Enintään 100 merkkiä."),
    ({"email": "maija(at)example.org"}, "email", "Tarkista sähköpostiosoite"),
    ({"email": "maija@example"}, "email", "Tarkista sähköpostiosoite"),
    ({"email": "maija @example.org"}, "email", "Tarkista sähköpostiosoite"),
    ({"language": "de"}, "language", "Valitse kieli: suomi, ruotsi tai englanti."),
    ({"language": ""}, "language", "Valitse kieli: suomi, ruotsi tai englanti."),
    ({"name": "Maija\x00Virta"}, "name", "Poista kentästä rivinvaihdot"),
]


@pytest.mark.parametrize(("changes", "field", "message"), BAD)
def test_bad_input_is_422_with_the_finnish_message_beside_the_field_and_nothing_saved(
    client, office, buyer, changes, field, message
):
    typed = VALID | changes
    response = edit(client, buyer.id, **typed)

    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'<p class="error" id="{field}-error">{message}' in html
    if field != "language" and "\x00" not in typed[field]:
        for name in ("name", "email", "phone", "municipality"):
            assert f'value="{typed[name]}"' in html or not typed[name].strip()
    assert reload(buyer).name == "Maija Meikäläinen"
    assert count(AuditEvent, AuditEvent.action == "buyer_updated") == 0


def test_several_bad_fields_are_all_shown_at_once(client, office, buyer):
    html = edit(client, buyer.id, **(VALID | {"name": "", "email": "bad", "language": "de"})).get_data(as_text=True)
    assert '<p class="error" id="name-error">Anna ostajan nimi.' in html
    assert '<p class="error" id="email-error">Tarkista sähköpostiosoite' in html
    assert '<p class="error" id="language-error">Valitse kieli' in html


def test_edit_needs_the_csrf_token(client, office, buyer):
    assert client.post(f"/office/buyers/{buyer.id}/edit", data=VALID).status_code == 400
    assert reload(buyer).name == "Maija Meikäläinen"


def changes(**values) -> BuyerChanges:
    base = {
        "name": "Maija",
        "email": "maija@example.org",
        "phone": None,
        "language": Language.FI,
        "municipality": None,
        "feedback_consent": False,
        "new_customer": True,
    }
    return BuyerChanges(**(base | values))


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"name": ""}, "name"),
        ({"email": None, "phone": " "}, "phone"),
        ({"phone": "ei ole"}, "phone"),
        ({"email": "no-at-sign.example"}, "email"),
        ({"phone": "0" * 41}, "phone"),
        ({"language": "xx"}, "language"),
        ({"municipality": "a\nb"}, "municipality"),
    ],
)
def test_update_buyer_names_the_bad_field(world, buyer, values, field):
    with pytest.raises(InvalidInput) as raised:
        update_buyer(buyer.id, changes(**values), by=world.office)
    assert raised.value.field == field


def test_update_buyer_refuses_instructors_and_unknown_buyers(world, buyer):
    with pytest.raises(PermissionError):
        update_buyer(buyer.id, changes(), by=world.instructor)
    with pytest.raises(NotFound):
        update_buyer(buyer.id + 1000, changes(), by=world.office)
    assert update_buyer(buyer.id, changes(language="sv", phone=" "), by=world.office, at=on(TERM_END)) == (
        "name",
        "phone",
        "language",
    )
    assert audit_events("buyer_updated")[0].at == on(TERM_END)


def test_instructors_are_refused_on_every_buyer_route(client, login, buyer):
    login(Role.INSTRUCTOR)
    token = csrf_token(client, "/checkin/")
    assert client.get(f"/office/buyers/{buyer.id}").status_code == 403
    assert client.get(f"/office/buyers/{buyer.id}/edit").status_code == 403
    response = client.post(f"/office/buyers/{buyer.id}/edit", data={"csrf_token": token, **VALID})
    assert response.status_code == 403
    assert reload(buyer).name == "Maija Meikäläinen"
