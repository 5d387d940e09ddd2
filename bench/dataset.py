"""Five academic years of a large opisto's cards, generated fast and within the app's rules.

    .venv/bin/python -m bench.dataset sqlite:///test-artifacts/bench/full.sqlite3
    .venv/bin/python -m bench.dataset postgresql://postgres@127.0.0.1/kymppi_bench --scale smoke
    .venv/bin/python -m bench.dataset URL --short-history   # the same cards with 1 000 check-ins

At full scale: 50 000 buyers, 100 000 cards, 1 000 000 check-ins and 400
courses over the five academic years up to and including the current one.
Selling a card through `sell_card` costs a few milliseconds, so a million
check-ins made the app's way would take hours; instead every table is filled
with SQLAlchemy Core `executemany` in batches, one transaction per batch, and
the rows are made to obey what the domain layer would have enforced:

* a card's `visits_used` is its number of active check-ins, never above its
  `visits_total`; about 1 % of check-ins were undone (each with its audit
  event) and then scanned again, so they take no visit;
* one active check-in per card and session, every session on the course's
  weekday inside its term, after the sale, inside the card's validity and
  before today, on a card-accepting course of the card type's categories;
* each card has its receipt, numbered from 1 anew each calendar year, and its
  `card_sold` audit event; cancelled and refunded cards have theirs too.

Term cards (10 visits) are valid for their term, academic-year cards (20
visits) for 1.8.–31.7., so whenever the suite runs some cards are valid today
and the check-in benchmarks have real cards to scan. Buyers whose cards
expired long ago are not anonymised: that is `kymppi purge`'s job, and the
office's lists are meant to be measured with the most rows they can hold.

Only a SQLite file or a PostgreSQL database whose name starts with
`kymppi_bench` is accepted, as generating empties the database first.
"""

import argparse
import base64
import random
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from itertools import islice
from pathlib import Path
from typing import Any

from flask_migrate import upgrade
from sqlalchemy import Table, create_engine, func, or_, select, text
from sqlalchemy.engine import Engine, make_url

from bench.common import PROJECT_ROOT, backend_of, bench_app
from kymppi.config import database_url
from kymppi.domain.clock import HELSINKI, local_date, utcnow
from kymppi.domain.codes import NUMBER_ALPHABET, NUMBER_LENGTH, SECRET_BYTES
from kymppi.domain.staff import create_user
from kymppi.extensions import db
from kymppi.models import (
    AuditEvent,
    Buyer,
    Card,
    CardStatus,
    CardType,
    CheckIn,
    CheckInSource,
    Course,
    CourseCategory,
    Language,
    Organization,
    PaymentMethod,
    Receipt,
    ReceiptCounter,
    Role,
    Term,
    TermKind,
)
from kymppi.models.buyer import search_text_of
from kymppi.models.card_type import card_type_category
from kymppi.models.course import course_instructor

SEED = 2026
# Generating empties the database first: only ones named so are touched.
DATABASE_PREFIX = "kymppi_bench"
BATCH = 20_000
SHORT_HISTORY = 1_000
PASSWORD = "kymppi-bench-salasana-2026"
ADMIN_EMAIL = "admin@bench.example"
OFFICE_EMAIL = "toimisto@bench.example"
INSTRUCTORS = 20
INSTRUCTOR_EMAIL = "opettaja01@bench.example"
UNDONE_SHARE = 0.01
SALE_WEEKS = 8  # cards are sold in the first weeks of what they are valid for


@dataclass(frozen=True)
class Scale:
    buyers: int
    cards: int
    check_ins: int
    courses: int
    years: int = 5

    def __post_init__(self):
        if self.cards < self.buyers:
            raise ValueError("every buyer has bought a card: cards must be at least buyers")
        if self.courses < 2 * self.years:
            raise ValueError("each term needs a course")

    def with_short_history(self) -> "Scale":
        return replace(self, check_ins=SHORT_HISTORY)


SCALES = {
    "full": Scale(buyers=50_000, cards=100_000, check_ins=1_000_000, courses=400),
    "smoke": Scale(buyers=500, cards=1_000, check_ins=10_000, courses=40),
}

