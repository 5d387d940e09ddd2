"""The office's lists of cards and buyers: filters, whitelisted sorting and paging.

Every list query lives here, so the views only read parameters and render.
Rows come with what the table shows (holder, card type, card counts) in a
fixed number of queries per page, whatever the page size: no N+1.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from kymppi.domain import catalog_queries
from kymppi.domain.buyers import buyer_matches, card_number_prefix, contact_matches, query_words
from kymppi.domain.codes import parse_code
from kymppi.extensions import db
from kymppi.models import Buyer, Card, CardStatus, CardType, Term

PER_PAGE = 50
# Far past any real list (50 million rows) and keeps OFFSET inside a 64-bit integer.
MAX_PAGE = 1_000_000
# A sheet of 500 cards is 50 A4 pages: more than that is a mistake, not a print job.
MAX_SHEET_CARDS = 500
# Cancelled, refunded and replaced cards are refused at the door; printing them helps nobody.
PRINTABLE = frozenset({CardStatus.ACTIVE, CardStatus.SUSPENDED})


@dataclass(frozen=True)
class SortKey:
    """One sortable column: its ORDER BY expressions and the direction a first click gives."""

    columns: Callable[[], tuple[ColumnElement, ...]]
    descending_first: bool = False


@dataclass(frozen=True)
class Listing:
    """Which page of a list, in which order: read from query parameters against a whitelist."""

    sort: str
    descending: bool
    page: int
    sorts: Mapping[str, SortKey]

    def order_by(self) -> list[ColumnElement]:
        key = self.sorts[self.sort]
        return [_ordered(column, descending=self.descending) for column in key.columns()]

    @property
    def params(self) -> dict[str, str]:
        return {"sort": self.sort, "order": "desc" if self.descending else "asc"}

    def sorted_by(self, key: str) -> dict[str, str]:
        """Parameters for a column header's link: the other direction if already sorted by it."""
        if key == self.sort:
            return {"sort": key, "order": "asc" if self.descending else "desc"}
        return {"sort": key, "order": "desc" if self.sorts[key].descending_first else "asc"}


def _ordered(column: ColumnElement, *, descending: bool) -> ColumnElement:
    """Empty values last either way. Said only where a value may be empty: PostgreSQL walks an
    index backwards for `DESC` but not for `DESC NULLS LAST`, and would sort every row instead."""
    ordered = column.desc() if descending else column.asc()
    return ordered.nulls_last() if getattr(getattr(column, "expression", column), "nullable", True) else ordered


def read_listing(args: Mapping[str, str], sorts: Mapping[str, SortKey], default: str) -> Listing:
    """Sort, direction and page from query parameters; anything unknown or junk falls back quietly."""
    sort = args.get("sort", "")
    if sort not in sorts:
        sort = default
    order = args.get("order", "")
    descending = order == "desc" if order in ("asc", "desc") else sorts[sort].descending_first
    return Listing(sort, descending, read_page(args), sorts)


def read_page(args: Mapping[str, str]) -> int:
    """The page number asked for, inside 1..MAX_PAGE; junk means the first page."""
    try:
        page = int(args.get("page", "1"))
    except ValueError:
        page = 1
    return min(max(page, 1), MAX_PAGE)


def paginate(statement: Select, page: int, *, total: int | None = None) -> Pagination:
    """A page past the end shows the last page instead: a bookmarked page 9 of a list now 3 pages long.

    A caller that has counted the rows already passes `total`, saving the count query.
    """

    def fetch(number: int) -> Pagination:
        result = db.paginate(statement, page=number, per_page=PER_PAGE, error_out=False, count=total is None)
        if total is not None:
            result.total = total
        return result

    result = fetch(page)
    if page > 1 and not result.items and result.pages:
        result = fetch(result.pages)
    return result


CARD_SORTS: dict[str, SortKey] = {
    "number": SortKey(lambda: (Card.number,)),
    "holder": SortKey(lambda: (func.lower(Buyer.name), Card.id)),
    "sold": SortKey(lambda: (Card.sold_at, Card.id), descending_first=True),
    "valid_until": SortKey(lambda: (Card.valid_until, Card.id), descending_first=True),
    "visits_left": SortKey(lambda: (Card.visits_total - Card.visits_used, Card.id)),
}


@dataclass(frozen=True)
class CardFilters:
    query: str = ""
    term_id: int | None = None
    status: CardStatus | None = None
    card_type_id: int | None = None


def card_filter_options() -> tuple[list[Term], list[CardType]]:
    """The terms and card types a list can be narrowed to, newest first."""
    terms = db.session.scalars(select(Term).order_by(Term.starts_on.desc(), Term.id))
    return list(terms), catalog_queries.card_types()


def card_list(filters: CardFilters, listing: Listing) -> Pagination:
    """One page of cards; holders and card types come in one query each for the whole page."""
    statement = _cards(filters, join_holder=listing.sort == "holder").order_by(*listing.order_by())
    return paginate(statement, listing.page)


def _cards(filters: CardFilters, *, join_holder: bool) -> Select:
    """The holder is joined only when sorting needs it: at 100 000 cards, a page in sale
    order is then a top-50 of the card table alone, not of the whole join."""
    statement = select(Card).options(selectinload(Card.buyer), selectinload(Card.card_type))
    words = query_words(filters.query)
    if join_holder:
        statement = statement.join(Card.buyer)
    if filters.term_id is not None:
        statement = statement.where(_overlaps_term(filters.term_id))
    if filters.status is not None:
        statement = statement.where(Card.status == filters.status)
    if filters.card_type_id is not None:
        statement = statement.where(Card.card_type_id == filters.card_type_id)
    for word in words:
        statement = statement.where(_card_matches(word))
    return statement


