"""Course import from CSV through the pages: upload, preview that saves nothing, confirm, re-import."""

import io
import re
from datetime import time
from html import unescape

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from kymppi.admin.course_import import MAX_UPLOAD_BYTES, _pack
from kymppi.domain.course_csv import NOT_TEXT
from kymppi.extensions import db
from kymppi.models import Course, CourseCategory, Role
from tests.conftest import csrf_token
from tests.rows import audit_events, count, reload
from tests.test_admin_import_parsing import (
    EXAMPLE,
    EXAMPLE_CP1252,
    EXAMPLE_TEXT,
    GOOD_ROW,
    HEADER,
    TEACHERS,
    UNKNOWN,
    comma_separated,
)

PAYLOAD = re.compile(r'name="payload"[^>]*value="([^"]*)"')


@pytest.fixture
def teachers(world, make_user):
    return [make_user(Role.INSTRUCTOR, email=email, name=name) for email, name in TEACHERS]


@pytest.fixture
def admin(login, teachers):
    return login(Role.ADMIN)


def upload(client, content: bytes, name="kurssit.csv"):
    """Encoded in memory: the test client would spool a large body to a temporary file it never closes."""
    file = FileStorage(io.BytesIO(content), filename=name, content_type="text/csv")
    boundary, body = encode_multipart({"file": file, "csrf_token": csrf_token(client, "/admin/")})
    return client.post("/admin/courses/import", data=body, content_type=f"multipart/form-data; boundary={boundary}")


def confirm(client, preview_html: str):
    payload = unescape(PAYLOAD.search(preview_html).group(1))
    data = {"payload": payload, "csrf_token": csrf_token(client, "/admin/")}
    return client.post("/admin/courses/import/confirm", data=data)


def import_file(client, content: bytes):
    preview = upload(client, content)
    assert preview.status_code == 200, preview.get_data(as_text=True)
    response = confirm(client, preview.get_data(as_text=True))
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def test_upload_page_documents_the_columns(client, admin):
    html = client.get("/admin/courses/import").get_data(as_text=True)
    for header in ("koodi", "viikonpäivä", "enimmäismäärä", "opettajat", "instructors"):
        assert header in html
    assert 'enctype="multipart/form-data"' in html


@pytest.mark.parametrize("content", [EXAMPLE, EXAMPLE_CP1252, comma_separated(EXAMPLE_TEXT)])
def test_upload_shows_a_preview_and_saves_nothing(client, admin, world, content):
    response = upload(client, content)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "8 riviä: 8 uutta" in html
    assert "Pöytätennis" in html
    assert "Itämainen tanssi" in html
    assert "uusi kurssi" in html
    assert "Ei virheitä eikä varoituksia." in html
    assert "Uudet kategoriat luodaan: kielet, liikunta, tanssi." in html
    assert ">Tallenna</button>" in html
    assert count(Course) == len(world.courses)
    assert count(CourseCategory) == 4


def test_confirm_saves_the_courses(client, admin, world, teachers):
    import_file(client, EXAMPLE)
    assert count(Course) == len(world.courses) + 8
    lavatanssi = db.session.query(Course).filter_by(code="TA205").one()
    assert lavatanssi.weekday == 6
    assert (lavatanssi.starts_at, lavatanssi.ends_at) == (time(16), time(18))
    assert sorted(u.name for u in lavatanssi.instructors) == ["Jussi Jumppa", "Tiina Tanssi"]
    assert lavatanssi.category.code == "tanssi"
    assert lavatanssi.term == world.term
    assert db.session.query(Course).filter_by(code="LI102").one().card_cap == 8
    assert db.session.query(Course).filter_by(code="LI106").one().accepts_cards is False
    [summary] = audit_events("courses_imported")
    assert summary.details == {"new": 8, "update": 0, "unchanged": 0}
    assert len(audit_events("course_created")) == 8
    assert len(audit_events("category_created")) == 3
    assert "8 uutta" in client.get("/admin/courses").get_data(as_text=True)


def test_reimport_updates_by_code_instead_of_duplicating(client, admin, world):
    import_file(client, EXAMPLE)
    again = upload(client, EXAMPLE).get_data(as_text=True)
    assert "8 riviä: 0 uutta, 0 päivitettävää, 8 ennallaan" in again
    changed = EXAMPLE_TEXT.replace(
        "Pöytätennis;liikunta;Syksy 2026;keskiviikko;18:00", "Pöytätennis;liikunta;Syksy 2026;to;17:00"
    )
    preview = upload(client, changed.encode("cp1252")).get_data(as_text=True)
    assert "päivitetään (viikonpäivä, alkaa)" in preview
    import_file(client, changed.encode("cp1252"))
    assert count(Course) == len(world.courses) + 8
    table_tennis = db.session.query(Course).filter_by(code="LI107").one()
    assert (table_tennis.weekday, table_tennis.starts_at) == (3, time(17))
    [event] = [e for e in audit_events("course_updated") if e.details["course_id"] == table_tennis.id]
    assert event.details["changes"] == {"weekday": [2, 3], "starts_at": ["18:00:00", "17:00:00"]}
    assert event.details["source"] == "csv"


def test_reimport_updates_an_existing_course_and_keeps_columns_the_file_lacks(client, admin, world):
    gym = world.course("gym")
    text = "koodi;nimi;kategoria;lukukausi;viikonpäivä;alkaa;päättyy\nC-gym;Kuntosali;sport;Syksy 2026;ti;17:00;18:00\n"
    import_file(client, text.encode())
    gym = reload(gym)
    assert (gym.name, gym.weekday, gym.place, gym.accepts_cards) == ("Kuntosali", 1, "Sali", True)
    assert gym.instructors == [world.instructor]


