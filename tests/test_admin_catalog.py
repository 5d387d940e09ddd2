"""Admin pages for terms, card types and course categories: saves, refusals and the audit log."""

from datetime import date

import pytest

from kymppi.domain import catalog
from kymppi.domain.catalog import DATE_RANGE_MESSAGE
from kymppi.extensions import db
from kymppi.models import CardType, CourseCategory, Role, Term, TermKind
from tests.conftest import csrf_token
from tests.rows import audit_events, count, reload

TERM = {
    "name": "Kevät 2027",
    "kind": "spring",
    "academic_year": "2026-2027",
    "starts_on": "2027-01-11",
    "ends_on": "2027-04-25",
}
CARD_TYPE = {
    "name": "Kevään kymppikortti",
    "visits": "10",
    "price_cents": "55,00",
    "valid_from": "2027-01-11",
    "valid_until": "2027-04-25",
    "on_sale": "y",
}


@pytest.fixture
def admin(login):
    return login(Role.ADMIN)


def send(client, path, data):
    return client.post(path, data=data | {"csrf_token": csrf_token(client, "/admin/")})


def refused(response, message: str) -> str:
    html = response.get_data(as_text=True)
    assert response.status_code == 422, html
    assert message in html
    assert 'class="error"' in html or 'class="flash flash-error"' in html
    return html


# Terms


def test_term_list_shows_the_terms(client, admin, world):
    html = client.get("/admin/terms").get_data(as_text=True)
    assert "Syksy 2026" in html
    assert "Syyslukukausi" in html
    assert "24.8.2026" in html


def test_admin_creates_a_term(client, admin):
    response = send(client, "/admin/terms/new", TERM)
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/terms"
    term = db.session.query(Term).one()
    assert (term.name, term.kind, term.starts_on, term.ends_on) == (
        "Kevät 2027",
        TermKind.SPRING,
        date(2027, 1, 11),
        date(2027, 4, 25),
    )
    [event] = audit_events("term_created")
    assert event.actor_id == admin.id
    assert event.details["term_id"] == term.id
    assert event.details["changes"]["starts_on"] == [None, "2027-01-11"]
    assert "Lukukausi Kevät 2027 tallennettu." in client.get("/admin/terms").get_data(as_text=True)


def test_typed_finnish_dates_are_accepted(client, admin):
    assert send(client, "/admin/terms/new", TERM | {"starts_on": "11.1.2027"}).status_code == 302
    assert db.session.query(Term).one().starts_on == date(2027, 1, 11)


def test_admin_edits_a_term(client, admin, world):
    form = client.get(f"/admin/terms/{world.term.id}").get_data(as_text=True)
    assert 'value="Syksy 2026"' in form
    assert 'value="2026-08-24"' in form
    response = send(client, f"/admin/terms/{world.term.id}", TERM | {"name": "Syksy 2026 (muutettu)", "kind": "autumn"})
    assert response.status_code == 302
    assert reload(world.term).name == "Syksy 2026 (muutettu)"
    [event] = audit_events("term_updated")
    assert event.details["changes"]["name"] == ["Syksy 2026", "Syksy 2026 (muutettu)"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Anna nimi."),
        ({"name": "x" * 101}, "Enintään 100 merkkiä."),
        ({"name": "Kevät\x002027"}, "Tekstissä on näkymättömiä ohjausmerkkejä."),
        ({"kind": ""}, "Valitse syys- tai kevätlukukausi."),
        ({"kind": "winter"}, "Valitse syys- tai kevätlukukausi."),
        ({"academic_year": ""}, "Anna lukuvuosi."),
        ({"academic_year": "2027"}, "Anna lukuvuosi muodossa 2026-2027."),
        ({"academic_year": "2026-2028"}, "Anna lukuvuosi muodossa 2026-2027."),
        ({"starts_on": ""}, "Anna alkamispäivä."),
        ({"starts_on": "32.13.2027"}, "Anna päivämäärä muodossa pp.kk.vvvv."),
        ({"ends_on": "2026-12-31"}, "Päättymispäivä ei voi olla ennen alkamispäivää."),
    ],
)
def test_broken_term_is_refused_and_nothing_saved(client, admin, changes, message):
    html = refused(send(client, "/admin/terms/new", TERM | changes), message)
    kept = {key: value for key, value in TERM.items() if key not in changes and key != "kind"}
    for value in kept.values():
        assert f'value="{value}"' in html
    assert count(Term) == 0
    assert audit_events("term_created") == []


def test_refused_edit_leaves_the_term_as_it_was(client, admin, world):
    response = send(client, f"/admin/terms/{world.term.id}", TERM | {"ends_on": "2026-01-01"})
    refused(response, "Päättymispäivä ei voi olla ennen alkamispäivää.")
    assert reload(world.term).name == "Syksy 2026"


