"""Scans a tablet refused on its own while the server was out of reach.

Every refused scan is kept for the office (see `RefusedScan`), but these
never reached `check_in`: the tablet judged them on its offline roster and
turned the holder away. It reports them once the network is back, with the
reason it gave at the door. Nothing is deducted and nothing is re-judged:
the holder was not let in, so the server has no visit to take, only a
refusal to remember. A report sent twice (a retried sync) is kept once.
"""

from datetime import datetime

from sqlalchemy.exc import IntegrityError

from kymppi.domain import catalog_queries
from kymppi.domain.cards import find_card
from kymppi.domain.checkin import scan_record
from kymppi.domain.outcomes import CheckInOutcome
from kymppi.extensions import db
from kymppi.models import CheckInSource, User

# What a tablet can refuse without the server: a known card of today's roster, or an unreadable code.
OFFLINE_REFUSALS = frozenset(CheckInOutcome) - {CheckInOutcome.OK, CheckInOutcome.ALREADY_CHECKED_IN}


def record_offline_refusal(
    code: str,
    course_id: int,
    *,
    by: User,
    at: datetime,
    source: CheckInSource,
    outcome: CheckInOutcome,
    client_id: str,
) -> bool:
    """Keep the tablet's refusal; False when this report (its client_id) was kept already."""
    if outcome not in OFFLINE_REFUSALS:
        raise ValueError(f"{outcome} is not a refusal")
    scan = scan_record(
        find_card(code), catalog_queries.course(course_id), at=at, by=by, source=source, client_id=client_id
    )
    scan.outcome = outcome.value
    db.session.add(scan)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True
