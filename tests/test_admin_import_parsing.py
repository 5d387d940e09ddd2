"""Course import from CSV, the domain part: encodings, separators, headers, row errors, and random input."""

import csv
import io
from datetime import date, time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kymppi.demo import load_demo
from kymppi.domain.course_csv import NOT_TEXT, decode_csv
from kymppi.domain.course_import import RowAction, RowMessage, apply_import, preview_import
from kymppi.domain.errors import InvalidInput
from kymppi.extensions import db
from kymppi.models import Course, CourseCategory, Role
from tests.rows import audit_events, count

DATA = Path(__file__).parent / "data"
EXAMPLE = (DATA / "courses.csv").read_bytes()
EXAMPLE_CP1252 = (DATA / "courses-cp1252.csv").read_bytes()
EXAMPLE_TEXT = EXAMPLE.decode("utf-8-sig")
HEADER = "koodi;nimi;kategoria;lukukausi;viikonpäivä;alkaa;päättyy;paikka;kortit;enimmäismäärä;opettajat\n"
GOOD_ROW = "LI101;Kuntojumppa;liikunta;Syksy 2026;ma;18:00;19:00;Sali;kyllä;;opettaja2@kymppi.example\n"
# The instructors the example file names: the demo's (kymppi/demo.py), so the example imports into it cleanly.
TEACHERS = [
    ("opettaja2@kymppi.example", "Jussi Jumppa"),
    ("opettaja1@kymppi.example", "Tiina Tanssi"),
    ("opettaja3@kymppi.example", "Oona Ohjaaja"),
]
UNKNOWN = (
    "Opettajaa {} ei ole käyttäjissä: kurssi tuodaan ilman häntä. Lisää hänet henkilökuntaan ja tuo tiedosto uudelleen."
)


@pytest.fixture
def teachers(world, make_user):
    return [make_user(Role.INSTRUCTOR, email=email, name=name) for email, name in TEACHERS]


def comma_separated(text: str) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(csv.reader(io.StringIO(text), delimiter=";"))
    return out.getvalue().encode()


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
    assert [row.cells["code"] for row in preview.rows][:3] == ["LI101", "LI102", "LI107"]
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
    text += "LI101,Kuntojumppa,sport,Syksy 2026,maanantai,18.00,19.00,Sali,yes,5,opettaja2@kymppi.example\n"
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
        ("LI9;Jumppa;liikunta;Syksy 2026;ma;18:00;19:00;;;;nobody@x", "opettajat", "Virheellinen sähköpostiosoite"),
        ("LI9;Jumppa;liikunta;Syksy 2026;ma;18:00;19:00;;;;a@b@c.fi", "opettajat", "Virheellinen sähköpostiosoite"),
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


@pytest.mark.parametrize(
    ("cells", "column"),
    [
        ("18:00;19:00;;kyllä;²", "enimmäismäärä"),  # "²".isdigit() is True, but int("²") fails
        ("18:00;19:00;;kyllä;1²", "enimmäismäärä"),
        ("18:00;19:00;;kyllä;５", "enimmäismäärä"),  # fullwidth: int() would read it as 5
        ("18:00;19:00;;kyllä;٣", "enimmäismäärä"),
        ("１８:００;19:00;;;", "alkaa"),
        ("18:00;١٩:٠٠;;;", "päättyy"),
        ("18:0²;19:00;;;", "alkaa"),
    ],
)
def test_digits_other_than_0_to_9_are_a_row_error(teachers, cells, column):
    preview = preview_import(HEADER + GOOD_ROW + f"LI9;Jumppa;liikunta;Syksy 2026;ma;{cells};\n")
    assert [e.column for e in preview.rows[1].errors] == [column]


def test_tab_separated_file_is_read(teachers):
    text = (HEADER + GOOD_ROW).replace(";", "\t")
    [row] = preview_import(text).rows
    assert row.errors == []
    assert row.values["place"] == "Sali"


def test_one_row_may_have_several_errors_and_duplicates_are_caught(teachers):
    preview = preview_import(HEADER + GOOD_ROW + GOOD_ROW + "LI9;;;Syksy 2026;xx;18:00;19:00;;;;\n")
    assert preview.error_rows == 2
    assert [e.message for e in preview.rows[1].errors] == ["Sama koodi on jo rivillä 2."]
    assert [e.column for e in preview.rows[2].errors] == ["nimi", "kategoria", "viikonpäivä"]


def test_deactivated_instructor_is_a_row_error(teachers):
    teachers[0].active = False
    db.session.commit()
    [row] = preview_import(HEADER + GOOD_ROW).rows
    assert [e.message for e in row.errors] == ["Tunnus opettaja2@kymppi.example on poistettu käytöstä."]


def test_unknown_instructor_is_a_warning_and_the_course_is_saved_without_them(teachers, make_user):
    row = GOOD_ROW.replace("opettaja2@kymppi.example", '"opettaja2@kymppi.example, Uusi.Opettaja@opisto.example"')
    preview = apply_import(HEADER + row, by=make_user(Role.ADMIN))
    assert preview.ok
    [saved] = preview.rows
    assert saved.errors == []
    assert saved.warnings == [RowMessage("opettajat", UNKNOWN.format("uusi.opettaja@opisto.example"))]
    assert (preview.warning_rows, preview.count(RowAction.NEW)) == (1, 1)
    assert db.session.query(Course).filter_by(code="LI101").one().instructors == [teachers[0]]


def test_errors_and_warnings_are_listed_by_row_errors_first(teachers):
    unknown = "LI8;Jumppa;liikunta;Syksy 2026;ma;18:00;19:00;;;;kuka@opisto.example\n"
    both = "LI9;Jumppa;liikunta;Talvi;ma;18:00;19:00;;;;ken@opisto.example\n"
    preview = preview_import(HEADER + unknown + both)
    assert not preview.ok
    assert (preview.error_rows, preview.warning_rows) == (1, 2)
    assert [(number, e.column) for number, e in preview.errors] == [(3, "lukukausi")]
    assert [(number, w.message) for number, w in preview.warnings] == [
        (2, UNKNOWN.format("kuka@opisto.example")),
        (3, UNKNOWN.format("ken@opisto.example")),
    ]


def test_the_example_file_imports_cleanly_into_the_demo(app):
    """What a new admin tries first: the shipped example into `kymppi demo` has no errors and no warnings."""
    assert load_demo(today=date(2026, 11, 23))
    preview = preview_import(EXAMPLE_TEXT)
    assert preview.ok
    assert preview.warnings == []
    assert [preview.count(action) for action in RowAction] == [1, 4, 3]


def test_apply_saves_nothing_when_a_row_has_an_error(teachers, make_user):
    admin = make_user(Role.ADMIN)
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
