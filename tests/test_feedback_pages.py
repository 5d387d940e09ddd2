"""The office's round pages: start for a period, edit and preview the message, send with and without script."""

import pytest
from sqlalchemy import select

from kymppi.domain.feedback import round_state
from kymppi.extensions import db
from kymppi.feedback_mail import DEFAULT_TEXTS
from kymppi.models import FeedbackMessage, FeedbackRound, Language
from tests.conftest import csrf_token
from tests.feedback_helpers import body
from tests.mailbox import REFUSED
from tests.rows import count, get_fresh

pytest_plugins = ["tests.feedback_fixtures"]


@pytest.fixture
def office(login):
    return login()


def round_url(round_id: int, action: str = "") -> str:
    return f"/reports/feedback/{round_id}" + (f"/{action}" if action else "")


def post(client, path, data=None, **kwargs):
    token = csrf_token(client, "/reports/feedback")
    return client.post(path, data={"csrf_token": token, **(data or {})}, **kwargs)


def message_form(**changes) -> dict:
    data = {}
    for language, text in DEFAULT_TEXTS.items():
        data[f"subject_{language.value}"] = text.subject
        data[f"body_{language.value}"] = text.body
    return data | changes


def test_the_period_page_says_who_would_be_invited_and_starts_one_round(client, office, world, buyers):
    page = client.get(f"/reports/feedback?term={world.term.id}").get_data(as_text=True)
    assert "Sähköpostilla kutsutaan: <strong>4</strong>" in page
    assert "(soitettavat): 1" in page and "Ei palautelupaa, ei kutsuta: 1" in page

    started = post(client, "/reports/feedback/start", {"term": str(world.term.id)})
    assert started.status_code == 302
    [round_] = db.session.scalars(select(FeedbackRound)).all()
    assert started.headers["Location"].endswith(round_url(round_.id))
    again = post(client, "/reports/feedback/start", {"term": str(world.term.id)})
    assert again.headers["Location"].endswith(round_url(round_.id)) and count(FeedbackRound) == 1
    assert "Tälle ajalle on jo avoin palautekierros" in client.get(again.headers["Location"]).get_data(as_text=True)


def test_a_date_range_round(client, office, world, buyers):
    response = post(client, "/reports/feedback/start", {"starts_on": "2026-09-01", "ends_on": "2026-10-31"})
    round_ = get_fresh(FeedbackRound, 1)
    assert response.status_code == 302 and (str(round_.starts_on), str(round_.ends_on)) == ("2026-09-01", "2026-10-31")
    assert round_.term_id is None


def test_the_round_page_lists_whom_to_phone(client, office, round_id):
    page = client.get(round_url(round_id)).get_data(as_text=True)
    assert "Pekka Puhelin" in page and 'href="tel:+358401234567"' in page
    assert '<progress id="send-progress" max="4" value="0">' in page
    assert "Matti Virtanen" not in page and "Haamu" not in page


def test_sending_without_script_sends_a_batch_and_lists_the_failure(smtp, client, office, round_id):
    _, inbox = smtp
    response = post(client, round_url(round_id, "send"))
    assert response.status_code == 302 and response.headers["Location"].endswith(round_url(round_id))
    page = client.get(round_url(round_id)).get_data(as_text=True)
    assert "Lähetetty 3 kutsua, epäonnistui 1." in page
    assert REFUSED in page and "palvelin ei hyväksynyt vastaanottajan osoitetta" in page
    assert len(inbox.messages) == 3

    post(client, round_url(round_id, "send"))
    assert len(inbox.messages) == 3  # nobody twice
    assert post(client, round_url(round_id, "retry")).status_code == 302
    assert round_state(round_id).failures == []


def test_the_script_gets_json_progress_with_the_csrf_header(smtp, client, office, round_id):
    token = csrf_token(client, round_url(round_id))
    response = client.post(round_url(round_id, "send"), headers={"X-CSRFToken": token, "Accept": "application/json"})
    assert response.status_code == 200
    assert response.get_json() == {
        "outcome": "sent",
        "invited": 4,
        "sent": 3,
        "failed": 1,
        "pending": 0,
        "done": 4,
        "answered": 0,
    }


def test_sending_needs_the_csrf_token(smtp, client, office, round_id):
    _, inbox = smtp
    response = client.post(round_url(round_id, "send"), headers={"Accept": "application/json"})
    assert response.status_code == 400 and inbox.messages == []


