"""The buyer's survey page: no login, the token is the key, one answer per token, editable until the round closes."""

import pytest
from sqlalchemy import func, select

from kymppi.auth.roles import BLUEPRINT_ROLES
from kymppi.domain.checkin import check_in
from kymppi.domain.feedback import close_round
from kymppi.domain.feedback_answers import Answer, AnswerOutcome, save_answer
from kymppi.extensions import db
from kymppi.models import BuyAgain, FeedbackInvitation, Language
from kymppi.models.feedback import feedback_course_mention
from kymppi.security import redact
from tests.conftest import csrf_token
from tests.factories import SESSION_DAY, on
from tests.feedback_helpers import AT, invite
from tests.rows import count, get_fresh
from tests.test_role_refusals import routes

pytest_plugins = ["tests.feedback_fixtures"]


def url(token: str) -> str:
    return f"/palaute/{token}"


def post(client, token, lang=None, **fields):
    data = {"csrf_token": csrf_token(client, url(token)), "rating": "4"} | fields
    return client.post(url(token) + (f"?lang={lang}" if lang else ""), data=data)


def invitation_of(token_owner_card, round_id) -> FeedbackInvitation:
    db.session.expire_all()
    return db.session.scalars(
        select(FeedbackInvitation).where(
            FeedbackInvitation.round_id == round_id, FeedbackInvitation.buyer_id == token_owner_card.buyer_id
        )
    ).one()


def test_the_survey_opens_without_login_in_the_buyers_language_and_keeps_itself_private(client, token):
    response = client.get(url(token))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="fi">' in page and "Kokonaisarvio kymppikortista" in page
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    assert response.headers["Cache-Control"] == "no-store"


