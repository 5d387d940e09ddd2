"""The office's pages at scale read a range of an index, not every row ever written (issue #9).

At 100 000 cards and 1 000 000 check-ins (bench/) these queries sorted every
card, joined every card to its buyer, or read every check-in, so their cost
grew with the opisto's history. Each test asks the database for the plan of
the statement the page really sends and holds that it uses its index.

SQLite plans from the schema, so its plan is the one a large database gets.
PostgreSQL plans from table statistics and would rightly scan the test's few
rows; with sequential scans and sorts switched off it must still find a plan
through the index, which fails when no index can serve the query (as
`DESC NULLS LAST` on the card list once could not: docs/performance.md).
"""

from collections.abc import Callable
from datetime import date

import pytest
from sqlalchemy import event, inspect

from kymppi.domain.cards import predecessor
from kymppi.domain.listings import CARD_SORTS, CardFilters, card_list, read_listing
from kymppi.domain.periods import Period
from kymppi.domain.term_buyers import term_buyers
from kymppi.domain.term_results import term_results
from kymppi.extensions import db

PERIOD = Period(date(2026, 8, 24), date(2026, 12, 13))


def plan_of(call: Callable[[], object], marker: str) -> str:
    """The plan of the first statement `call` sends that contains `marker`."""
    statements = []

    def keep(_connection, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    statement, parameters = next((s, p) for s, p in statements if marker in s)
    connection = db.session.connection()
    if db.engine.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        return " / ".join(row[-1] for row in rows)
    connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    connection.exec_driver_sql("SET LOCAL enable_sort = off")
    rows = connection.exec_driver_sql(f"EXPLAIN {statement}", parameters)
    return " / ".join(row[0].strip() for row in rows)


@pytest.fixture(autouse=True)
def _forget_the_planner_settings(app):
    yield
    db.session.rollback()


def sorts_every_row(plan: str) -> bool:
    # On PostgreSQL a sort it cannot avoid still shows, priced as "disabled".
    return "TEMP B-TREE FOR ORDER BY" in plan or any(
        step.startswith("Sort") or "Sort  (" in step for step in plan.split(" / ")
    )


def test_newest_first_card_page_walks_the_sale_time_index_instead_of_sorting_every_card(app):
    listing = read_listing({}, CARD_SORTS, default="sold")
    plan = plan_of(lambda: card_list(CardFilters(), listing), "ORDER BY card.sold_at DESC")
    assert "ix_card_sold_at" in plan, plan
    assert not sorts_every_row(plan), plan


def test_a_periods_buyers_come_from_the_validity_index_not_from_every_card(app):
    plan = plan_of(lambda: term_buyers(PERIOD, page=1), "count(")
    assert "ix_card_validity" in plan, plan


def test_the_card_a_card_replaced_is_found_by_the_index_not_by_reading_every_card(app, make_card):
    card = make_card(name="Maija Meikäläinen")
    plan = plan_of(lambda: predecessor(card), "WHERE card.replaced_by_id")
    assert "ix_card_replaced_by_id" in plan, plan


def test_a_periods_visits_are_a_range_of_the_active_by_date_index(app):
    if db.engine.dialect.name != "sqlite":
        # For a few rows PostgreSQL may take either partial index of check_in, even with seq scans
        # off (it once chose uq_check_in_active_session); what must hold there is the index itself.
        indexes = {index["name"]: index["column_names"] for index in inspect(db.engine).get_indexes("check_in")}
        assert indexes["ix_check_in_active_by_date"] == ["session_date", "course_id"]
        return
    plan = plan_of(lambda: term_results(PERIOD, today=PERIOD.ends_on), "GROUP BY check_in.session_date")
    assert "ix_check_in_active_by_date" in plan, plan