FIRST_NAMES = (
    "Aino Anna Eeva Elina Emma Hanna Heidi Helmi Iida Johanna Kaisa Katja Laura Leena Liisa Maija Mari Minna "
    "Niina Oona Pirjo Riikka Sanna Satu Tiina Ulla Veera Antti Eero Heikki Jari Juha Jussi Kalle Lauri Markku "
    "Matti Mikko Olli Pekka Sami Timo Tuomas Ville"
).split()
LAST_NAMES = (
    "Korhonen Virtanen Mäkinen Nieminen Mäkelä Hämäläinen Laine Heikkinen Koskinen Järvinen Lehtonen Lehtinen "
    "Saarinen Salminen Heinonen Niemi Heikkilä Kinnunen Salonen Turunen Salo Laitinen Tuominen Rantanen Karjalainen "
    "Jokinen Mattila Savolainen Lahtinen Ahonen Svensson Lindqvist Smith"
).split()
MUNICIPALITIES = ("Helsinki", "Espoo", "Vantaa", "Kauniainen", None, None)
SPORTS = (
    "Kuntojumppa Kahvakuula Pilates Jooga Venyttely Kehonhuolto Sählyvuoro Lentopallo Vesijumppa Circuit "
    "Selkäjumppa Core-treeni Tabata Zumba Kuntonyrkkeily"
).split()
DANCES = ("Lattarijumppa", "Itämainen tanssi", "Nykytanssi", "Lavatanssi", "Salsa", "Bachata", "Showtanssi", "Steppi")
LANGUAGES = "Espanja Ruotsi Italia Ranska Japani".split()
PLACES = ("Monitoimihalli", "Koulun liikuntasali", "Peilisali", "Uimahalli", "Nuorisotalo", "Lukion luokka 12")
PAYMENTS = (
    (PaymentMethod.PAYMENT_CARD, 40),
    (PaymentMethod.CASH, 15),
    (PaymentMethod.EPASSI, 18),
    (PaymentMethod.SMARTUM, 12),
    (PaymentMethod.EDENRED, 8),
    (PaymentMethod.INVOICE, 7),
)
SOURCES = ((CheckInSource.CAMERA, 70), (CheckInSource.SCANNER, 10), (CheckInSource.MANUAL, 20))


@dataclass(frozen=True)
class TermDates:
    id: int
    kind: TermKind
    year: int
    starts_on: date
    ends_on: date


@dataclass(frozen=True)
class CourseSlot:
    id: int
    code: str
    name: str
    category_id: int
    accepts_cards: bool
    weekday: int
    starts_at: clock
    term: TermDates
    instructor: int


@dataclass(frozen=True)
class Product:
    """A card type as sold: its terms' courses take its visits, and it sells from `sale_start` for a few weeks."""

    card_type_id: int
    visits: int
    price_cents: int
    valid_from: date
    valid_until: date
    terms: tuple[TermDates, ...]
    sale_start: date
    share: float


@dataclass
class Sale:
    """One card as it is being decided; its receipt and status are filled in as their rows are made."""

    sold_at: datetime
    product: Product
    buyer_id: int = 0
    card_id: int = 0
    courses: tuple[CourseSlot, ...] = ()
    visits_used: int = 0
    payment_method: PaymentMethod = PaymentMethod.CASH
    status: CardStatus = CardStatus.ACTIVE
    status_reason: str | None = None
    receipt: str = ""


def generate(url: str, scale: Scale, *, instance: Path, today: date | None = None) -> dict[str, Any]:
    """Empty the database, migrate it and fill it; returns the rows and seconds per table."""
    url = database_url(url)
    _empty(url)
    app = bench_app(url, instance)
    started = time.perf_counter()
    with app.app_context():
        upgrade()
        staff = _staff()
        plan = Plan(scale, today or local_date(utcnow()), random.Random(SEED), staff)  # noqa: S311 (reproducible data, no secrets)
        tables: dict[str, dict[str, float]] = {}
        for table, rows in plan.tables():
            tables[table.name] = _insert(db.engine, table, rows)
        if db.engine.dialect.name == "postgresql":
            _advance_sequences(db.engine)
            _analyze(db.engine)
        seconds = time.perf_counter() - started
        verify(db.engine)
        db.engine.dispose()
    return {"scale": scale.__dict__, "seconds": round(seconds, 1), "tables": tables}


