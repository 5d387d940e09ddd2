"""What the application logs while a card is sold, emailed, checked in, viewed and asked for feedback:
never the buyer's name, address, phone, card secret or survey token (issue 8), in either log format."""

import logging
import re

import pytest
from sqlalchemy import select

from kymppi.domain.clock import local_date, utcnow
from kymppi.extensions import db
from kymppi.logs import handler
from kymppi.models import Card, Role
from tests.conftest import csrf_token
from tests.factories import PASSWORD
from tests.feedback_helpers import body
from tests.mailbox import REFUSED, RefusingInbox, smtp_server
from tests.test_sale_page import new_buyer, sale_form

SURVEY_LINK = re.compile(r"/palaute/([A-Za-z0-9_-]+)")


@pytest.fixture
def mail(app_config):
    with smtp_server(RefusingInbox()) as (port, inbox):
        app_config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port)
        yield inbox


def log_in(client, user) -> None:
    token = csrf_token(client, "/login")
    response = client.post("/login", data={"email": user.email, "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302


@pytest.mark.parametrize("app_config", [{"LOG_FORMAT": "text"}, {"LOG_FORMAT": "json"}], ids=["text", "json"])
def test_a_whole_card_life_logs_no_personal_data(mail, app, client, world, make_user, todays_card_type, caplog):
    caplog.set_level(logging.DEBUG)
    office = make_user(Role.OFFICE)
    log_in(client, office)
    for buyer in (new_buyer(), new_buyer(name="Riku Rikki", email=REFUSED, phone="050 765 4321")):
        data = sale_form(client) | {"card_type": str(todays_card_type.id)} | buyer
        assert client.post("/office/", data=data).status_code == 302
    cards = {card.buyer.email: card for card in db.session.scalars(select(Card))}
    asa, riku = cards["asa@example.org"], cards[REFUSED]
    for card in (asa, riku):  # the second is refused by the mail server: a warning is logged
        token = csrf_token(client, f"/office/cards/{card.number}")
        client.post(f"/office/cards/{card.number}/email", data={"csrf_token": token})

    instructor = make_user(Role.INSTRUCTOR)
    door = app.test_client()
    log_in(door, instructor)
    scan = {"code": asa.number, "course_id": world.course("gym").id}
    header = {"X-CSRFToken": csrf_token(door, "/checkin/")}
    assert door.post("/api/v1/checkins", json=scan, headers=header).status_code == 201
    assert door.post("/api/v1/checkins", json={"code": "nonsense", "course_id": 1}, headers=header).status_code == 404

    buyer_phone = app.test_client()
    assert buyer_phone.get(f"/k/{asa.secret}").status_code == 200
    assert buyer_phone.get("/k/not-a-secret").status_code == 404

    today = local_date(utcnow()).isoformat()  # the sale ran on the real clock: ask the buyers of today
    period = {"starts_on": today, "ends_on": today}
    started = client.post(
        "/reports/feedback/start", data={"csrf_token": csrf_token(client, "/reports/feedback")} | period
    )
    round_page = started.headers["Location"]
    client.post(f"{round_page}/send", data={"csrf_token": csrf_token(client, round_page)})
    invitation = next(
        m for m in mail.messages if "palaute" in body(m) and m["To"].addresses[0].addr_spec == asa.buyer.email
    )
    survey_token = SURVEY_LINK.search(body(invitation))[1]
    survey = f"/palaute/{survey_token}"
    answered = buyer_phone.post(survey, data={"csrf_token": csrf_token(buyer_phone, survey), "rating": "5"})
    assert answered.status_code == 302  # saved, and back to the survey page

    # The app's own logs and its libraries', as its handler writes them (access lines' fields
    # included); not the test's mail server, which logs every line it receives.
    logged = "\n".join(handler.format(record) for record in caplog.records if not record.name.startswith("mail.log"))
    assert "batch sent" in logged and "not sent" in logged  # the log is there, and it says things
    assert "GET /k/… 200" in logged and "POST /palaute/… 302" in logged  # the buyer's pages, redacted
    for personal in (
        "Åsa",
        "Öhman",
        "asa@example.org",
        "040 123 4567",
        "Riku",
        REFUSED,
        "050 765 4321",
        asa.secret,
        riku.secret,
        survey_token,
    ):
        assert personal not in logged, personal
