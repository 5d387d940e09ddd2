"""Demo data: one academic year of an imaginary opisto, with real sales and check-ins.

Staff, sales and check-ins are created through the domain functions, so the
demo obeys the same rules as production data. Dates follow the academic year
that today falls in (from August on, the one starting this year), so during
term time there are courses today; cards are sold from the autumn term's
second week on, and visits fill the weeks up to today.
"""

from datetime import date, time, timedelta

from sqlalchemy import func, select

from kymppi.domain.card_status import refund_card
from kymppi.domain.checkin import check_in
from kymppi.domain.clock import local_date, local_noon, utcnow
from kymppi.domain.feedback import start_round
from kymppi.domain.feedback_answers import Answer, save_answer
from kymppi.domain.feedback_sending import claim_invitation, mark_sent
from kymppi.domain.periods import Period
from kymppi.domain.sales import BuyerDetails, Sale, sell_card
from kymppi.domain.staff import create_user
from kymppi.extensions import db
from kymppi.models import (
    BuyAgain,
    Card,
    CardType,
    CheckInSource,
    Course,
    CourseCategory,
    FeedbackInvitation,
    Language,
    Organization,
    PaymentMethod,
    Role,
    Term,
    TermKind,
    User,
)

DEMO_LOGINS = [
    ("admin@kymppi.example", "demo-admin-2026", "admin"),
    ("toimisto@kymppi.example", "demo-office-2026", "office"),
    ("opettaja1@kymppi.example", "demo-teacher-2026", "instructor"),
    ("opettaja2@kymppi.example", "demo-teacher-2026", "instructor"),
    ("opettaja3@kymppi.example", "demo-teacher-2026", "instructor"),
]
STAFF_NAMES = ["Pirkko Pääkäyttäjä", "Anniina Toimisto", "Tiina Tanssi", "Jussi Jumppa", "Oona Ohjaaja"]

CATEGORIES = [
    ("liikunta", "Liikunta"),
    ("tanssi", "Tanssi"),
    ("kielet", "Kielet"),
    ("taide", "Taide ja käsityö"),
    ("musiikki", "Musiikki"),
]

# (code, name, category, accepts cards, weekday, start hour, place, instructor index, card cap)
COURSES = [
    ("LI101", "Kuntojumppa", "liikunta", True, 0, 18, "Monitoimihalli", 1, None),
    ("LI102", "Kahvakuula", "liikunta", True, 1, 17, "Monitoimihalli", 1, 8),
    ("LI103", "Pilates", "liikunta", True, 2, 18, "Koulun liikuntasali", 2, None),
    ("LI104", "Jooga", "liikunta", True, 3, 19, "Koulun liikuntasali", 2, None),
    ("LI105", "Sählyvuoro aikuisille", "liikunta", True, 4, 18, "Monitoimihalli", 1, 6),
    ("TA201", "Zumba", "tanssi", True, 0, 19, "Peilisali", 0, None),
    ("TA202", "Lattarijumppa", "tanssi", True, 2, 17, "Peilisali", 0, None),
    ("TA203", "Itämainen tanssi", "tanssi", True, 3, 18, "Peilisali", 0, 10),
    ("TA204", "Nykytanssi", "tanssi", True, 5, 11, "Peilisali", 0, None),
    ("TA205", "Lavatanssikurssi", "tanssi", True, 6, 16, "Seurantalo", 0, None),
    ("LI106", "Tuolijumppa (alennettu hinta)", "liikunta", False, 1, 10, "Palvelukeskus", 1, None),
    ("KI301", "Espanjan alkeet", "kielet", False, 0, 17, "Lukion luokka 12", 2, None),
    ("KI302", "Ruotsin keskustelu", "kielet", False, 2, 18, "Lukion luokka 12", 2, None),
    ("TK401", "Posliininmaalaus", "taide", False, 3, 17, "Käsityöluokka", 2, None),
    ("MU501", "Kuorolaulu", "musiikki", False, 1, 18, "Musiikkiluokka", 0, None),
]

