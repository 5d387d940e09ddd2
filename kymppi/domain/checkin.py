"""Checking a card in to a course session, and undoing it (rules 2–6 and 8).

The checks below answer the common cases with a clear reason, but they are
only advice: two app processes can pass them at the same moment. What makes
check-in race-proof is in the database and holds on SQLite and PostgreSQL alike:

* the partial unique index on active (card, course, session date) check-ins
  lets only one of two simultaneous scans insert its row (rule 3);
* the visit is taken with one conditional UPDATE (`visits_used < visits_total`,
  status active, session inside the validity) whose row count says whether
  it happened (rules 4 and 5);
* check-ins to a capped course are serialized by a lock before their
  session is counted, so concurrent scans see each other's rows (rule 8).

A refused scan is written to `RefusedScan`, so the office notices a card that
keeps being refused and the offline queue's conflicts. A device's `client_id`
is unique across check-ins and refusals alike: a replay answers what the first
request got, and twenty racing replays still record the scan once.
"""

from datetime import date, datetime

from sqlalchemy import bindparam, exists, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from kymppi.domain import audit
from kymppi.domain.cards import current_card, find_card
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.errors import ClientIdReused, NotFound, check_text
from kymppi.domain.outcomes import CheckInOutcome, CheckInResult, UndoOutcome, UndoResult
from kymppi.extensions import db
from kymppi.models import Card, CardStatus, CheckIn, CheckInSource, Course, RefusedScan, Role, User
from kymppi.models.card_type import card_type_category

_REFUSED_STATUS = {
    CardStatus.CANCELLED: CheckInOutcome.CANCELLED,
    CardStatus.REFUNDED: CheckInOutcome.REFUNDED,
    CardStatus.SUSPENDED: CheckInOutcome.SUSPENDED,
    CardStatus.REPLACED: CheckInOutcome.REPLACED,
}


def check_in(
    code: str,
    course_id: int,
    *,
    by: User,
    at: datetime | None = None,
    source: CheckInSource = CheckInSource.MANUAL,
    client_id: str | None = None,
) -> CheckInResult:
    """Deduct one visit from the card for this course's session on `at`'s local date.

    A repeated `client_id` (a device retrying or syncing its offline queue)
    returns the original result and deducts nothing.
    """
    at = at or utcnow()
    course = db.session.get(Course, course_id)
    if course is None:
        raise NotFound(f"course {course_id}")
    card = find_card(code)
    if (replay := _replay_of(client_id, card, course, source)) is not None:
        return replay
    scan = scan_record(card, course, at=at, by=by, source=source, client_id=client_id)
    result = _take_visit(card, course, scan)
    if result.ok:
        return result
    # The same device request may have been recorded since we looked above.
    if (replay := _replay_of(client_id, card, course, source)) is not None:
        return replay
    return _log_refusal(scan, result, card, course) if result.refused else result


def scan_record(
    card: Card | None, course: Course, *, at: datetime, by: User, source: CheckInSource, client_id: str | None
) -> RefusedScan:
    """The scan as it would be kept if refused; not added to the session until it is."""
    return RefusedScan(
        card_id=card.id if card else None,
        course_id=course.id,
        session_date=local_date(at),
        scanned_at=at,
        scanned_by_id=by.id,
        source=source,
        client_id=client_id,
    )


def _take_visit(card: Card | None, course: Course, scan: RefusedScan) -> CheckInResult:
    if card is None:
        return CheckInResult(CheckInOutcome.UNKNOWN_CARD)
    refusal = _refusal(card, course, scan.session_date)
    if refusal is not None:
        return refusal
    try:
        return _record(card, course, scan)
    except IntegrityError:
        db.session.rollback()
        result = _replay_of(scan.client_id, card, course) or _already(card, course, scan.session_date)
        if result is None:
            raise
        return result


def _log_refusal(scan: RefusedScan, result: CheckInResult, card: Card | None, course: Course) -> CheckInResult:
    """Keep the refused scan; a concurrent replay of the same client_id that logged it first wins."""
    scan.outcome = result.outcome.value
    db.session.add(scan)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        replay = _replay_of(scan.client_id, card, course)
        if replay is None:
            raise
        return replay
    return result


# Every check-in's statements, built once: building them anew cost more than running them.
# The writes are on the tables, not the ORM classes, whose bulk machinery costs more still.
_CHECK_IN_BY_CLIENT_ID = select(CheckIn).where(CheckIn.client_id == bindparam("client_id"))
_REFUSAL_BY_CLIENT_ID = select(RefusedScan).where(RefusedScan.client_id == bindparam("client_id"))
_ELIGIBLE = select(
    exists().where(
        card_type_category.c.card_type_id == bindparam("card_type"),
        card_type_category.c.category_id == bindparam("category"),
    )
)
_check_in, _card = CheckIn.__table__, Card.__table__
_INSERT_CHECK_IN = insert(_check_in).returning(_check_in.c.id)
_TAKE_VISIT = (
    update(_card)
    .where(
        _card.c.id == bindparam("card"),
        _card.c.status == CardStatus.ACTIVE,
        _card.c.valid_from <= bindparam("day"),
        _card.c.valid_until >= bindparam("day"),
        _card.c.visits_used < _card.c.visits_total,
    )
    .values(visits_used=_card.c.visits_used + 1)
    .returning(_card.c.visits_used, _card.c.visits_total)
)


