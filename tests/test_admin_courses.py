"""Admin pages for courses: list by term, create and edit with schedule, cap and instructors."""

from datetime import time

import pytest

from kymppi.extensions import db
from kymppi.models import Course, Role, Term, TermKind
from tests.conftest import csrf_token
from tests.factories import TERM_END
from tests.rows import audit_events, count, reload


@pytest.fixture
def admin(login):
    return login(Role.ADMIN)


@pytest.fixture
def course_form(world):
    """A valid new course: Wednesday pilates, dance category, the world's term and instructor."""
    return {
        "code": "LI103",
        "name": "Pilates",
        "category_id": str(world.categories["sport"].id),
        "term_id": str(world.term.id),
        "accepts_cards": "y",
        "weekday": "2",
        "starts_at": "18:00",
        "ends_at": "19:15",
        "place": "Koulun liikuntasali",
        "card_cap": "",
        "instructor_ids": [str(world.instructor.id)],
    }


def send(client, path, data):
    return client.post(path, data=data | {"csrf_token": csrf_token(client, "/admin/")})


def test_course_list_shows_schedule_and_instructors(client, admin, world):
    html = client.get("/admin/courses").get_data(as_text=True)
    assert "C-gym" in html
    assert "maanantai 18:00–19:00" in html
    assert world.instructor.name in html


def test_course_list_filters_by_term(client, admin, world):
    spring = Term(
        name="Kevät 2027", kind=TermKind.SPRING, academic_year="2026-2027", starts_on=TERM_END, ends_on=TERM_END
    )
    db.session.add(spring)
    db.session.commit()
    assert "C-gym" in client.get(f"/admin/courses?term={world.term.id}").get_data(as_text=True)
    assert "C-gym" not in client.get(f"/admin/courses?term={spring.id}").get_data(as_text=True)
    assert "C-gym" in client.get("/admin/courses?term=kaikki").get_data(as_text=True)
    assert client.get("/admin/courses?term=999").status_code == 404


@pytest.mark.parametrize("term", ["0", "-1", "2147483648", "99999999999", "9223372036854775808"])
def test_course_list_of_an_impossible_term_is_not_found(client, admin, world, term):
    """Past PostgreSQL's integer (and SQLite's) the lookup used to fail in the driver: a 500."""
    response = client.get(f"/admin/courses?term={term}")
    assert response.status_code == 404
    assert "Sivua ei löytynyt." in response.get_data(as_text=True)


def test_course_list_reads_as_a_timetable(client, admin, world, course_form):
    send(client, "/admin/courses/new", course_form | {"code": "A-first-by-code", "weekday": "6"})
    html = client.get("/admin/courses").get_data(as_text=True)
    table = html[html.index("<tbody>") :]
    assert table.index("C-gym") < table.index("A-first-by-code")


def test_admin_creates_a_course(client, admin, world, course_form):
    response = send(client, "/admin/courses/new", course_form)
    assert response.status_code == 302
    course = db.session.query(Course).filter_by(code="LI103").one()
    assert (course.weekday, course.starts_at, course.ends_at, course.card_cap) == (2, time(18), time(19, 15), None)
    assert course.accepts_cards is True
    assert course.instructors == [world.instructor]
    assert course.term_id == world.term.id
    [event] = audit_events("course_created")
    assert event.details["course_id"] == course.id
    assert event.details["changes"]["instructors"] == [[], [world.instructor.id]]


def test_admin_edits_a_course(client, admin, world, course_form):
    course = world.course("gym")
    html = client.get(f"/admin/courses/{course.id}").get_data(as_text=True)
    assert 'value="C-gym"' in html
    assert 'value="18:00"' in html
    other = world.office
    data = course_form | {"code": "C-gym", "card_cap": "12", "instructor_ids": [str(other.id)]}
    del data["accepts_cards"]
    assert send(client, f"/admin/courses/{course.id}", data).status_code == 302
    course = reload(course)
    assert (course.card_cap, course.accepts_cards, course.instructors) == (12, False, [other])
    [event] = audit_events("course_updated")
    assert event.details["changes"]["card_cap"] == [None, 12]
    assert event.details["changes"]["accepts_cards"] == [True, False]


