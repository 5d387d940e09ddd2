"""Money in and out of a period, by payment method: the ledger behind the results and the reconciliation.

A sale counts on the local day it was made: a card with a receipt (a
replacement card has none, as nothing was paid for it). A refund counts on
the local day it was paid back, which is the day of its `card_refunded`
audit event; the amount is the card's `refunded_cents`. A card is refunded at
most once, so each refunded card has one such event. Counting refunds on
their own day, not on the sale's, is what makes the figures match a
provider's settlement (ePassi, Smartum and Edenred reverse a payment when it
is refunded) and the office's cash count.

Both lists come from one query each and hold one row per sale or refund:
days are grouped in Python, in Helsinki time, so SQLite and PostgreSQL give
the same days without dialect-specific date functions. The results report
needs only totals, of up to 10 000 sales a term at the largest opisto, so
`sales_summary` counts them in SQL instead, by time buckets whose edges are
the UTC instants of their local midnights: the same days, still portable.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, not_, select

from kymppi.domain.clock import local_date, local_midnight
from kymppi.domain.periods import Period
from kymppi.extensions import db
from kymppi.models import AuditEvent, Buyer, Card, PaymentMethod, Receipt

REFUNDED = "card_refunded"


@dataclass(frozen=True)
class Payment:
    """One sale (money in) or refund (money out); `cents` is positive either way."""

    day: date
    method: PaymentMethod
    cents: int
    buyer_id: int
    new_customer: bool


def utc_range(period: Period) -> tuple[datetime, datetime]:
    """The UTC instants from the period's first local midnight up to (not including) the one after it ends."""
    return local_midnight(period.starts_on), local_midnight(period.ends_on + timedelta(days=1))


def sales_in(period: Period) -> list[Payment]:
    """Every card sold in the period, at the price paid, in the order sold."""
    start, end = utc_range(period)
    rows = db.session.execute(
        select(Card.sold_at, Card.payment_method, Card.price_cents, Buyer.id, Buyer.new_customer)
        .join(Receipt, Receipt.card_id == Card.id)
        .join(Buyer, Buyer.id == Card.buyer_id)
        .where(Card.sold_at >= start, Card.sold_at < end)
        .order_by(Card.sold_at, Card.id)
    ).all()
    return [Payment(local_date(at), method, cents, buyer, new) for at, method, cents, buyer, new in rows]


def refunds_in(period: Period) -> list[Payment]:
    """Every refund paid back in the period, whenever its card was sold."""
    start, end = utc_range(period)
    rows = db.session.execute(
        select(AuditEvent.at, Card.payment_method, Card.refunded_cents, Buyer.id, Buyer.new_customer)
        .join(Card, Card.id == AuditEvent.card_id)
        .join(Buyer, Buyer.id == Card.buyer_id)
        .where(AuditEvent.action == REFUNDED, AuditEvent.at >= start, AuditEvent.at < end)
        .order_by(AuditEvent.at, AuditEvent.id)
    ).all()
    return [Payment(local_date(at), method, cents or 0, buyer, new) for at, method, cents, buyer, new in rows]


@dataclass(frozen=True)
class SalesSummary:
    # (bucket, method) → (cards sold, cents paid); bucket n starts on the n-th day asked for.
    sold: dict[tuple[int, PaymentMethod], tuple[int, int]]
    new_buyers: int
    returning_buyers: int  # a buyer is one or the other, however many cards they bought


def sales_summary(period: Period, bucket_starts: list[date]) -> SalesSummary:
    """The period's sales counted in SQL per time bucket and payment method, and their buyers.

    `bucket_starts` are the local days the buckets begin on, in order, the first
    on or before the period's start.
    """
    start, end = utc_range(period)
    edges = [local_midnight(day) for day in bucket_starts[1:]] + [end]
    in_period = (Card.sold_at >= start, Card.sold_at < end)
    sales = (
        select(
            case(*((Card.sold_at < edge, index) for index, edge in enumerate(edges))).label("bucket"),
            Card.payment_method.label("method"),
            Card.price_cents.label("cents"),
        )
        .join(Receipt, Receipt.card_id == Card.id)
        .where(*in_period)
        .subquery()
    )
    # Grouped outside: PostgreSQL can't tell the bucket's parameters in GROUP BY from those in the select.
    sold = db.session.execute(
        select(sales.c.bucket, sales.c.method, func.count(), func.sum(sales.c.cents)).group_by(
            sales.c.bucket, sales.c.method
        )
    )
    buyers = select(Card.buyer_id).join(Receipt, Receipt.card_id == Card.id).where(*in_period)
    new, returning = db.session.execute(
        select(func.count().filter(Buyer.new_customer), func.count().filter(not_(Buyer.new_customer))).where(
            Buyer.id.in_(buyers)
        )
    ).one()
    return SalesSummary({(bucket, method): (cards, cents) for bucket, method, cards, cents in sold}, new, returning)
