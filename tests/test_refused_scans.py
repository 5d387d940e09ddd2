"""The office's refused scans: the list with its filters and paging, offline conflicts, and the card page."""

import re
from datetime import timedelta
from html import unescape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kymppi.domain import listings
from kymppi.domain.card_status import cancel_card, suspend_card
from kymppi.domain.checkin import check_in
from kymppi.domain.codes import format_card_number
from kymppi.domain.refusals import REFUSAL_OUTCOMES, refusals_of
from kymppi.labels import REFUSAL_REASON
from kymppi.models import CheckInSource, Role
from tests.factories import SESSION_DAY, on
from tests.test_office_lists import count_queries

PATH = "/office/refused-scans"
ROW = re.compile(r"<tr( class=\"conflict\")?>(.*?)</tr>", re.S)
CELL = re.compile(r"<td[^>]*>(.*?)</td>", re.S)
TAG = re.compile(r"<[^>]+>")
COLUMNS = ("time", "course", "card", "holder", "reason", "source", "instructor")


def rows(response) -> list[dict]:
    """The table's rows as their cells' text, plus whether the row is marked a conflict."""
    assert response.status_code == 200, response.status_code
    body = response.get_data(as_text=True).split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    found = []
    for conflict, row in ROW.findall(body):
        cells = [" ".join(unescape(TAG.sub(" ", cell)).split()) for cell in CELL.findall(row)]
        if len(cells) == len(COLUMNS):  # not the one-cell "nothing found" row
            found.append(dict(zip(COLUMNS, cells, strict=True)) | {"conflict": bool(conflict)})
    return found


def at(minutes: int, day=SESSION_DAY):
    """Noon on the session day plus a few minutes, so scans have a known order."""
    return on(day) + timedelta(minutes=minutes)


@pytest.fixture
def office(world, login):
    return login(Role.OFFICE)


@pytest.fixture
def scan(world):
    def refuse(code: str, when, *, source=CheckInSource.OFFLINE, course: str = "gym"):
        result = check_in(code, world.course(course).id, by=world.instructor, at=when, source=source)
        assert result.refused, result
        return result

    return refuse


@pytest.fixture
def cancelled(world, make_card):
    card = make_card(name="Peruttu Pirkko", email="pirkko@example.org")
    cancel_card(card.id, by=world.office, reason="muutti pois")
    return card


@pytest.fixture
def three_refusals(world, make_card, cancelled, scan):
    """An offline conflict on a cancelled card, a suspended card at the camera, an unknown code typed in."""
    suspended = make_card(name="Keskeytetty Kalle", email="kalle@example.org")
    suspend_card(suspended.id, by=world.office, reason="sairasloma")
    scan(cancelled.number, at(0), source=CheckInSource.OFFLINE)
    scan(suspended.number, at(10), source=CheckInSource.CAMERA)
    scan("ZZZZ9999", at(20), source=CheckInSource.MANUAL)
    return {"cancelled": cancelled, "suspended": suspended}


def test_the_list_shows_refusals_newest_first_with_reason_source_and_instructor(client, world, office, three_refusals):
    shown = rows(client.get(PATH))
    suspended, cancelled = (format_card_number(three_refusals[k].number) for k in ("suspended", "cancelled"))
    assert [(r["time"], r["card"], r["holder"], r["reason"], r["source"], r["conflict"]) for r in shown] == [
        ("23.11.2026 12:20", "tuntematon kortti", "", "tuntematon kortti", "käsin", False),
        ("23.11.2026 12:10", suspended, "Keskeytetty Kalle", "keskeytetty", "kamera", False),
        ("23.11.2026 12:00", cancelled, "Peruttu Pirkko", "Offline-ristiriita peruttu", "offline-jono", True),
    ]
    assert {(r["course"], r["instructor"]) for r in shown} == {("Gym", world.instructor.name)}
    html = client.get(PATH).get_data(as_text=True)
    assert "<h1>Hylätyt leimaukset</h1>" in html
    assert f'href="/office/cards/{three_refusals["cancelled"].number}"' in html
    assert "Ota yhteyttä kortin ostajaan" in html


def test_the_unknown_card_row_links_to_no_card(client, office, scan):
    scan("ZZZZ9999", at(0))

    (row,) = rows(client.get(PATH))
    assert row["card"] == "tuntematon kortti" and row["reason"] == "Offline-ristiriita tuntematon kortti"
    assert 'href="/office/cards/' not in client.get(PATH).get_data(as_text=True)


def test_conflicts_only_shows_the_offline_queue_refusals(client, office, three_refusals):
    shown = rows(client.get(PATH, query_string={"conflicts": "y"}))
    assert [row["holder"] for row in shown] == ["Peruttu Pirkko"]
    assert all(row["conflict"] for row in shown)


def test_outcome_filter_shows_only_that_reason(client, world, office, make_card, three_refusals, scan):
    scan(make_card().number, at(30), course="choir", source=CheckInSource.SCANNER)

    assert [row["reason"] for row in rows(client.get(PATH, query_string={"outcome": "suspended"}))] == ["keskeytetty"]
    (row,) = rows(client.get(PATH, query_string={"outcome": "course_not_eligible"}))
    assert (row["course"], row["reason"], row["source"]) == ("Choir", "ei käy tällä kurssilla", "lukija")
    assert rows(client.get(PATH, query_string={"outcome": "cancelled", "conflicts": "y"}))[0]["conflict"]
    assert rows(client.get(PATH, query_string={"outcome": "suspended", "conflicts": "y"})) == []


