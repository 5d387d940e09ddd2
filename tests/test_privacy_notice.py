"""The privacy notice (tietosuojaseloste): public, written from the opisto's settings, in every language,
and linked from the buyer's card page unless the opisto keeps a notice of its own elsewhere."""

import pytest

from kymppi.domain.organization import opisto
from kymppi.extensions import db


@pytest.fixture
def settings(world):
    organization = opisto()
    organization.name = "Järvenpään opisto"
    organization.business_id = "1234567-8"
    organization.address = "Seminaarinkatu 1, 04400 Järvenpää"
    organization.email = "toimisto@opisto.example"
    organization.phone = "09 123 4567"
    organization.anonymize_after_months = 18
    db.session.commit()
    return organization


def test_the_notice_is_public_and_names_the_controller_and_the_months(client, settings):
    page = client.get("/tietosuoja")

    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<html lang="fi">' in html and "<h1>Tietosuojaseloste</h1>" in html
    for fact in ("Järvenpään opisto", "1234567-8", "Seminaarinkatu 1, 04400 Järvenpää"):
        assert fact in html
    assert 'href="mailto:toimisto@opisto.example"' in html and 'href="tel:091234567"' in html
    assert "anonymisoidaan 18 kuukauden kuluttua" in html
    assert "kirjanpitolain" in html and 'href="https://tietosuoja.fi"' in html


@pytest.mark.parametrize(
    ("language", "heading", "months"),
    [
        ("sv", "Dataskyddsbeskrivning", "anonymiseras 18 månader efter"),
        ("en", "Privacy notice", "anonymised 18 months after"),
    ],
)
def test_the_notice_speaks_swedish_and_english(client, settings, language, heading, months):
    html = client.get(f"/tietosuoja?lang={language}").get_data(as_text=True)
    assert f'<html lang="{language}">' in html and f"<h1>{heading}</h1>" in html
    assert "Järvenpään opisto" in html and "toimisto@opisto.example" in html and months in html


def test_one_month_reads_in_the_singular(client, settings):
    settings.anonymize_after_months = 1
    db.session.commit()
    assert "anonymised 1 month after" in client.get("/tietosuoja?lang=en").get_data(as_text=True)


def card_page_footer(client, card) -> str:
    html = client.get(f"/k/{card.secret}").get_data(as_text=True)
    return html[html.index('<section class="buyer-footer"') :].partition("</section>")[0]


def test_the_card_page_links_the_notice_here_or_the_opistos_own(client, settings, make_card):
    card = make_card()
    assert 'href="/tietosuoja"' in card_page_footer(client, card)
    settings.privacy_notice_url = "https://opisto.example/tietosuoja"
    db.session.commit()
    footer = card_page_footer(client, card)
    assert 'href="https://opisto.example/tietosuoja"' in footer and 'href="/tietosuoja"' not in footer


def test_before_the_settings_are_saved_the_notice_states_the_default_months(client, app):
    html = client.get("/tietosuoja").get_data(as_text=True)
    assert "Kansalaisopisto" in html and "anonymisoidaan 24 kuukauden kuluttua" in html


@pytest.mark.parametrize("path", ["/login", "/saavutettavuus", "/k/unknown-secret-of-nobody"])
def test_every_page_links_the_accessibility_statement_and_the_privacy_notice(client, settings, path):
    footer = client.get(path).get_data(as_text=True).split('<footer class="site-footer">', 1)[1]
    assert 'href="/saavutettavuus"' in footer and 'href="/tietosuoja"' in footer


def test_an_opisto_with_a_notice_of_its_own_elsewhere_is_sent_there(client, settings):
    settings.privacy_notice_url = "https://opisto.example/tietosuoja"
    db.session.commit()
    response = client.get("/tietosuoja")
    assert response.status_code == 302 and response.headers["Location"] == "https://opisto.example/tietosuoja"