def test_the_message_page_previews_each_language_for_a_real_recipient(client, office, round_id):
    page = client.get(round_url(round_id, "message")).get_data(as_text=True)
    assert "Maija Meikäläinen &lt;maija@example.org&gt;" in page and "Hei Maija," in page
    assert "Anna Svensson &lt;anna@example.org&gt;" in page and "Hej Anna," in page
    assert "John Smith &lt;john@example.org&gt;" in page and "Hello John," in page
    assert "https://kurssit.opisto.example/palaute/henkilokohtainen-linkki" not in page  # the test app's BASE_URL
    assert "http://kymppi.test/palaute/henkilokohtainen-linkki" in page


def test_a_preview_of_edited_text_saves_nothing(client, office, round_id):
    response = post(
        client, round_url(round_id, "message"), message_form(body_fi="Moi {nimi}: {linkki}", action="preview")
    )
    assert response.status_code == 200 and "Moi Maija: http://kymppi.test/palaute/" in response.get_data(as_text=True)
    assert get_fresh(FeedbackMessage, (round_id, Language.FI)).body.startswith("Hei {nimi},")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"body_fi": "Hei {nimi}, vastaa!"}, "body_fi", "Lisää tekstiin {linkki}"),
        ({"body_sv": "Hej {namn}: {link}"}, "body_sv", "Tuntematon paikkamerkki {namn}."),
        ({"subject_en": ""}, "subject_en", "Kirjoita viestin otsikko."),
        ({"subject_fi": "Rivi\nrivi"}, "subject_fi", "Otsikko on yksi rivi"),
        ({"subject_fi": "x" * 201}, "subject_fi", "enintään 200 merkkiä"),
        ({"body_en": "{link}" + "x" * 5000}, "body_en", "Enintään 5000 merkkiä."),
    ],
)
def test_a_bad_message_is_refused_next_to_its_field(client, office, round_id, changes, field, message):
    response = post(client, round_url(round_id, "message"), message_form(action="save", **changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'<p class="error" id="{field}-error">' in page and message in page
    if field == "body_fi":
        assert "Hei {nimi}, vastaa!" in page  # what was typed is kept
    assert get_fresh(FeedbackMessage, (round_id, Language.FI)).body.startswith("Hei {nimi},")


def test_a_saved_message_is_what_the_next_batch_sends(smtp, client, office, round_id):
    _, inbox = smtp
    saved = post(client, round_url(round_id, "message"), message_form(body_fi="Moi {nimi}! {linkki}", action="save"))
    assert saved.status_code == 302
    post(client, round_url(round_id, "send"))
    maija = next(m for m in inbox.messages if "maija@" in m["To"])
    assert body(maija).startswith("Moi Maija! http://kymppi.test/palaute/")


def test_a_closed_round_sends_nothing_and_keeps_its_message(smtp, client, office, round_id):
    _, inbox = smtp
    assert post(client, round_url(round_id, "close")).status_code == 302
    page = client.get(round_url(round_id)).get_data(as_text=True)
    assert "suljettu" in page and "Lähetä kutsut" not in page
    post(client, round_url(round_id, "send"))
    assert inbox.messages == []
    refused = post(client, round_url(round_id, "message"), message_form(body_fi="Uusi {linkki}", action="save"))
    assert refused.status_code == 302
    assert get_fresh(FeedbackMessage, (round_id, Language.FI)).body.startswith("Hei {nimi},")


def test_an_unknown_round_is_404(client, office):
    for path in ("/reports/feedback/999", "/reports/feedback/999/message", "/reports/feedback/999/results"):
        assert client.get(path).status_code == 404
    assert post(client, "/reports/feedback/999/send").status_code == 404


def test_the_reports_page_links_to_the_round(client, office, world):
    page = client.get(f"/reports/?term={world.term.id}").get_data(as_text=True)
    assert f'href="/reports/feedback?term={world.term.id}"' in page


def test_when_everything_is_sent_the_page_says_so_instead_of_offering_a_button(smtp, client, office, round_id):
    assert "Lähetä kutsut (4)" in client.get(round_url(round_id)).get_data(as_text=True)
    post(client, round_url(round_id, "send"))
    page = client.get(round_url(round_id)).get_data(as_text=True)
    assert "Kaikki kutsut on käsitelty." in page and "Lähetä kutsut" not in page
