"""The accessibility statement (Act 306/2019): public, in the reader's language, with the opisto's contacts
for feedback and the supervisory authority's address."""

from kymppi.domain.organization import opisto
from kymppi.extensions import db
from kymppi.models import Role


def test_the_statement_is_public_and_names_the_contacts_and_the_authority(client, world):
    organization = opisto()
    organization.email, organization.phone = "toimisto@opisto.example", "09 123 4567"
    db.session.commit()

    page = client.get("/saavutettavuus")

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<html lang="fi">' in html
    assert "Saavutettavuusseloste" in html and "WCAG 2.1" in html and "itsearvio" in html
    assert 'href="mailto:toimisto@opisto.example"' in html and 'href="tel:091234567"' in html
    assert 'href="https://www.saavutettavuusvaatimukset.fi"' in html and "Traficom" in html
    assert "2.12.2026" in html


def test_the_statement_speaks_swedish_and_english(client, world):
    swedish = client.get("/saavutettavuus?lang=sv").get_data(as_text=True)
    assert '<html lang="sv">' in swedish and "Tillgänglighetsutlåtande" in swedish and "självbedömning" in swedish
    english = client.get("/saavutettavuus", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert '<html lang="en">' in english and "Accessibility statement" in english and "2 Dec 2026" in english


def test_staff_read_it_in_their_own_language(client, login):
    login(Role.INSTRUCTOR, language="sv")
    assert "Tillgänglighetsutlåtande" in client.get("/saavutettavuus").get_data(as_text=True)