def test_preview_with_row_errors_has_no_save_button(client, admin, world):
    content = (HEADER + GOOD_ROW + "LI9;Jumppa;liikunta;Talvi 2031;ma;18:00;17:00;;;;\n").encode()
    response = upload(client, content)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert ">Tallenna</button>" not in html
    assert 'name="payload"' not in html
    assert "lukukausi: Lukukautta ”Talvi 2031” ei ole." in html
    assert "päättyy: Päättymisajan on oltava alkamisajan jälkeen." in html
    assert '<th scope="row" class="number">3</th>' in html
    assert count(Course) == len(world.courses)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_a_superscript_cap_is_a_row_error_in_either_encoding(client, admin, world, encoding):
    """ "²" is 0xB2 in Windows-1252: a slip of AltGr+2 in Excel, which used to be a 500."""
    content = (HEADER + GOOD_ROW.replace("kyllä;;", "kyllä;²;")).encode(encoding)
    response = upload(client, content)
    assert response.status_code == 422
    assert "enimmäismäärä: Kirjoita luku 0–1000 tai jätä tyhjäksi." in response.get_data(as_text=True)
    assert count(Course) == len(world.courses)


def test_unknown_instructor_is_a_warning_and_the_file_can_be_saved(client, admin, world, teachers):
    row = GOOD_ROW.replace("opettaja2@kymppi.example", "opettaja2@kymppi.example uusi.opettaja@opisto.example")
    preview = upload(client, (HEADER + row).encode())
    html = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert ">Tallenna</button>" in html
    assert "Ei virheitä, <strong>varoituksia 1 rivillä</strong>." in html
    assert "Rivi 2: opettajat: " + UNKNOWN.format("uusi.opettaja@opisto.example") in html
    response = confirm(client, html)
    assert response.status_code == 302
    assert db.session.query(Course).filter_by(code="LI101").one().instructors == [teachers[0]]
    assert "Varoituksia oli 1 rivillä" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_result_column_comes_right_after_the_row_number_and_problems_are_listed_above(client, admin, world, teachers):
    bad = "LI9;Jumppa;liikunta;Talvi 2031;ma;18:00;19:00;;;;\n"
    unknown = "LI8;Jumppa;liikunta;Syksy 2026;ma;18:00;19:00;;;;kuka@opisto.example\n"
    html = upload(client, (HEADER + GOOD_ROW + bad + unknown).encode()).get_data(as_text=True)
    head = html[html.index("<thead>") : html.index("</thead>")]
    assert re.findall(r"<th[^>]*>([^<]*)</th>", head)[:3] == ["Rivi", "Tulos", "koodi"]
    error = html.index("Rivi 3: lukukausi: Lukukautta ”Talvi 2031” ei ole.")
    warning = html.index("Rivi 4: opettajat: " + UNKNOWN.format("kuka@opisto.example"))
    assert error < warning < html.index("<table")
    assert '<strong class="error">Virheitä 1 rivillä</strong>, <strong>varoituksia 1 rivillä</strong>.' in html


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (EXAMPLE_TEXT.encode("utf-16"), NOT_TEXT),
        (b"\x00\x01\x02binary", NOT_TEXT),
        (b"", "Tiedosto on tyhjä."),
        (b"koodi;nimi\n", "Sarakkeet puuttuvat"),
        (HEADER.encode() + b"x" * MAX_UPLOAD_BYTES, "Tiedosto on liian suuri: enintään 1 Mt."),
    ],
)
def test_broken_file_is_a_form_error(client, admin, world, content, message):
    response = upload(client, content)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    assert count(Course) == len(world.courses)


def test_missing_file_is_a_form_error(client, admin):
    response = client.post("/admin/courses/import", data={"csrf_token": csrf_token(client, "/admin/")})
    assert response.status_code == 422
    assert "Valitse tiedosto." in response.get_data(as_text=True)


@pytest.mark.parametrize("payload", ["", "not base64 at all!", "eJzLSM3JyVcozy/KSQEAGgQEXQ==", _pack.__name__])
def test_broken_confirm_payload_is_refused(client, admin, world, payload):
    data = {"payload": payload, "csrf_token": csrf_token(client, "/admin/")}
    response = client.post("/admin/courses/import/confirm", data=data)
    assert response.status_code == 422
    assert "Esikatselun tiedot puuttuivat tai olivat vioittuneet." in response.get_data(as_text=True)
    assert count(Course) == len(world.courses)


def test_confirm_checks_the_file_again(client, admin, world, teachers):
    preview = upload(client, EXAMPLE).get_data(as_text=True)
    teachers[1].active = False
    db.session.commit()
    response = confirm(client, preview)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Tiedostossa on nyt virheitä, joten mitään ei tallennettu." in html
    assert "Tunnus opettaja1@kymppi.example on poistettu käytöstä." in html
    assert count(Course) == len(world.courses)


def test_forged_payload_with_control_characters_is_refused(client, admin, world, app):
    with app.test_request_context():
        payload = _pack(HEADER + "LI1\x00;x;sport;Syksy 2026;ma;18:00;19:00;;;;\n")
    data = {"payload": payload, "csrf_token": csrf_token(client, "/admin/")}
    response = client.post("/admin/courses/import/confirm", data=data)
    assert response.status_code == 422
    assert NOT_TEXT in response.get_data(as_text=True)
    assert count(Course) == len(world.courses)


def test_confirm_without_csrf_token_is_refused(client, admin, world):
    with client.application.test_request_context():
        payload = _pack(EXAMPLE_TEXT)
    response = client.post("/admin/courses/import/confirm", data={"payload": payload})
    assert response.status_code == 400
    assert count(Course) == len(world.courses)
