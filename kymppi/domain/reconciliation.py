"""Payment reconciliation: sales and refunds per payment method, per day and for the whole period.

The office matches these against each provider's settlement (ePassi, Smartum,
Edenred), the card terminal's report, the invoices sent and the cash box, so
every method is listed for the period even with nothing on it, and refunds
stand next to the sales on the day they were paid back (see
`kymppi.domain.payments`).
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from kymppi.domain.payments import Payment, refunds_in, sales_in
from kymppi.domain.periods import Period
from kymppi.models import PaymentMethod


@dataclass
class Tally:
    """Sales and refunds of one method (or of all, when `method` is None)."""

    method: PaymentMethod | None
    sales: int = 0
    sales_cents: int = 0
    refunds: int = 0
    refunds_cents: int = 0

    @property
    def net_cents(self) -> int:
        return self.sales_cents - self.refunds_cents

    def add_sale(self, payment: Payment) -> None:
        self.add_sales(1, payment.cents)

    def add_sales(self, count: int, cents: int) -> None:
        self.sales += count
        self.sales_cents += cents

    def add_refund(self, payment: Payment) -> None:
        self.refunds += 1
        self.refunds_cents += payment.cents


@dataclass(frozen=True)
class ReconciliationDay:
    day: date
    # Only the methods that had a sale or a refund that day, in PaymentMethod order.
    methods: list[Tally]
    total: Tally


@dataclass(frozen=True)
class Reconciliation:
    period: Period
    days: list[ReconciliationDay]
    # Every payment method, in PaymentMethod order, zeros included.
    methods: list[Tally]
    total: Tally


def tally_by_method(sales: list[Payment], refunds: list[Payment]) -> dict[PaymentMethod, Tally]:
    """Every method's tally, zeros included, in PaymentMethod order."""
    tallies = {method: Tally(method) for method in PaymentMethod}
    for payment in sales:
        tallies[payment.method].add_sale(payment)
    for payment in refunds:
        tallies[payment.method].add_refund(payment)
    return tallies


def total_of(tallies: list[Tally]) -> Tally:
    return Tally(
        None,
        sum(t.sales for t in tallies),
        sum(t.sales_cents for t in tallies),
        sum(t.refunds for t in tallies),
        sum(t.refunds_cents for t in tallies),
    )


def payment_reconciliation(period: Period) -> Reconciliation:
    """The period's sales and refunds by day and method (two queries), days in order."""
    sales, refunds = sales_in(period), refunds_in(period)
    by_day: dict[date, tuple[list[Payment], list[Payment]]] = defaultdict(lambda: ([], []))
    for payment in sales:
        by_day[payment.day][0].append(payment)
    for payment in refunds:
        by_day[payment.day][1].append(payment)
    days = []
    for day in sorted(by_day):
        used = [t for t in tally_by_method(*by_day[day]).values() if t.sales or t.refunds]
        days.append(ReconciliationDay(day, used, total_of(used)))
    methods = list(tally_by_method(sales, refunds).values())
    return Reconciliation(period, days, methods, total_of(methods))
