"""The card list's first page stays a few rows of an index however many cards were ever sold.

At 100 000 cards (bench/, issue #9) the office's card list, newest sale
first, sorted every card to show fifty; its cost grew with the opisto's
history. The query plan says whether the database walks `ix_card_sold_at`
instead. The plan is SQLite's: PostgreSQL plans by table statistics, and its sort of
`DESC NULLS LAST` does not match the index's order (see docs/performance.md), so
there the test holds only that the migration made the index.
"""

from sqlalchemy import event, inspect

from kymppi.domain.listings import CARD_SORTS, CardFilters, card_list, read_listing
from kymppi.extensions import db


def test_newest_first_page_reads_the_sale_time_index_instead_of_sorting_every_card(app):
    if db.engine.dialect.name != "sqlite":
        # PostgreSQL plans by its statistics; what must hold there is the index the migration made.
        indexes = {index["name"]: index["column_names"] for index in inspect(db.engine).get_indexes("card")}
        assert indexes["ix_card_sold_at"] == ["sold_at", "id"]
        return
    statements = []

    def keep(_connection, _cursor, statement, parameters, _context, _many):
        statements.append((statement, parameters))

    event.listen(db.engine, "before_cursor_execute", keep)
    try:
        card_list(CardFilters(), read_listing({}, CARD_SORTS, default="sold"))
    finally:
        event.remove(db.engine, "before_cursor_execute", keep)
    page, parameters = next((s, p) for s, p in statements if "ORDER BY card.sold_at DESC" in s)
    explained = db.session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {page}", parameters)
    plan = " / ".join(row[-1] for row in explained)
    assert "ix_card_sold_at" in plan, plan
    assert "TEMP B-TREE" not in plan, plan