def _record(card: Card, course: Course, scan: RefusedScan) -> CheckInResult:
    """Insert the check-in and take the visit, then commit; the answer is read before the commit.

    The write lock (SQLite's, PostgreSQL's row lock on the card) is held from
    the INSERT to the COMMIT, so nothing but those statements runs in between,
    and the commit expires no row the answer still needs.
    """
    if course.card_cap is not None:
        _lock_course(course.id)
    check_in_id = db.session.scalar(  # the unique index speaks here
        _INSERT_CHECK_IN,
        {
            "card_id": card.id,
            "course_id": course.id,
            "session_date": scan.session_date,
            "checked_in_at": scan.scanned_at,
            "checked_in_by_id": scan.scanned_by_id,
            "source": scan.source,
            "client_id": scan.client_id,
        },
    )
    taken = db.session.execute(_TAKE_VISIT, {"card": card.id, "day": scan.session_date}).one_or_none()
    if taken is None:
        db.session.rollback()
        return _refusal(card, course, scan.session_date) or _about(CheckInOutcome.NO_VISITS_LEFT, card)
    if course.card_cap is not None and _session_count(course.id, scan.session_date) > course.card_cap:
        db.session.rollback()
        return _about(CheckInOutcome.COURSE_FULL, card)
    visits_used, visits_total = taken
    result = CheckInResult(
        outcome=CheckInOutcome.OK,
        card_number=card.number,
        holder=card.buyer.display_name,
        visits_left=visits_total - visits_used,
        visits_total=visits_total,
        valid_from=card.valid_from,
        valid_until=card.valid_until,
        check_in_id=check_in_id,
        checked_in_at=scan.scanned_at,
    )
    db.session.commit()
    return result


def _refusal(card: Card, course: Course, session_date: date) -> CheckInResult | None:
    """The first rule this scan breaks, in the order a person at the door needs it.

    A card already in this session is told so before "no visits left" or "full";
    when neither of those applies, the unique index finds the repeat on insert,
    so a scan that will be let in costs no query for it here.
    """
    if card.status in _REFUSED_STATUS:
        return _about(_REFUSED_STATUS[card.status], card)
    if session_date < card.valid_from:
        return _about(CheckInOutcome.NOT_YET_VALID, card)
    if session_date > card.valid_until:
        return _about(CheckInOutcome.EXPIRED, card)
    if not _eligible(card, course):
        return _about(CheckInOutcome.COURSE_NOT_ELIGIBLE, card)
    no_visits = card.visits_left <= 0
    full = not no_visits and course.card_cap is not None and _session_count(course.id, session_date) >= course.card_cap
    if not (no_visits or full):
        return None
    existing = _active_check_in(card.id, course.id, session_date)
    if existing is not None:
        return _about(CheckInOutcome.ALREADY_CHECKED_IN, card, existing)
    return _about(CheckInOutcome.NO_VISITS_LEFT if no_visits else CheckInOutcome.COURSE_FULL, card)


def _eligible(card: Card, course: Course) -> bool:
    """Rules 1–2: the course takes cards and is in one of the card type's categories."""
    if not course.accepts_cards:
        return False
    return db.session.scalar(_ELIGIBLE, {"card_type": card.card_type_id, "category": course.category_id})


def _lock_course(course_id: int) -> None:
    """Serialize check-ins to a capped course, so each counts the others' rows.

    PostgreSQL: a row lock taken before our insert. FOR NO KEY UPDATE, because
    it does not conflict with the KEY SHARE locks that inserting check-ins take
    on the course through their foreign key (FOR UPDATE would deadlock there).
    SQLite ignores row locks, but our insert takes the database's write lock
    before we count, which serializes just the same.
    """
    db.session.execute(select(Course.id).where(Course.id == course_id).with_for_update(key_share=True))


def _session_count(course_id: int, session_date: date) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(CheckIn)
        .where(CheckIn.course_id == course_id, CheckIn.session_date == session_date, CheckIn.undone_at.is_(None))
    )


def _active_check_in(card_id: int, course_id: int, session_date: date) -> CheckIn | None:
    return db.session.execute(
        select(CheckIn).where(
            CheckIn.card_id == card_id,
            CheckIn.course_id == course_id,
            CheckIn.session_date == session_date,
            CheckIn.undone_at.is_(None),
        )
    ).scalar_one_or_none()