def test_date_range_filter_counts_session_dates_both_ends_included(client, office, cancelled, scan):
    for days in (-1, 0, 1):
        scan(cancelled.number, at(0, SESSION_DAY + timedelta(days=days)))

    def times(**params):
        return [row["time"] for row in rows(client.get(PATH, query_string=params))]

    assert times(since="2026-11-23", until="2026-11-23") == ["23.11.2026 12:00"]
    assert times(since="2026-11-23") == ["24.11.2026 12:00", "23.11.2026 12:00"]
    assert times(until="2026-11-22") == ["22.11.2026 12:00"]
    assert times(since="2026-11-24", until="2026-11-22") == []


def test_paging_keeps_the_filters_and_a_page_past_the_end_shows_the_last(client, office, cancelled, scan, monkeypatch):
    monkeypatch.setattr(listings, "PER_PAGE", 2)
    for minute in range(5):
        scan(cancelled.number, at(minute))
    scan(cancelled.number, at(9), source=CheckInSource.CAMERA)

    def minutes(**params):
        return [row["time"][-2:] for row in rows(client.get(PATH, query_string={"conflicts": "y"} | params))]

    assert minutes() == ["04", "03"]
    assert minutes(page="3") == ["00"]
    assert minutes(page="99") == ["00"]
    html = client.get(PATH, query_string={"conflicts": "y", "page": "2"}).get_data(as_text=True)
    assert "5 hylättyä leimausta, sivu 2 / 3" in html
    assert 'href="/office/refused-scans?conflicts=y&amp;sort=time&amp;order=desc&amp;page=3"' in html
    assert minutes(order="asc") == ["00", "01"]


def test_the_card_page_lists_the_cards_refusals_and_marks_conflicts(client, world, office, cancelled, scan):
    scan(cancelled.number, at(0), source=CheckInSource.CAMERA)
    scan(cancelled.number, at(5), source=CheckInSource.OFFLINE, course="dance")

    html = client.get(f"/office/cards/{cancelled.number}").get_data(as_text=True)
    section = html.split('<h2 id="refusals-heading">Hylätyt leimaukset</h2>', 1)[1].split("</section>", 1)[0]
    assert section.index("23.11.2026 12:05") < section.index("23.11.2026 12:00")
    assert "Dance" in section and "peruttu" in section and "offline-jono" in section and "kamera" in section
    assert world.instructor.name in section
    assert section.count('<tr class="conflict">') == 1
    assert "Ota yhteyttä ostajaan" in section


def test_a_card_without_refusals_says_so(client, office, make_card, cancelled, scan):
    scan(cancelled.number, at(0))
    other = make_card(name="Onnellinen Olli", email="olli@example.org")

    html = client.get(f"/office/cards/{other.number}").get_data(as_text=True)
    assert "Ei hylättyjä leimauksia." in html


def test_card_refusals_are_the_newest_up_to_the_limit(world, cancelled, scan):
    for minute in range(4):
        scan(cancelled.number, at(minute))

    assert [r.scanned_at for r in refusals_of(cancelled.id, limit=3)] == [at(3), at(2), at(1)]


def test_every_refusal_outcome_has_a_finnish_label():
    assert set(REFUSAL_REASON) == set(REFUSAL_OUTCOMES)


def test_the_card_list_links_to_the_refused_scans(client, office):
    assert f'href="{PATH}"' in client.get("/office/cards").get_data(as_text=True)


def test_instructors_may_not_see_the_list(client, world, login):
    login(Role.INSTRUCTOR)
    assert client.get(PATH).status_code == 403


def test_the_list_takes_the_same_number_of_queries_for_two_or_twelve_rows(client, world, office, make_card, scan):
    def refuse_new_cards(n: int):
        for i in range(n):
            card = make_card(name=f"Ostaja {i}", email=f"o{i}@example.org")
            cancel_card(card.id, by=world.office, reason="testi")
            scan(card.number, at(i))

    refuse_new_cards(2)
    few = count_queries(client, PATH)
    refuse_new_cards(10)
    assert count_queries(client, PATH) == few


JUNK = [
    {"outcome": "ok"},
    {"outcome": "already_checked_in"},
    {"outcome": "lost"},
    {"outcome": "\x00"},
    {"conflicts": "x" * 5000},
    {"page": "abc"},
    {"page": "-1"},
    {"page": "10000000000000000000000000"},
    {"sort": "'; DROP TABLE refused_scan; --", "order": "sideways"},
    {"since": "2026-13-45"},
    {"since": "0001-01-01", "until": "9999-12-31"},
    {"until": "23.11.2026"},
]


@pytest.mark.parametrize("params", JUNK)
def test_junk_filters_never_fail(client, office, three_refusals, params):
    assert len(rows(client.get(PATH, query_string=params))) in (1, 3)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st.dictionaries(
        st.sampled_from(["conflicts", "outcome", "since", "until", "page", "sort", "order"]),
        st.text(max_size=30),
        max_size=5,
    )
)
def test_any_query_parameters_render_the_list(client, office, params):
    assert client.get(PATH, query_string=params).status_code == 200