BUYERS = [
    BuyerDetails("Maija Meikäläinen", True, email="maija@example.org", feedback_consent=True, municipality="Hausjärvi"),
    BuyerDetails("Matti Virtanen", True, phone="+358401234567", feedback_consent=False),
    BuyerDetails("Anna Svensson", True, email="anna@example.org", language=Language.SV, feedback_consent=True),
    BuyerDetails("John Smith", True, email="john@example.org", language=Language.EN, feedback_consent=True),
    BuyerDetails("Liisa Laine", True, email="liisa@example.org", phone="+358501112223", feedback_consent=True),
    BuyerDetails("Sanna Korhonen", False, email="sanna@example.org"),
    BuyerDetails("Pekka Nieminen", False, email="pekka@example.org", feedback_consent=True),
    BuyerDetails("Aino Mäkinen", True, phone="+358407654321"),
    BuyerDetails("Eeva Heikkinen", False, email="eeva@example.org", feedback_consent=True),
    BuyerDetails("Jari Koskinen", True, email="jari@example.org"),
    BuyerDetails("Kaisa Järvinen", True, email="kaisa@example.org", feedback_consent=True),
    BuyerDetails("Timo Lehtonen", False, phone="+358449876543"),
    BuyerDetails("Riikka Salo", True, email="riikka@example.org", feedback_consent=True),
]
# (buyer index, payment method, reference, weeks after term start sold, courses attended, visits used)
SALES = [
    (0, PaymentMethod.CASH, None, 1, ["LI101", "TA201"], 7),
    (1, PaymentMethod.EPASSI, "EP-884213", 2, ["LI105"], 4),
    (2, PaymentMethod.PAYMENT_CARD, None, 3, ["TA202", "TA203", "LI103"], 10),
    (3, PaymentMethod.SMARTUM, "SM-55120", 4, ["LI104"], 2),
    (4, PaymentMethod.INVOICE, "Lasku 2026-118", 5, ["LI101", "LI102", "LI103", "LI104", "TA201"], 9),
    (5, PaymentMethod.EDENRED, "ED-20931", 6, ["TA204"], 1),
    (6, PaymentMethod.EPASSI, "EP-884377", 2, ["LI101", "LI105"], 6),
    (7, PaymentMethod.CASH, None, 3, ["TA201"], 5),
    (8, PaymentMethod.SMARTUM, "SM-55301", 5, ["LI103", "LI104"], 8),
    (9, PaymentMethod.PAYMENT_CARD, None, 7, ["LI102"], 3),
    (10, PaymentMethod.EPASSI, "EP-885012", 8, ["TA202", "TA205"], 4),
    (11, PaymentMethod.CASH, None, 9, ["LI101"], 2),
]
# The five-visit trial card, valid for the autumn's first seven weeks: by mid-October
# the results report has a card that expired with visits unused.
TRIAL_SALES = [(12, PaymentMethod.CASH, None, 1, ["TA201"], 2)]
TRIAL_WEEKS = 7
# (buyer index, weeks after the sale): a card paid back, for the reconciliation's refund column.
REFUNDS = [(9, 4)]


# A few answers to the autumn round: (buyer email, rating, courses, good, improve, buy again, comment).
FEEDBACK_ANSWERS = [
    (
        "maija@example.org",
        5,
        ["LI101", "TA201"],
        "Sain käydä silloin, kun työvuorot antoivat myöten.",
        "",
        BuyAgain.YES,
        "",
    ),
    ("anna@example.org", 4, ["TA202", "TA203"], "Många olika kurser att välja mellan.", "Fler kvällskurser.", None, ""),
    ("john@example.org", 3, ["LI104"], "", "The card could be valid for a whole year.", BuyAgain.MAYBE, "Thanks!"),
]


def academic_year_start(today: date) -> int:
    return today.year if today.month >= 8 else today.year - 1


def load_demo(today: date | None = None) -> bool:
    """Fill an empty database; returns False (and changes nothing) if it has users already."""
    if db.session.scalar(select(func.count()).select_from(User)):
        return False
    today = today or local_date(utcnow())
    autumn, spring = _terms(academic_year_start(today))
    db.session.add(
        Organization(
            name="Hausjärven kansalaisopisto",
            email="kansalaisopisto@example.org",
            phone="019 123 4567",
            address="Keskustie 2, 12100 Oitti",
        )
    )
    db.session.add_all([autumn, spring])
    staff = _staff()
    categories = {code: CourseCategory(code=code, name=name) for code, name in CATEGORIES}
    db.session.add_all(categories.values())
    courses = _courses(categories, staff, autumn)
    card_type = CardType(
        name="Kymppikortti",
        visits=10,
        price_cents=5000,
        valid_from=autumn.starts_on,
        valid_until=spring.ends_on,
        categories=[categories["liikunta"], categories["tanssi"]],
    )
    trial = CardType(
        name="Kokeilukortti",
        visits=5,
        price_cents=2500,
        valid_from=autumn.starts_on,
        valid_until=autumn.starts_on + timedelta(weeks=TRIAL_WEEKS),
        categories=card_type.categories,
    )
    db.session.add_all([card_type, trial])
    db.session.commit()
    sold = _sales_and_visits(card_type, SALES, courses, staff, autumn.starts_on, today)
    sold |= _sales_and_visits(trial, TRIAL_SALES, courses, staff, autumn.starts_on, today)
    _refunds(sold, staff[1], today)
    _feedback_round(autumn, staff[1], courses, today)
    return True


