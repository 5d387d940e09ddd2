"""Course import from CSV: encodings, separators, row errors, preview saves nothing, re-import updates."""

import csv
import io
import re
from datetime import time
from html import unescape
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from kymppi.admin.course_import import MAX_UPLOAD_BYTES, _pack
from kymppi.domain.course_import import NOT_TEXT, RowAction, apply_import, decode_csv, preview_import
from kymppi.domain.errors import InvalidInput
from kymppi.extensions import db
from kymppi.models import Course, CourseCategory, Role
from tests.conftest import csrf_token
from tests.rows import audit_events, count, reload

DATA = Path(__file__).parent / "data"
EXAMPLE = (DATA / "courses.csv").read_bytes()
EXAMPLE_CP1252 = (DATA / "courses-cp1252.csv").read_bytes()
EXAMPLE_TEXT = EXAMPLE.decode("utf-8-sig")
PAYLOAD = re.compile(r'name="payload"[^>]*value="([^"]*)"')
HEADER = "koodi;nimi;kategoria;lukukausi;viikonpäivä;alkaa;päättyy;paikka;kortit;enimmäismäärä;opettajat\n"
GOOD_ROW = "LI101;Kuntojumppa;liikunta;Syksy 2026;ma;18:00;19:00;Sali;kyllä;;jussi.jumppa@opisto.example\n"


@pytest.fixture
def teachers(world, make_user):
    """The instructors the example file names."""
    return [
        make_user(Role.INSTRUCTOR, email="jussi.jumppa@opisto.example", name="Jussi Jumppa"),
        make_user(Role.INSTRUCTOR, email="tiina.tanssi@opisto.example", name="Tiina Tanssi"),
    ]


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


def comma_separated(text: str) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(csv.reader(io.StringIO(text), delimiter=";"))
    return out.getvalue().encode()


# Reading the file


@pytest.mark.parametrize("content", [EXAMPLE, EXAMPLE_CP1252, EXAMPLE[3:]], ids=["utf-8-bom", "cp1252", "utf-8"])
def test_example_file_reads_the_same_in_every_encoding(content):
    assert decode_csv(content) == EXAMPLE_TEXT
    assert "Pöytätennis" in decode_csv(content)


@pytest.mark.parametrize(
    "content",
    [
        EXAMPLE_TEXT.encode("utf-16"),
        EXAMPLE_TEXT.encode("utf-16-le"),
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        bytes(range(256)),
        b"koodi;nimi\x00;kategoria",
        b"\x81\x8d\x8f\x90\x9d",
    ],
)
def test_binary_and_utf16_files_are_refused(content):
    with pytest.raises(InvalidInput) as error:
        decode_csv(content)
    assert error.value.message == NOT_TEXT


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b" \r\n\r\n"])
def test_empty_file_is_refused(content):
    with pytest.raises(InvalidInput, match=r"Tiedosto on tyhjä\."):
        decode_csv(content)


@pytest.mark.parametrize("text", [EXAMPLE_TEXT, comma_separated(EXAMPLE_TEXT).decode()], ids=["semicolon", "comma"])
def test_preview_reads_every_row_and_saves_nothing(teachers, text):
    before = count(Course)
    preview = preview_import(text)
    assert preview.ok
    assert [row.cells["code"] for row in preview.rows][:3] == ["LI101", "LI102", "LI104"]
    assert [row.number for row in preview.rows] == list(range(2, 10))
    assert {row.action for row in preview.rows} == {RowAction.NEW}
    assert preview.new_categories == ["kielet", "liikunta", "tanssi"]
    assert preview.ignored_columns == ["hinta"]
    db.session.rollback()
    assert count(Course) == before
    assert count(CourseCategory) == 4