@pytest.mark.parametrize("path", ["/admin/terms/999", "/admin/card-types/999"])
def test_unknown_ids_are_not_found(client, admin, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Sivua ei löytynyt." in response.get_data(as_text=True)
    assert send(client, path, TERM).status_code == 404


@pytest.mark.parametrize(
    ("path", "data", "field"),
    [
        ("/admin/terms/new", TERM, "ends_on"),
        ("/admin/terms/new", TERM, "starts_on"),
        ("/admin/card-types/new", CARD_TYPE, "valid_until"),
        ("/admin/card-types/new", CARD_TYPE, "valid_from"),
    ],
)
@pytest.mark.parametrize("typed", ["31.12.9999", "2100-01-01", "31.12.1999", "0001-01-01"])
def test_a_date_outside_2000_2099_is_refused_by_the_form(client, admin, world, monkeypatch, path, data, field, typed):
    """The form refuses it before the domain, which refuses it too (test_admin_catalog_rules.py)."""
    monkeypatch.setattr(catalog, "save_term", _not_called)
    monkeypatch.setattr(catalog, "save_card_type", _not_called)
    html = refused(send(client, path, data | {field: typed}), DATE_RANGE_MESSAGE)
    assert f'value="{typed}"' in html


def _not_called(*args, **kwargs):
    raise AssertionError("the form should have refused the date")


def test_date_pickers_offer_only_2000_2099(client, admin):
    html = client.get("/admin/terms/new").get_data(as_text=True)
    assert html.count('max="2099-12-31"') == 2
    assert html.count('min="2000-01-01"') == 2


# Card types


def test_card_type_list_shows_price_and_categories(client, admin, world):
    html = client.get("/admin/card-types").get_data(as_text=True)
    assert "Kymppikortti" in html
    assert "50,00\u00a0€" in html
    assert "Sport, Dance" in html


@pytest.mark.parametrize(("typed", "cents"), [("55,00", 5500), ("55", 5500), ("49.5", 4950), ("1 200,50 €", 120050)])
def test_admin_creates_a_card_type_with_a_price_in_euros(client, admin, world, typed, cents):
    sport = world.categories["sport"].id
    data = CARD_TYPE | {"price_cents": typed, "category_ids": [str(sport)]}
    assert send(client, "/admin/card-types/new", data).status_code == 302
    card_type = db.session.query(CardType).filter_by(name="Kevään kymppikortti").one()
    assert (card_type.price_cents, card_type.visits, card_type.on_sale) == (cents, 10, True)
    assert [c.code for c in card_type.categories] == ["sport"]
    [event] = audit_events("card_type_created")
    assert event.details["changes"]["categories"] == [[], [sport]]


def test_new_card_type_form_offers_ten_visits_and_every_category(client, admin, world):
    html = client.get("/admin/card-types/new").get_data(as_text=True)
    assert 'value="10"' in html
    for category in world.categories.values():
        assert f'value="{category.id}"' in html


def test_admin_edits_a_card_type(client, admin, world):
    card_type = world.card_type
    html = client.get(f"/admin/card-types/{card_type.id}").get_data(as_text=True)
    assert 'value="50,00"' in html
    assert "checked" in html
    music = world.categories["music"].id
    data = CARD_TYPE | {"name": "Kymppikortti", "category_ids": [str(music)], "on_sale": ""}
    del data["on_sale"]
    assert send(client, f"/admin/card-types/{card_type.id}", data).status_code == 302
    card_type = reload(card_type)
    assert [c.code for c in card_type.categories] == ["music"]
    assert (card_type.price_cents, card_type.on_sale) == (5500, False)
    [event] = audit_events("card_type_updated")
    assert event.details["changes"]["price_cents"] == [5000, 5500]
    assert event.details["changes"]["on_sale"] == [True, False]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Anna nimi."),
        ({"name": "k" * 101}, "Enintään 100 merkkiä."),
        ({"visits": ""}, "Anna käyntikertojen määrä."),
        ({"visits": "0"}, "Käyntikertoja on oltava 1–100."),
        ({"visits": "99999999999"}, "Käyntikertoja on oltava 1–100."),
        ({"visits": "kymmenen"}, "Anna käyntikerrat kokonaislukuna."),
        ({"price_cents": ""}, "Anna hinta."),
        ({"price_cents": "-5"}, "Hinnan on oltava 0–10 000 €."),
        ({"price_cents": "10000,01"}, "Hinnan on oltava 0–10 000 €."),
        ({"price_cents": "viisikymmentä"}, "Kirjoita hinta euroina, esimerkiksi 50,00."),
        ({"price_cents": "5,555"}, "Kirjoita hinta euroina, esimerkiksi 50,00."),
        ({"valid_from": "huomenna"}, "Anna päivämäärä muodossa pp.kk.vvvv."),
        ({"valid_until": "2027-01-10"}, "Voimassaolon loppu ei voi olla ennen alkua."),
        ({"category_ids": ["999"]}, "Valitse kategoriat listasta."),
        ({"category_ids": ["urheilu"]}, "Valitse kategoriat listasta."),
    ],
)
def test_broken_card_type_is_refused_and_nothing_saved(client, admin, world, changes, message):
    html = refused(send(client, "/admin/card-types/new", CARD_TYPE | changes), message)
    for key in ("name", "price_cents", "valid_from"):
        assert f'value="{(CARD_TYPE | changes)[key]}"' in html
    assert count(CardType) == 1
    assert audit_events("card_type_created") == []


# Categories


def test_admin_adds_a_category(client, admin, world):
    response = send(client, "/admin/categories", {"code": "jooga", "name": "Jooga"})
    assert response.status_code == 302
    assert db.session.query(CourseCategory).filter_by(code="jooga").one().name == "Jooga"
    [event] = audit_events("category_created")
    assert event.details["changes"]["code"] == [None, "jooga"]
    assert "jooga" in client.get("/admin/categories").get_data(as_text=True)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"code": "", "name": "Jooga"}, "Anna tunnus."),
        ({"code": "j" * 41, "name": "Jooga"}, "Enintään 40 merkkiä."),
        ({"code": "jooga", "name": ""}, "Anna nimi."),
        ({"code": "SPORT", "name": "Urheilu"}, "Tällä tunnuksella on jo kategoria."),
    ],
)
def test_broken_category_is_refused(client, admin, world, data, message):
    html = refused(send(client, "/admin/categories", data), message)
    assert f'value="{data["name"]}"' in html
    assert count(CourseCategory) == 4