def _replay_of(
    client_id: str | None, card: Card | None, course: Course, source: CheckInSource | None = None
) -> CheckInResult | None:
    """The original result of a device request already recorded under `client_id`.

    A client id names one scan: reused for another card or course it is a
    device bug, and answering "OK" with someone else's card would hide it.
    """
    if client_id is None:
        return None
    earlier = db.session.execute(_CHECK_IN_BY_CLIENT_ID, {"client_id": client_id}).scalar_one_or_none()
    if earlier is not None:
        if card is None or (earlier.card_id, earlier.course_id) != (card.id, course.id):
            raise ClientIdReused(client_id)
        return _about(CheckInOutcome.OK, earlier.card, earlier, replayed=True)
    refused = db.session.execute(_REFUSAL_BY_CLIENT_ID, {"client_id": client_id}).scalar_one_or_none()
    if refused is None:
        return None
    if (refused.card_id, refused.course_id) != (card.id if card else None, course.id):
        raise ClientIdReused(client_id)
    if source is CheckInSource.OFFLINE and refused.source is not CheckInSource.OFFLINE:
        _became_a_conflict(refused)
    if refused.card is None:
        return CheckInResult(CheckInOutcome.UNKNOWN_CARD, replayed=True)
    return _about(CheckInOutcome(refused.outcome), refused.card, replayed=True)


def _became_a_conflict(refused: RefusedScan) -> None:
    """The tablet's first try was refused but its answer never arrived (a timeout); the
    tablet then judged the scan offline, let the holder in, and queued it: a conflict."""
    db.session.execute(
        update(RefusedScan)
        .where(RefusedScan.id == refused.id)
        .values(source=CheckInSource.OFFLINE)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()


def _already(card: Card, course: Course, session_date: date) -> CheckInResult | None:
    """After a lost insert race: the other scan of this session that won."""
    existing = _active_check_in(card.id, course.id, session_date)
    return _about(CheckInOutcome.ALREADY_CHECKED_IN, card, existing) if existing else None


def _about(
    outcome: CheckInOutcome, card: Card, check: CheckIn | None = None, *, replayed: bool = False
) -> CheckInResult:
    return CheckInResult(
        outcome=outcome,
        card_number=card.number,
        holder=card.buyer.display_name,
        visits_left=card.visits_left,
        visits_total=card.visits_total,
        valid_from=card.valid_from,
        valid_until=card.valid_until,
        check_in_id=check.id if check else None,
        checked_in_at=check.checked_in_at if check else None,
        replayed=replayed,
    )


def undo_check_in(check_in_id: int, *, by: User, reason: str | None = None, at: datetime | None = None) -> UndoResult:
    """Rule 6: give the visit back.

    An instructor may undo only their own check-in, on the session's own day;
    office and admin may undo any, and must say why. The conditional UPDATE
    lets only one of two simultaneous undos give the visit back.
    """
    at = at or utcnow()
    reason = (reason or "").strip() or None
    check_text("reason", reason, CheckIn.undo_reason)
    check = db.session.get(CheckIn, check_in_id)
    if check is None:
        return UndoResult(UndoOutcome.NOT_FOUND)
    if check.undone_at is not None:
        return UndoResult(UndoOutcome.ALREADY_UNDONE)
    if not may_undo(check, by, local_date(at)):
        return UndoResult(UndoOutcome.NOT_PERMITTED)
    if by.role is not Role.INSTRUCTOR and reason is None:
        return UndoResult(UndoOutcome.REASON_REQUIRED)
    undone = db.session.execute(
        update(CheckIn)
        .where(CheckIn.id == check.id, CheckIn.undone_at.is_(None))
        .values(undone_at=at, undone_by_id=by.id, undo_reason=reason)
        .execution_options(synchronize_session=False)
    )
    if undone.rowcount != 1:
        db.session.rollback()
        return UndoResult(UndoOutcome.ALREADY_UNDONE)
    holder_card = _give_visit_back(check.card)
    audit.record("check_in_undone", by=by, at=at, card_id=check.card_id, check_in_id=check.id, reason=reason)
    db.session.commit()
    db.session.refresh(holder_card)
    return UndoResult(UndoOutcome.OK, visits_left=holder_card.visits_left, card=holder_card)


def may_undo(check: CheckIn, by: User, today: date) -> bool:
    """Rule 6: an instructor their own check-ins of today's sessions; office and admin any."""
    if by.role is not Role.INSTRUCTOR:
        return True
    return check.checked_in_by_id == by.id and check.session_date == today


def _give_visit_back(card: Card) -> Card:
    """Return the visit to the card that was used; if it has since been replaced,
    the visit goes on to the replacement, the card the holder now carries."""
    db.session.execute(
        update(Card)
        .where(Card.id == card.id, Card.visits_used > 0)
        .values(visits_used=Card.visits_used - 1)
        .execution_options(synchronize_session=False)
    )
    # Our UPDATE holds the card's lock now: re-read it, a replacement may have just committed.
    db.session.refresh(card)
    holder_card = current_card(card)
    if holder_card.id != card.id:
        db.session.execute(
            update(Card)
            .where(Card.id == holder_card.id)
            .values(visits_total=Card.visits_total + 1)
            .execution_options(synchronize_session=False)
        )
    return holder_card