def test_a_swedish_buyer_gets_swedish_and_anyone_can_switch(client, round_id, buyers):
    token = invite(round_id, buyers.anna)
    assert "Helhetsbetyg för tiokortet" in client.get(url(token)).get_data(as_text=True)
    english = client.get(url(token) + "?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english and "Overall rating" in english
    assert client.get(url(token) + "?lang=xx").status_code == 200  # an unknown choice means the buyer's own


@pytest.mark.parametrize("bad", ["Q" * 43, "x", "a" * 500, "%00", "%C3%A4" * 30])
def test_an_unknown_token_gets_a_not_found_page_in_the_browsers_language(client, token, bad):
    response = client.get(f"/palaute/{bad}")
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Kyselyä ei löytynyt" in page
    swedish = client.get(f"/palaute/{bad}", headers={"Accept-Language": "sv-FI,sv;q=0.9"}).get_data(as_text=True)
    assert '<html lang="sv">' in swedish and "Enkäten hittades inte" in swedish
    assert response.headers["X-Robots-Tag"] == "noindex, nofollow"
    form = csrf_token(client, "/login")
    assert client.post(f"/palaute/{bad}", data={"csrf_token": form, "rating": "5"}).status_code == 404


def test_a_token_is_needed_for_every_request(client, round_id, buyers):
    """An invitation not sent yet has no token at all: no address finds it."""
    assert client.get("/palaute/").status_code == 404
    assert count(FeedbackInvitation, FeedbackInvitation.token_hash.is_not(None)) == 0


def test_one_answer_per_token_and_a_second_submit_edits_it(client, world, token, round_id, buyers):
    gym, dance = world.course("gym"), world.course("dance")
    first = post(client, token, rating="5", courses=[str(gym.id)], good="Joustavuus", buy_again="yes")
    assert first.status_code == 302 and first.headers["Location"].endswith("?lang=fi&saved=1")
    thanks = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "Kiitos vastauksestasi!" in thanks and "Joustavuus" in thanks and "Tallenna muutokset" in thanks

    second = post(
        client, token, rating="3", courses=[str(dance.id)], improve="Lisää vuoroja", buy_again="maybe", comment="—"
    )
    assert second.status_code == 302
    invitation = invitation_of(buyers.maija, round_id)
    assert (invitation.rating, invitation.good, invitation.improve) == (3, None, "Lisää vuoroja")
    assert (invitation.buy_again, invitation.comment) == (BuyAgain.MAYBE, "—")
    assert [course.id for course in invitation.courses] == [dance.id]
    assert count(FeedbackInvitation, FeedbackInvitation.answered_at.is_not(None)) == 1
    assert db.session.scalar(select(func.count()).select_from(feedback_course_mention)) == 1


def test_the_courses_attended_come_first(client, world, token, buyers):
    check_in(buyers.maija.number, world.course("gym").id, by=world.instructor, at=on(SESSION_DAY))
    page = client.get(url(token)).get_data(as_text=True)
    assert "Gym (kävit)" in page
    assert page.index("Gym (kävit)") < page.index("Capped") < page.index("Choir") < page.index("Dance")
    # Only card-accepting courses are asked about.
    assert "Reduced_Gym" not in page and "Language" not in page


def test_a_closed_round_shows_the_answer_read_only(client, world, token, round_id, buyers):
    post(client, token, rating="5", good="Hyvä")
    form = csrf_token(client, url(token))
    close_round(round_id, by=world.office, at=AT)

    page = client.get(url(token)).get_data(as_text=True)
    assert "Kysely on suljettu" in page and "Hyvä" in page
    assert '<fieldset class="answer" disabled>' in page and "Tallenna muutokset" not in page

    refused = client.post(url(token), data={"csrf_token": form, "rating": "1", "good": "Muutettu"})
    assert refused.status_code == 409 and "Kysely on suljettu" in refused.get_data(as_text=True)
    assert invitation_of(buyers.maija, round_id).good == "Hyvä"
    assert save_answer(token, Answer(rating=2), at=AT) is AnswerOutcome.CLOSED


def test_a_closed_round_without_an_answer_says_so(client, world, token, round_id):
    close_round(round_id, by=world.office, at=AT)
    page = client.get(url(token)).get_data(as_text=True)
    assert "Kysely on suljettu. Kiitos mielenkiinnostasi!" in page and "<form" not in page.split("<main")[1]


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"rating": ""}, "rating", "Valitse arvosana 1–5."),
        ({"rating": "6"}, "rating", "Valitse arvosana 1–5."),
        ({"rating": "viisi"}, "rating", "Valitse arvosana 1–5."),
        ({"courses": ["x"]}, "courses", "Valitse jokin annetuista vaihtoehdoista."),
        ({"courses": ["2147483647"]}, "courses", "Valitse jokin annetuista vaihtoehdoista."),
        ({"buy_again": "perhaps"}, "buy_again", "Valitse jokin annetuista vaihtoehdoista."),
        ({"good": "å" * 2001}, "good", "Enintään 2000 merkkiä (nyt 2001)."),
        ({"comment": "nul\x00byte"}, "comment", "Poista tekstistä erikoismerkit."),
    ],
)
def test_bad_input_is_shown_back_with_the_error_next_to_the_field(
    client, token, round_id, buyers, fields, field, message
):
    response = post(client, token, improve="Kirjoitin tämän", **fields)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'<p class="error" id="{field}-error">{message}</p>' in page
    assert "Kirjoitin tämän" in page  # what was typed is kept
    assert invitation_of(buyers.maija, round_id).answered_at is None


def test_errors_speak_the_pages_language(client, round_id, buyers):
    token = invite(round_id, buyers.anna)
    page = post(client, token, rating="").get_data(as_text=True)
    assert "Välj ett betyg 1–5." in page
    assert "Choose a rating from 1 to 5." in post(client, token, lang="en", rating="").get_data(as_text=True)


def test_the_form_needs_its_csrf_token(client, token, round_id, buyers):
    refused = client.post(url(token), data={"rating": "5"})
    page = refused.get_data(as_text=True)
    assert refused.status_code == 400
    assert "Lomake vanheni" in page
    english = client.post(url(token), data={"rating": "5"}, headers={"Accept-Language": "en"})
    assert english.status_code == 400 and "The form expired" in english.get_data(as_text=True)
    assert invitation_of(buyers.maija, round_id).answered_at is None