def _terms(year: int) -> tuple[Term, Term]:
    academic_year = f"{year}-{year + 1}"
    autumn = Term(
        name=f"Syksy {year}",
        kind=TermKind.AUTUMN,
        academic_year=academic_year,
        starts_on=date(year, 8, 24),
        ends_on=date(year, 12, 13),
    )
    spring = Term(
        name=f"Kevät {year + 1}",
        kind=TermKind.SPRING,
        academic_year=academic_year,
        starts_on=date(year + 1, 1, 7),
        ends_on=date(year + 1, 4, 26),
    )
    return autumn, spring


def _staff() -> list[User]:
    roles = [Role(role) for _, _, role in DEMO_LOGINS]
    return [
        create_user(email, password, role=role, name=name)
        for (email, password, _), role, name in zip(DEMO_LOGINS, roles, STAFF_NAMES, strict=True)
    ]


def _courses(categories: dict, staff: list[User], term: Term) -> dict[str, Course]:
    instructors = staff[2:]
    courses = {}
    for code, name, category, accepts, weekday, hour, place, teacher, cap in COURSES:
        courses[code] = Course(
            code=code,
            name=name,
            category=categories[category],
            term=term,
            accepts_cards=accepts,
            weekday=weekday,
            starts_at=time(hour),
            ends_at=time(hour + 1),
            place=place,
            card_cap=cap,
            instructors=[instructors[teacher]],
        )
    db.session.add_all(courses.values())
    return courses


def _sales_and_visits(
    card_type: CardType, sales: list, courses: dict, staff: list[User], term_start: date, today: date
) -> dict[int, tuple[Card, date]]:
    """Sell each card of `sales` up to today and use its visits; returns the cards by buyer index, with the sale day."""
    office, sold = staff[1], {}
    for buyer_index, method, reference, week, attended, visits in sales:
        sold_on = term_start + timedelta(weeks=week)
        if sold_on > today:
            continue
        sale = Sale(
            card_type_id=card_type.id, payment_method=method, new_buyer=BUYERS[buyer_index], payment_reference=reference
        )
        card = sell_card(sale, by=office, at=local_noon(sold_on)).card
        sold[buyer_index] = card, sold_on
        last_day = min(today, card.valid_until + timedelta(days=1))
        sessions = sorted(
            (
                (day, courses[code])
                for code in attended
                for day in _session_dates(courses[code].weekday, sold_on, last_day)
            ),
            key=lambda session: (session[0], session[1].code),
        )
        for day, course in sessions[:visits]:
            check_in(card.number, course.id, by=course.instructors[0], at=local_noon(day), source=CheckInSource.CAMERA)
        if card.visits_left == 0 and len(sessions) > visits:
            # The used-up card shown at the door once more, and once from a tablet's offline
            # queue: the office's list of refused scans has a refusal and a conflict to show.
            day, course = sessions[visits]
            for source in (CheckInSource.CAMERA, CheckInSource.OFFLINE):
                check_in(card.number, course.id, by=course.instructors[0], at=local_noon(day), source=source)
    return sold


def _refunds(sold: dict[int, tuple[Card, date]], office: User, today: date) -> None:
    for buyer_index, weeks in REFUNDS:
        card, sold_on = sold.get(buyer_index, (None, None))
        if card is not None and sold_on + timedelta(weeks=weeks) <= today:
            refund_card(
                card.id, by=office, reason="Muutti paikkakunnalta", at=local_noon(sold_on + timedelta(weeks=weeks))
            )


def _feedback_round(term: Term, office: User, courses: dict[str, Course], today: date) -> None:
    """An open round for the autumn term, every invitation marked sent (no mail leaves the demo) and a
    few answers in, so the round and results pages have something to show."""
    if today < term.starts_on + timedelta(weeks=5):
        return  # too early in the term: the buyers answering below have not bought yet
    # Noon today, unless the demo is loaded before noon: a round never starts in the future.
    at = min(local_noon(today), utcnow())
    round_id = start_round(Period.of_term(term), by=office, at=at).round_id
    invitations = db.session.scalars(select(FeedbackInvitation).where(FeedbackInvitation.round_id == round_id))
    tokens = {}
    for invitation_id, email in [(invitation.id, invitation.buyer.email) for invitation in invitations]:
        tokens[email] = claim_invitation(invitation_id, round_id, at)
        mark_sent(invitation_id, at)
    for email, rating, codes, good, improve, buy_again, comment in FEEDBACK_ANSWERS:
        if email in tokens:
            answer = Answer(rating, [courses[code].id for code in codes], good, improve, buy_again, comment)
            save_answer(tokens[email], answer, at=at)


def _session_dates(weekday: int, start: date, end: date):
    day = start + timedelta(days=(weekday - start.weekday()) % 7)
    while day < end:
        yield day
        day += timedelta(weeks=1)
