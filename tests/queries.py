"""Counting the SQL statements a piece of code sends: how tests show a page or a report costs a fixed number."""

from collections.abc import Callable

from sqlalchemy import event

from kymppi.extensions import db


def statements_of(call: Callable[[], object]) -> int:
    """How many statements `call()` sends to the database."""
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    return len(statements)