def _overlaps_term(term_id: int) -> ColumnElement[bool]:
    """Cards usable at some point of the term: validity starts before it ends and ends after it starts."""
    term = db.session.get(Term, term_id)
    if term is None:
        return false()
    return and_(Card.valid_from <= term.ends_on, Card.valid_until >= term.starts_on)


def _card_matches(word: str) -> ColumnElement[bool]:
    """The buyer search's matching, but a card number matches that card only, not the holder's others.
    Anonymised holders match by card number alone.

    The matching buyers are found first, then their cards by the buyer index:
    joining every card to its buyer would test each of 100 000 cards.
    """
    contact = Card.buyer_id.in_(select(Buyer.id).where(Buyer.anonymized_at.is_(None), contact_matches(word)))
    number = card_number_prefix(word)
    return contact if number is None else or_(contact, Card.number.like(f"{number}%"))


@dataclass(frozen=True)
class SheetSelection:
    cards: list[Card]
    # Set when the selection asks for more than one sheet run may print.
    too_many: int | None = None


def cards_by_number(numbers: list[str]) -> SheetSelection:
    """Printable cards among typed or posted numbers, in the order given; junk and unknown numbers drop out."""
    parsed = (parse_code(text) for text in numbers)
    wanted = list(dict.fromkeys(code[1] for code in parsed if code is not None and code[0] == "number"))
    if len(wanted) > MAX_SHEET_CARDS:
        return SheetSelection([], too_many=len(wanted))
    found = db.session.scalars(
        select(Card).options(joinedload(Card.buyer)).where(Card.number.in_(wanted), Card.status.in_(PRINTABLE))
    )
    by_number = {card.number: card for card in found}
    return SheetSelection([by_number[n] for n in wanted if n in by_number])


def matching_cards(filters: CardFilters, listing: Listing) -> SheetSelection:
    """Every printable card the list's filters match, in the list's order, up to one sheet run."""
    statement = _cards(filters, join_holder=listing.sort == "holder").where(Card.status.in_(PRINTABLE))
    statement = statement.order_by(*listing.order_by())
    cards = list(db.session.scalars(statement.limit(MAX_SHEET_CARDS + 1)))
    if len(cards) > MAX_SHEET_CARDS:
        total = db.session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
        return SheetSelection([], too_many=total)
    return SheetSelection(cards)


# What each buyer's cards add up to; replaced cards are the same purchase and count once.
_CARD_SUMMARY = (
    select(
        Card.buyer_id,
        func.count().label("cards"),
        func.max(Card.valid_until).label("valid_until"),
    )
    .where(Card.status != CardStatus.REPLACED)
    .group_by(Card.buyer_id)
    .subquery("card_summary")
)

BUYER_SORTS: dict[str, SortKey] = {
    # The lower-case name leads the search text: its index gives a page in name order.
    "name": SortKey(lambda: (Buyer.search_text, Buyer.id)),
    "email": SortKey(lambda: (func.lower(Buyer.email), Buyer.id)),
    "created": SortKey(lambda: (Buyer.created_at, Buyer.id), descending_first=True),
    "cards": SortKey(lambda: (func.coalesce(_CARD_SUMMARY.c.cards, 0), Buyer.id), descending_first=True),
    "valid_until": SortKey(lambda: (_CARD_SUMMARY.c.valid_until, Buyer.id), descending_first=True),
}
_NEEDS_SUMMARY = frozenset({"cards", "valid_until"})


@dataclass(frozen=True)
class BuyerRow:
    buyer: Buyer
    cards: int
    valid_until: date | None


@dataclass(frozen=True)
class BuyerListPage:
    pagination: Pagination
    rows: list[BuyerRow]


def buyer_list(query: str, listing: Listing) -> BuyerListPage:
    """One page of buyers with their card count and latest validity.

    Anonymised buyers are left out: they have nothing left to show or edit,
    and after a few years they would outnumber everyone the office can reach.
    Their cards stay in the card list. The card summary is joined only when
    sorting needs it; otherwise it is read for the page's buyers alone.
    """
    statement = select(Buyer).where(Buyer.anonymized_at.is_(None))
    for word in query_words(query):
        statement = statement.where(buyer_matches(word))
    if listing.sort in _NEEDS_SUMMARY:
        statement = statement.outerjoin(_CARD_SUMMARY, _CARD_SUMMARY.c.buyer_id == Buyer.id)
    pagination = paginate(statement.order_by(*listing.order_by()), listing.page)
    summaries = _card_summaries([buyer.id for buyer in pagination.items])
    rows = [BuyerRow(buyer, *summaries.get(buyer.id, (0, None))) for buyer in pagination.items]
    return BuyerListPage(pagination, rows)


def _card_summaries(buyer_ids: list[int]) -> dict[int, tuple[int, date | None]]:
    if not buyer_ids:
        return {}
    rows = db.session.execute(
        select(Card.buyer_id, func.count(), func.max(Card.valid_until))
        .where(Card.buyer_id.in_(buyer_ids), Card.status != CardStatus.REPLACED)
        .group_by(Card.buyer_id)
    )
    return {buyer_id: (cards, valid_until) for buyer_id, cards, valid_until in rows}