def verify(engine: Engine) -> None:
    """Ask the database whether the rows keep the rules they were made to keep.

    The unique index and the CHECK constraints already refused duplicate
    sessions and overdrawn cards while inserting; what they can't see is
    asked here, so a mistake in the generator stops the run instead of
    quietly flattering (or slowing) a page.
    """
    started = time.perf_counter()
    active = (
        select(CheckIn.card_id, func.count().label("visits"))
        .where(CheckIn.undone_at.is_(None))
        .group_by(CheckIn.card_id)
        .subquery()
    )
    miscounted = (
        select(func.count())
        .select_from(Card)
        .outerjoin(active, active.c.card_id == Card.id)
        .where(Card.visits_used != func.coalesce(active.c.visits, 0))
    )
    misplaced = (
        select(func.count())
        .select_from(CheckIn)
        .join(Card, Card.id == CheckIn.card_id)
        .join(Course, Course.id == CheckIn.course_id)
        .join(Term, Term.id == Course.term_id)
        .where(
            or_(
                CheckIn.session_date < Card.valid_from,
                CheckIn.session_date > Card.valid_until,
                CheckIn.session_date < Term.starts_on,
                CheckIn.session_date > Term.ends_on,
                CheckIn.checked_in_at < Card.sold_at,
                Course.accepts_cards.is_(False),
            )
        )
    )
    with engine.connect() as connection:
        problems = {
            "cards whose visits_used is not their active check-ins": connection.scalar(miscounted),
            "check-ins outside their card's validity, their course's term or before the sale": connection.scalar(
                misplaced
            ),
        }
    if any(problems.values()):
        raise SystemExit(f"the generated data breaks the rules: {problems}")
    print(f"  verified against the rules in {time.perf_counter() - started:.1f} s")


def _empty(url: str) -> None:
    """Start from nothing, but only in a database that is the benchmark's own."""
    parsed = make_url(url)
    if backend_of(url) == "sqlite":
        path = Path(parsed.database or "")
        if not parsed.database or parsed.database == ":memory:":
            raise SystemExit("give the SQLite database a file")
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    if not (parsed.database or "").startswith(DATABASE_PREFIX):
        raise SystemExit(
            f"refusing to empty {parsed.database!r}: a benchmark database's name starts with {DATABASE_PREFIX}"
        )
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def _staff() -> dict[str, Any]:
    """The staff the benchmarks log in as, made as the command line makes them (and with its password rules)."""
    admin = create_user(ADMIN_EMAIL, PASSWORD, role=Role.ADMIN, name="Pia Pääkäyttäjä")
    office = create_user(OFFICE_EMAIL, PASSWORD, role=Role.OFFICE, name="Tiina Toimisto")
    instructors = [
        create_user(f"opettaja{n:02d}@bench.example", PASSWORD, role=Role.INSTRUCTOR, name=f"Opettaja {n}")
        for n in range(1, INSTRUCTORS + 1)
    ]
    db.session.add(Organization(name="Suurkaupungin työväenopisto", email="opisto@example.org", phone="09 123 4567"))
    db.session.commit()
    return {
        "admin": admin.id,
        "office": office.id,
        "instructors": [user.id for user in instructors],
        # Making the accounts logged their creation: the generated audit events come after.
        "last_event": db.session.scalar(select(func.max(AuditEvent.id))),
    }


def _insert(engine: Engine, table: Table, rows: Iterable[dict[str, Any]]) -> dict[str, float]:
    """Insert in batches, each batch its own transaction, so memory stays flat and a commit is never huge."""
    started, count = time.perf_counter(), 0
    iterator = iter(rows)
    while batch := list(islice(iterator, BATCH)):
        with engine.begin() as connection:
            connection.execute(table.insert(), batch)
        count += len(batch)
    seconds = time.perf_counter() - started
    print(f"  {table.name:<20} {count:>9} rows {seconds:6.1f} s")
    return {"rows": count, "seconds": round(seconds, 2)}


def _advance_sequences(engine: Engine) -> None:
    """Rows came with their ids, so PostgreSQL's sequences must be moved past them before the app inserts."""
    with engine.begin() as connection:
        for table in db.metadata.sorted_tables:
            if "id" in table.columns and table.columns["id"].autoincrement in (True, "auto"):
                sequence = func.pg_get_serial_sequence(f'"{table.name}"', "id")
                connection.execute(select(func.setval(sequence, func.coalesce(func.max(table.c.id), 0) + 1, False)))