def test_an_instructor_who_left_stays_on_their_course(client, admin, world, course_form):
    world.instructor.active = False
    db.session.commit()
    course = world.course("gym")
    html = client.get(f"/admin/courses/{course.id}").get_data(as_text=True)
    assert "poistettu käytöstä" in html
    data = course_form | {"code": "C-gym", "name": "Kuntosali"}
    assert send(client, f"/admin/courses/{course.id}", data).status_code == 302
    assert reload(course).instructors == [world.instructor]


def test_an_instructor_who_left_cannot_be_added_to_a_new_course(client, admin, world, course_form):
    world.instructor.active = False
    db.session.commit()
    response = send(client, "/admin/courses/new", course_form)
    assert response.status_code == 422
    assert "Valitse opettajat listasta." in response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"code": ""}, "Anna kurssikoodi."),
        ({"code": "C-gym"}, "Kurssikoodi on jo käytössä."),
        ({"code": "L" * 41}, "Enintään 40 merkkiä."),
        ({"name": ""}, "Anna nimi."),
        ({"name": "n" * 201}, "Enintään 200 merkkiä."),
        ({"category_id": ""}, "Valitse kategoria listasta."),
        ({"category_id": "999"}, "Valitse kategoria listasta."),
        ({"category_id": "liikunta"}, "Valitse kategoria listasta."),
        ({"term_id": "999"}, "Valitse lukukausi listasta."),
        ({"weekday": ""}, "Valitse viikonpäivä listasta."),
        ({"weekday": "7"}, "Valitse viikonpäivä listasta."),
        ({"starts_at": ""}, "Anna alkamisaika."),
        ({"starts_at": "25:00"}, "Anna kellonaika muodossa TT:MM, esimerkiksi 18:00."),
        ({"ends_at": "17:59"}, "Päättymisajan on oltava alkamisajan jälkeen."),
        ({"ends_at": "18:00"}, "Päättymisajan on oltava alkamisajan jälkeen."),
        ({"place": "p" * 201}, "Enintään 200 merkkiä."),
        ({"card_cap": "-1"}, "Anna luku 0–1000 tai jätä tyhjäksi."),
        ({"card_cap": "99999999999"}, "Anna luku 0–1000 tai jätä tyhjäksi."),
        ({"card_cap": "kymmenen"}, "Anna kokonaisluku tai jätä tyhjäksi."),
        ({"instructor_ids": ["999"]}, "Valitse opettajat listasta."),
        ({"instructor_ids": ["opettaja"]}, "Valitse opettajat listasta."),
    ],
)
def test_broken_course_is_refused_and_nothing_saved(client, admin, world, course_form, changes, message):
    response = send(client, "/admin/courses/new", course_form | changes)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in html
    for key in ("code", "name", "place"):
        if key not in changes:
            assert f'value="{course_form[key]}"' in html
    assert count(Course) == len(world.courses)
    assert audit_events("course_created") == []


def test_new_course_form_says_to_add_a_term_first(client, admin):
    html = client.get("/admin/courses/new").get_data(as_text=True)
    assert "Lisää ensin lukukausi" in html


def test_unknown_course_is_not_found(client, admin, world, course_form):
    response = client.get("/admin/courses/999")
    assert response.status_code == 404
    assert "Sivua ei löytynyt." in response.get_data(as_text=True)
    assert send(client, "/admin/courses/999", course_form).status_code == 404


def test_course_weekdays_are_finnish(client, admin, world):
    html = client.get("/admin/courses/new").get_data(as_text=True)
    for day in ("maanantai", "keskiviikko", "sunnuntai"):
        assert day in html
    assert world.term.name in html


def test_monday_and_a_cap_of_zero_are_values_not_blanks(client, admin, world, course_form):
    response = send(client, "/admin/courses/new", course_form | {"weekday": "0", "card_cap": "0", "starts_at": "9.30"})
    assert response.status_code == 302
    course = db.session.query(Course).filter_by(code="LI103").one()
    assert (course.weekday, course.card_cap, course.starts_at) == (0, 0, time(9, 30))
