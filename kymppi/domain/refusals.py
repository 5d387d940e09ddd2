"""Scans the door refused, for the office: the list with its filters, and one card's refusals.

Most refusals need nothing from the office; the offline conflicts do. A
tablet without a connection judged the scan OK and let the holder in, and the
server refused it when the queue synced, so a visit was given that no card
paid for. Rows come with their card, holder, course and instructor in a fixed
number of queries per page: no N+1.
"""

from dataclasses import dataclass
from datetime import date

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from kymppi.domain.listings import Listing, SortKey, paginate
from kymppi.domain.outcomes import CheckInOutcome
from kymppi.extensions import db
from kymppi.models import Card, CheckInSource, RefusedScan

# The outcomes a RefusedScan row can hold: check_in logs every outcome but these two.
REFUSAL_OUTCOMES = tuple(o for o in CheckInOutcome if o not in (CheckInOutcome.OK, CheckInOutcome.ALREADY_CHECKED_IN))
# A conflict: someone was let in on an offline tablet's word, and the server refused the scan.
CONFLICT_SOURCE = CheckInSource.OFFLINE
# The card page shows a pattern, not an archive: the latest fifty say why a card keeps being refused.
CARD_REFUSALS_SHOWN = 50

REFUSAL_SORTS: dict[str, SortKey] = {
    "time": SortKey(lambda: (RefusedScan.scanned_at, RefusedScan.id), descending_first=True),
}


@dataclass(frozen=True)
class RefusalFilters:
    conflicts_only: bool = False
    outcome: CheckInOutcome | None = None
    # Session dates, both ends included. Compared as dates, not turned into UTC instants,
    # so a typed 0001-01-01 or 9999-12-31 is a bound like any other rather than an overflow.
    since: date | None = None
    until: date | None = None


def refused_scan_list(filters: RefusalFilters, listing: Listing) -> Pagination:
    """One page of refused scans, newest first unless the listing asks otherwise."""
    statement = _with_details(select(RefusedScan))
    if filters.conflicts_only:
        statement = statement.where(RefusedScan.source == CONFLICT_SOURCE)
    if filters.outcome is not None:
        statement = statement.where(RefusedScan.outcome == filters.outcome.value)
    if filters.since is not None:
        statement = statement.where(RefusedScan.session_date >= filters.since)
    if filters.until is not None:
        statement = statement.where(RefusedScan.session_date <= filters.until)
    return paginate(statement.order_by(*listing.order_by()), listing.page)


def refusals_of(card_id: int, limit: int = CARD_REFUSALS_SHOWN) -> list[RefusedScan]:
    """The card's latest refused scans, for its page: a card that keeps being refused shows why."""
    statement = (
        _with_details(select(RefusedScan))
        .where(RefusedScan.card_id == card_id)
        .order_by(RefusedScan.scanned_at.desc(), RefusedScan.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(statement))


def is_conflict(scan: RefusedScan) -> bool:
    """Whether the office has a visit to settle with the buyer."""
    return scan.source is CONFLICT_SOURCE


def _with_details(statement: Select) -> Select:
    return statement.options(
        selectinload(RefusedScan.card).selectinload(Card.buyer),
        selectinload(RefusedScan.course),
        selectinload(RefusedScan.scanned_by),
    )