def _analyze(engine: Engine) -> None:
    """Table statistics, as autovacuum gathers them within a minute of a bulk load. Measured
    before it had, PostgreSQL took 50 000 buyers for 24 and the term buyer list ran 22 s."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("ANALYZE"))


class Plan:
    """The whole dataset decided up front from one seeded random source, then yielded table by table."""

    def __init__(self, scale: Scale, today: date, rng: random.Random, staff: dict[str, Any]):
        self.scale, self.today, self.rng, self.staff = scale, today, rng, staff
        current = today.year if today.month >= 8 else today.year - 1
        self.years = list(range(current - scale.years + 1, current + 1))
        self.terms = [term for index, year in enumerate(self.years) for term in _terms(year, index)]
        self.all_courses = self._courses()
        self.courses = {
            term.id: [course for course in self.all_courses if course.term == term and course.accepts_cards]
            for term in self.terms
        }
        self.products = self._products()
        self._numbers: set[str] = set()
        self._receipt_numbers: dict[int, int] = {}
        self.sales = self._sales()

    def tables(self) -> Iterator[tuple[Table, Iterable[dict[str, Any]]]]:
        yield (
            CourseCategory.__table__,
            [
                {"id": 1, "code": "liikunta", "name": "Liikunta"},
                {"id": 2, "code": "tanssi", "name": "Tanssi"},
                {"id": 3, "code": "kielet", "name": "Kielet"},
            ],
        )
        yield Term.__table__, [self._term_row(term) for term in self.terms]
        yield CardType.__table__, [self._card_type_row(product) for product in self.products]
        yield (
            card_type_category,
            [
                {"card_type_id": product.card_type_id, "category_id": category}
                for product in self.products
                for category in (1, 2)
            ],
        )
        yield Course.__table__, self._course_rows()
        yield course_instructor, [{"course_id": course.id, "user_id": course.instructor} for course in self.all_courses]
        yield Buyer.__table__, self._buyer_rows()
        yield Card.__table__, (self._card_row(sale) for sale in self.sales)
        yield Receipt.__table__, self._receipt_rows()
        yield ReceiptCounter.__table__, self._receipt_counter_rows()
        undone: list[dict[str, Any]] = []
        yield CheckIn.__table__, self._check_in_rows(undone)
        yield AuditEvent.__table__, self._audit_rows(undone)

    # The catalogue: terms, courses and the card types on sale.

    def _courses(self) -> list[CourseSlot]:
        """Courses spread evenly over the terms and weekdays; one in seven teaches a language and takes no cards."""
        per_term, extra = divmod(self.scale.courses, len(self.terms))
        instructors = self.staff["instructors"]
        courses: list[CourseSlot] = []
        for term in self.terms:
            for n in range(per_term + (1 if term.id <= extra else 0)):
                accepts = n % 7 != 6
                category = 3 if not accepts else (2 if n % 3 == 0 else 1)
                names = {1: SPORTS, 2: DANCES, 3: LANGUAGES}[category]
                courses.append(
                    CourseSlot(
                        id=len(courses) + 1,
                        code=f"{term.kind.value[0].upper()}{term.year}-{n + 1:03d}",
                        name=names[n % len(names)],
                        category_id=category,
                        accepts_cards=accepts,
                        weekday=n % 7,
                        starts_at=clock(16 + n % 5, 30 if n % 2 else 0),
                        term=term,
                        instructor=instructors[n % len(instructors)],
                    )
                )
        return courses

    def _products(self) -> list[Product]:
        """Each academic year: an autumn and a spring ten-visit card and a twenty-visit card for the year."""
        products = []
        for year in self.years:
            autumn, spring = (term for term in self.terms if term.year == year)
            for term, share in ((autumn, 0.4), (spring, 0.4)):
                products.append(
                    Product(len(products) + 1, 10, 12_000, term.starts_on, term.ends_on, (term,), term.starts_on, share)
                )
            products.append(
                Product(
                    len(products) + 1,
                    20,
                    22_000,
                    date(year, 8, 1),
                    date(year + 1, 7, 31),
                    (autumn, spring),
                    autumn.starts_on,
                    0.2,
                )
            )
        return products

    # The sales: who bought what and when, and how many visits each card has used.

    def _sales(self) -> list[Sale]:
        on_sale = [product for product in self.products if product.sale_start < self.today]
        total_share = sum(product.share for product in on_sale)
        counts = [int(self.scale.cards * product.share / total_share) for product in on_sale]
        counts[-1] += self.scale.cards - sum(counts)
        sales = []
        for product, count in zip(on_sale, counts, strict=True):
            last_day = min(product.sale_start + timedelta(weeks=SALE_WEEKS), self.today - timedelta(days=1))
            days = (last_day - product.sale_start).days
            for _ in range(count):
                day = product.sale_start + timedelta(days=self.rng.randint(0, days))
                sold_at = datetime.combine(day, clock(9 + self.rng.randrange(8), self.rng.randrange(60)), HELSINKI)
                sales.append(Sale(sold_at.astimezone(UTC), product))
        sales.sort(key=lambda sale: sale.sold_at)
        buyers = list(range(1, self.scale.buyers + 1))
        owners = buyers + [self.rng.choice(buyers) for _ in range(self.scale.cards - self.scale.buyers)]
        self.rng.shuffle(owners)
        for card_id, (sale, owner) in enumerate(zip(sales, owners, strict=True), start=1):
            sale.card_id, sale.buyer_id = card_id, owner
            offered = [course for term in sale.product.terms for course in self.courses[term.id]]
            sale.courses = tuple(self.rng.sample(offered, min(len(offered), self.rng.choice((1, 2, 2, 3)))))
        self._use_visits(sales)
        return sales

    def _use_visits(self, sales: list[Sale]) -> None:
        """Spread the check-ins over the cards, each using a share of what it could have used.

        The shares follow a beta distribution around the mean the totals
        demand, so as in life some cards are used up and some hardly used.
        """
        active = self.scale.check_ins - self._undone_count()
        capacity = [min(sale.product.visits, len(self._sessions(sale))) for sale in sales]
        if active >= sum(capacity):
            raise SystemExit(f"{len(sales)} cards can take {sum(capacity)} visits, fewer than {active}")
        fill = active / sum(capacity)
        for sale, most in zip(sales, capacity, strict=True):
            wanted = most * self.rng.betavariate(2 * fill, 2 * (1 - fill))
            sale.visits_used = min(most, int(wanted + self.rng.random()))
        missing = active - sum(sale.visits_used for sale in sales)
        while missing:
            index = self.rng.randrange(len(sales))
            if missing > 0 and sales[index].visits_used < capacity[index]:
                sales[index].visits_used += 1
                missing -= 1
            elif missing < 0 and sales[index].visits_used > 0:
                sales[index].visits_used -= 1
                missing += 1

    def _undone_count(self) -> int:
        return int(self.scale.check_ins * UNDONE_SHARE / (1 + UNDONE_SHARE))

    def _sessions(self, sale: Sale) -> list[tuple[date, CourseSlot]]:
        """The sessions of the card's courses it could have been used at: after the sale, before today."""
        first = max(local_date(sale.sold_at) + timedelta(days=1), sale.product.valid_from)
        last = min(sale.product.valid_until, self.today - timedelta(days=1))
        sessions = []
        for course in sale.courses:
            day = max(first, course.term.starts_on)
            day += timedelta(days=(course.weekday - day.weekday()) % 7)
            while day <= min(last, course.term.ends_on):
                sessions.append((day, course))
                day += timedelta(weeks=1)
        return sessions

    # The rows.

    def _term_row(self, term: TermDates) -> dict[str, Any]:
        season = "Syksy" if term.kind is TermKind.AUTUMN else "Kevät"
        calendar_year = term.year if term.kind is TermKind.AUTUMN else term.year + 1
        return {
            "id": term.id,
            "name": f"{season} {calendar_year}",
            "kind": term.kind,
            "academic_year": f"{term.year}-{term.year + 1}",
            "starts_on": term.starts_on,
            "ends_on": term.ends_on,
        }

    def _card_type_row(self, product: Product) -> dict[str, Any]:
        if len(product.terms) == 1:
            name = f"Kymppikortti, {self._term_row(product.terms[0])['name'].lower()}"
        else:
            name = f"Lukuvuosikortti {product.valid_from.year}-{product.valid_until.year}"
        return {
            "id": product.card_type_id,
            "name": name,
            "visits": product.visits,
            "price_cents": product.price_cents,
            "valid_from": product.valid_from,
            "valid_until": product.valid_until,
            "on_sale": product.valid_until >= self.today,
        }

    def _course_rows(self) -> Iterator[dict[str, Any]]:
        for course in self.all_courses:
            yield {
                "id": course.id,
                "code": course.code,
                "name": course.name,
                "category_id": course.category_id,
                "term_id": course.term.id,
                "accepts_cards": course.accepts_cards,
                "weekday": course.weekday,
                "starts_at": course.starts_at,
                "ends_at": clock(course.starts_at.hour + 1, course.starts_at.minute),
                "place": PLACES[course.id % len(PLACES)],
                "card_cap": None,
            }

    def _buyer_rows(self) -> Iterator[dict[str, Any]]:
        """Buyers as the sale form records them, each created with their first card."""
        first_sale: dict[int, datetime] = {}
        for sale in self.sales:
            first_sale.setdefault(sale.buyer_id, sale.sold_at)
        for buyer_id in range(1, self.scale.buyers + 1):
            first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
            has_email = self.rng.random() < 0.85
            has_phone = not has_email or self.rng.random() < 0.3
            name = f"{first} {last}"
            email = f"{_ascii(first)}.{_ascii(last)}.{buyer_id}@example.org" if has_email else None
            yield {
                "id": buyer_id,
                "name": name,
                "email": email,
                "phone": f"+35840{self.rng.randrange(10_000_000):07d}" if has_phone else None,
                "language": self.rng.choices((Language.FI, Language.SV, Language.EN), (85, 8, 7))[0],
                "feedback_consent": self.rng.random() < 0.6,
                "new_customer": self.rng.random() < 0.7,
                "municipality": self.rng.choice(MUNICIPALITIES),
                "created_at": first_sale[buyer_id],
                "anonymized_at": None,
                "reminders": True,
                "search_text": search_text_of(name, email),
            }

    def _card_row(self, sale: Sale) -> dict[str, Any]:
        method = self.rng.choices(*zip(*PAYMENTS, strict=True))[0]
        status, reason, refunded = CardStatus.ACTIVE, None, None
        roll = self.rng.random()
        if roll < 0.01:
            status, reason, refunded = CardStatus.REFUNDED, "Muutto toiselle paikkakunnalle", sale.product.price_cents
        elif roll < 0.025:
            status, reason = CardStatus.CANCELLED, "Myyty väärä korttityyppi"
        sale.payment_method, sale.status, sale.status_reason = method, status, reason
        return {
            "id": sale.card_id,
            "number": self._unique_number(),
            "secret": base64.urlsafe_b64encode(self.rng.randbytes(SECRET_BYTES)).decode(),
            "card_type_id": sale.product.card_type_id,
            "buyer_id": sale.buyer_id,
            "status": status,
            "status_reason": reason,
            "visits_total": sale.product.visits,
            "visits_used": sale.visits_used,
            "valid_from": sale.product.valid_from,
            "valid_until": sale.product.valid_until,
            "suspended_on": None,
            "price_cents": sale.product.price_cents,
            "refunded_cents": refunded,
            "payment_method": method,
            "payment_reference": f"{method.value[:2].upper()}-{sale.card_id}" if method.is_sport_benefit else None,
            "sold_by_id": self.staff["office"],
            "sold_at": sale.sold_at,
            "sale_key": None,
            "replaced_by_id": None,
            "low_visits_reminded_at": None,
            "expiry_reminded_at": None,
        }

    def _unique_number(self) -> str:
        while (number := "".join(self.rng.choices(NUMBER_ALPHABET, k=NUMBER_LENGTH))) in self._numbers:
            pass
        self._numbers.add(number)
        return number

    def _receipt_rows(self) -> Iterator[dict[str, Any]]:
        for sale in self.sales:
            year = local_date(sale.sold_at).year
            number = self._receipt_numbers[year] = self._receipt_numbers.get(year, 0) + 1
            sale.receipt = f"{year}-{number:05d}"
            yield {
                "id": sale.card_id,
                "year": year,
                "number": number,
                "card_id": sale.card_id,
                "amount_cents": sale.product.price_cents,
                "issued_at": sale.sold_at,
            }

    def _receipt_counter_rows(self) -> list[dict[str, Any]]:
        return [{"year": year, "last_number": last} for year, last in sorted(self._receipt_numbers.items())]

    def _check_in_rows(self, undone: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Each card's visits on sessions picked from its courses; every so often a scan undone and made again."""
        every = max(1, (self.scale.check_ins - self._undone_count()) // max(1, self._undone_count()))
        row_id, active = 0, 0
        for sale in self.sales:
            sessions = self._sessions(sale)
            for day, course in sorted(self.rng.sample(sessions, sale.visits_used), key=lambda session: session[0]):
                at = datetime.combine(day, course.starts_at, HELSINKI).astimezone(UTC)
                at -= timedelta(minutes=self.rng.randrange(15))
                active += 1
                if active % every == 0 and len(undone) < self._undone_count():
                    row_id += 1
                    mistake = self._check_in_row(row_id, sale, course, day, at - timedelta(minutes=1), undone=True)
                    undone.append(mistake)
                    yield mistake
                row_id += 1
                yield self._check_in_row(row_id, sale, course, day, at)

    def _check_in_row(
        self, row_id: int, sale: Sale, course: CourseSlot, day: date, at: datetime, *, undone: bool = False
    ) -> dict[str, Any]:
        return {
            "id": row_id,
            "card_id": sale.card_id,
            "course_id": course.id,
            "session_date": day,
            "checked_in_at": at,
            "checked_in_by_id": course.instructor,
            "source": self.rng.choices(*zip(*SOURCES, strict=True))[0],
            "client_id": None,
            "undone_at": at + timedelta(seconds=30) if undone else None,
            "undone_by_id": course.instructor if undone else None,
            "undo_reason": "Väärä kurssi valittuna" if undone else None,
        }

    def _audit_rows(self, undone: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """What the domain functions would have logged: every sale, every status change, every undo."""
        event_id = self.staff["last_event"]
        for sale in self.sales:
            event_id += 1
            details = {
                "price_cents": sale.product.price_cents,
                "payment_method": sale.payment_method.value,
                "receipt": sale.receipt,
            }
            yield _event(event_id, sale.sold_at, self.staff["office"], "card_sold", sale.card_id, details)
            if sale.status is not CardStatus.ACTIVE:
                event_id += 1
                action = "card_refunded" if sale.status is CardStatus.REFUNDED else "card_cancelled"
                details = {"reason": sale.status_reason}
                if sale.status is CardStatus.REFUNDED:
                    details["refunded_cents"] = sale.product.price_cents
                at = sale.sold_at + timedelta(days=14)
                yield _event(event_id, at, self.staff["office"], action, sale.card_id, details)
        for check in undone:
            event_id += 1
            details = {"check_in_id": check["id"], "reason": check["undo_reason"]}
            at, by = check["undone_at"], check["undone_by_id"]
            yield _event(event_id, at, by, "check_in_undone", check["card_id"], details)


def _terms(year: int, index: int) -> list[TermDates]:
    """An academic year's autumn (mid-August to before Christmas) and spring (after Epiphany to May)."""
    return [
        TermDates(2 * index + 1, TermKind.AUTUMN, year, date(year, 8, 17), date(year, 12, 20)),
        TermDates(2 * index + 2, TermKind.SPRING, year, date(year + 1, 1, 7), date(year + 1, 5, 24)),
    ]


def _event(event_id: int, at: datetime, actor: int, action: str, card_id: int, details: dict) -> dict[str, Any]:
    return {"id": event_id, "at": at, "actor_id": actor, "action": action, "card_id": card_id, "details": details}


def _ascii(name: str) -> str:
    return name.lower().translate(str.maketrans("äöå", "aoa"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url", help="sqlite:///FILE or postgresql://…/kymppi_bench…")
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--short-history", action="store_true", help=f"only {SHORT_HISTORY} check-ins")
    arguments = parser.parse_args()
    scale = SCALES[arguments.scale]
    if arguments.short_history:
        scale = scale.with_short_history()
    instance = PROJECT_ROOT / "test-artifacts" / "bench" / "instance"
    result = generate(arguments.url, scale, instance=instance)
    print(f"generated {scale} in {result['seconds']} s")


if __name__ == "__main__":
    main()
