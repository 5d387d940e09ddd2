"""The stretch of time a term-end report covers: a term, or any date range the office picks.

Every report (buyer list, feedback round, results) takes a Period, so "this
term" and "1.1.–31.5." are asked the same way and give comparable figures.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from kymppi.extensions import db
from kymppi.models import Term


@dataclass(frozen=True)
class Period:
    starts_on: date
    ends_on: date
    term: Term | None = None

    @classmethod
    def of_term(cls, term: Term) -> "Period":
        return cls(term.starts_on, term.ends_on, term)

    @property
    def days(self) -> list[date]:
        return [self.starts_on + timedelta(days=n) for n in range((self.ends_on - self.starts_on).days + 1)]


def reporting_term(today: date) -> Term | None:
    """The term a report opens on: the one under way, else the last one that has ended, else the next one.

    At term end the office reports on the term just over, so a term that ended
    last week wins over one that starts next month.
    """
    current = db.session.scalars(
        select(Term).where(Term.starts_on <= today, Term.ends_on >= today).order_by(Term.starts_on.desc())
    ).first()
    if current is not None:
        return current
    ended = db.session.scalars(select(Term).where(Term.ends_on < today).order_by(Term.ends_on.desc())).first()
    if ended is not None:
        return ended
    return db.session.scalars(select(Term).order_by(Term.starts_on)).first()