@pytest.mark.parametrize(
    "header",
    [
        "code,name,category,term,weekday,starts,ends,place,cards,cap,instructors",
        "Koodi,Nimi,Kategoria,Lukukausi,Viikonpaiva,Alkaa,Paattyy,Paikka,Kortit,Enimmaismaara,Opettajat",
    ],
    ids=["english", "finnish-without-umlauts"],
)
def test_other_header_spellings_are_accepted(teachers, header):
    text = header + "\n"
    text += "LI101,Kuntojumppa,sport,Syksy 2026,maanantai,18.00,19.00,Sali,yes,5,jussi.jumppa@opisto.example\n"
    [row] = preview_import(text).rows
    assert row.errors == []
    assert row.values["starts_at"] == time(18)
    assert row.values["card_cap"] == 5
    assert row.values["category"].code == "sport"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("koodi;nimi\nLI101;Kuntojumppa\n", "Sarakkeet puuttuvat: kategoria, lukukausi, viikonpäivä, alkaa, päättyy."),
        ("koodi nimi kategoria\n", "Sarakkeet puuttuvat: koodi, nimi, kategoria"),
        (HEADER.replace("nimi", "name;nimi"), "Sarake ”nimi” on otsikkorivillä kahdesti."),
        (HEADER, "Tiedostossa ei ole yhtään kurssiriviä otsikkorivin jälkeen."),
        (HEADER + GOOD_ROW + "\x00", NOT_TEXT),
        (HEADER + 'LI1;"' + "x" * 200_000 + '";a\n', "CSV-muoto on virheellinen."),
    ],
)
def test_file_level_problems_are_one_clear_error(world, text, message):
    with pytest.raises(InvalidInput) as error:
        preview_import(text)
    assert message in error.value.message
    assert error.value.field == "file"


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (";Jumppa;liikunta;Syksy 2026;ma;18:00;19:00;;;;", "koodi", "Koodi puuttuu."),
        ("X" * 41 + ";Jumppa;liikunta;Syksy 2026;ma;18:00;19:00;;;;", "koodi", "Enintään 40 merkkiä."),
        ("LI9;;liikunta;Syksy 2026;ma;18:00;19:00;;;;", "nimi", "Nimi puuttuu."),
        ("LI9;Jumppa;;Syksy 2026;ma;18:00;19:00;;;;", "kategoria", "Kategoria puuttuu."),
        ("LI9;Jumppa;liikunta;Talvi 2031;ma;18:00;19:00;;;;", "lukukausi", "Lukukautta ”Talvi 2031” ei ole."),
        ("LI9;Jumppa;liikunta;;ma;18:00;19:00;;;;", "lukukausi", "Lukukausi puuttuu."),
        ("LI9;Jumppa;liikunta;Syksy 2026;maanantaina;18:00;19:00;;;;", "viikonpäivä", "Kirjoita viikonpäivä"),
        ("LI9;Jumppa;liikunta;Syksy 2026;ma;kuusi;19:00;;;;", "alkaa", "Kirjoita kellonaika muodossa TT:MM"),
        ("LI9;Jumppa;liikunta;Syksy 2026;ma;18:00;24:00;;;;", "päättyy", "Kirjoita kellonaika muodossa TT:MM"),
        (
            "LI9;Jumppa;liikunta;Syksy 2026;ma;18:00;17:00;;;;",
            "päättyy",
            "Päättymisajan on oltava alkamisajan jälkeen.",
        ),
        ("LI9;Jumppa;liikunta;Syksy 2026;ma;18:00;19:00;;ehkä;;", "kortit", "Kirjoita kyllä tai ei."),
        ("LI9;Jumppa;liikunta;Syksy 2026;ma;18:00;19:00;;kyllä;-1;", "enimmäismäärä", "Kirjoita luku 0–1000"),
        ("LI9;Jumppa;liikunta;Syksy 2026;ma;18:00;19:00;;kyllä;5000;", "enimmäismäärä", "Anna luku 0–1000"),
        ("LI9;Jumppa;liikunta;Syksy 2026;ma;18:00;19:00;;;;nobody@x.fi", "opettajat", "Tuntematon sähköpostiosoite"),
        ("LI9;Jumppa;liikunta;Syksy 2026;ma;18:00;19:00;" + "p" * 201 + ";;;", "paikka", "Enintään 200 merkkiä."),
        ("LI9;Jumppa;liikunta;Syksy 2026;ma;18:00;19:00;;;;;ylimääräinen", "", "enemmän sarakkeita"),
    ],
)
def test_row_errors_name_the_row_and_column(teachers, row, column, message):
    preview = preview_import(HEADER + GOOD_ROW + row + "\n")
    assert not preview.ok
    good, bad = preview.rows
    assert good.errors == []
    assert bad.number == 3
    assert [(e.column, message in e.message) for e in bad.errors] == [(column, True)]


def test_one_row_may_have_several_errors_and_duplicates_are_caught(teachers):
    preview = preview_import(HEADER + GOOD_ROW + GOOD_ROW + "LI9;;;Syksy 2026;xx;18:00;19:00;;;;\n")
    assert preview.error_rows == 2
    assert [e.message for e in preview.rows[1].errors] == ["Sama koodi on jo rivillä 2."]
    assert [e.column for e in preview.rows[2].errors] == ["nimi", "kategoria", "viikonpäivä"]


def test_deactivated_instructor_is_a_row_error(teachers):
    teachers[0].active = False
    db.session.commit()
    [row] = preview_import(HEADER + GOOD_ROW).rows
    assert [e.message for e in row.errors] == ["Tunnus jussi.jumppa@opisto.example on poistettu käytöstä."]


def test_apply_saves_nothing_when_a_row_has_an_error(teachers, admin):
    preview = apply_import(HEADER + GOOD_ROW + "LI9;Jumppa;liikunta;Talvi;ma;18:00;19:00;;;;\n", by=admin)
    assert not preview.ok
    assert db.session.query(Course).filter_by(code="LI101").one_or_none() is None
    assert audit_events("courses_imported") == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.sampled_from([*';,"\n\r\t :.-aäx01@', "ma", "Syksy 2026", "koodi", "18:00"])).map("".join))
def test_any_text_is_a_preview_or_a_file_error(world, text):
    try:
        preview = preview_import(HEADER + text)
    except InvalidInput as error:
        assert error.field == "file"
    else:
        assert all(row.number >= 2 for row in preview.rows)
    db.session.rollback()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_any_bytes_are_text_or_a_file_error(world, data):
    try:
        text = decode_csv(data)
    except InvalidInput as error:
        assert error.field == "file"
        return
    try:
        preview_import(text)
    except InvalidInput as error:
        assert error.field == "file"
    db.session.rollback()


# Through the pages


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
    table_tennis = db.session.query(Course).filter_by(code="LI104").one()
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
    assert '<td class="number">3</td>' in html
    assert count(Course) == len(world.courses)


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
    assert "Tunnus tiina.tanssi@opisto.example on poistettu käytöstä." in html
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