@pytest.mark.parametrize("app_config", [{"SURVEY_PAGE_LIMIT": "3 per minute"}])
def test_survey_pages_are_throttled_per_address(client, token, app_config):
    assert [client.get(url(token)).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(url("Q" * 43), headers={"Accept-Language": "en"})
    assert refused.status_code == 429 and "Please wait a moment" in refused.get_data(as_text=True)
    assert client.get(url(token), environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 200


def test_survey_tokens_are_redacted_from_logged_paths(token):
    assert redact(f"/palaute/{token}") == "/palaute/…"
    assert redact(f"/palaute/{token}?lang=sv") == "/palaute/…?lang=sv"


def test_an_answer_is_saved_once_per_invitation_even_when_a_buyer_also_fills_it_in_on_a_second_phone(
    token, round_id, buyers, world
):
    gym = world.course("gym")
    assert save_answer(token, Answer(rating=5, course_ids=[gym.id]), at=AT) is AnswerOutcome.SAVED
    assert save_answer(token, Answer(rating=1, course_ids=[gym.id]), at=AT) is AnswerOutcome.SAVED
    assert get_fresh(FeedbackInvitation, invitation_of(buyers.maija, round_id).id).rating == 1
    assert db.session.scalar(select(func.count()).select_from(feedback_course_mention)) == 1


def test_unticking_every_course_and_clearing_a_text_clears_them(client, world, token, round_id, buyers):
    post(client, token, courses=[str(world.course("gym").id)], good="Hyvä", buy_again="yes")
    post(client, token, good="")
    invitation = invitation_of(buyers.maija, round_id)
    assert (invitation.courses, invitation.good, invitation.buy_again) == ([], None, None)


def test_the_survey_is_public_but_every_route_needs_a_valid_token(app, client, token):
    """Not a guarded blueprint: no login is asked, and a made-up token finds nothing (404, not a login page)."""
    assert "survey" not in BLUEPRINT_ROLES
    form = csrf_token(client, "/login")
    survey_routes = routes(app, "survey")
    assert survey_routes
    for method, path in survey_routes:
        response = client.open(path, method=method, data={"csrf_token": form})
        assert response.status_code == 404, (method, path)
        real = client.open(path.replace("ABCD2345", token), method=method, data={"csrf_token": form})
        assert real.status_code in (200, 422), (method, path)


def test_an_english_buyer_gets_the_whole_form_in_english_even_with_a_staff_member_logged_in(
    client, login, world, round_id, buyers
):
    login(language=Language.SV)
    check_in(buyers.john.number, world.course("gym").id, by=world.instructor, at=on(SESSION_DAY))
    page = client.get(url(invite(round_id, buyers.john))).get_data(as_text=True)
    assert '<html lang="en">' in page and "Feedback survey: the ten-visit card" in page
    assert "For 24 Aug 2026–13 Dec 2026" in page and "1 = poor, 5 = excellent" in page
    assert "Gym (you attended)" in page and "<span>Maybe</span>" in page and "Send the answer" in page
    assert 'hreflang="fi">suomi</a>' in page and 'hreflang="sv">svenska</a>' in page


def test_a_swedish_buyers_errors_and_thanks_are_in_swedish(client, round_id, buyers):
    token = invite(round_id, buyers.anna)
    refused = post(client, token, rating="", good="x" * 2001).get_data(as_text=True)
    assert "Kontrollera svaret" in refused and "Välj ett betyg 1–5." in refused
    assert "Högst 2000 tecken (nu 2001)." in refused
    saved = post(client, token)
    assert saved.headers["Location"].endswith("?lang=sv&saved=1")
    assert "Tack för ditt svar!" in client.get(saved.headers["Location"]).get_data(as_text=True)


def test_a_closed_round_says_so_in_the_buyers_language(client, world, round_id, buyers):
    token = invite(round_id, buyers.john)
    close_round(round_id, by=world.office, at=AT)
    assert "The survey has closed. Thank you for your interest!" in client.get(url(token)).get_data(as_text=True)
