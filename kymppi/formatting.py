"""Values written as the reader of the current language expects, with Babel's locale data.

Finnish and Swedish readers in Finland write 22.11.2026, 1 234,50 € and 72 %;
English ones 22 Nov 2026, €1,234.50 and 72%. Shared by templates, PDFs and
emails, so every channel shows the same text; clock times are Helsinki time.
"""

from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from kymppi.domain.clock import HELSINKI
from kymppi.i18n import current_language
from kymppi.models import Language

# Finland's own variants where Babel has them; British English writes the day first.
LOCALES = {Language.FI: "fi_FI", Language.SV: "sv_FI", Language.EN: "en_GB"}
DATE_PATTERNS = {Language.FI: "d.M.y", Language.SV: "d.M.y", Language.EN: "d MMM y"}


def _locale() -> str:
    return LOCALES[current_language()]


def date_text(value: date | datetime | None, language: Language | None = None) -> str:
    """A day, a moment's Helsinki day included: "22.11.2026", "22 Nov 2026"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(HELSINKI).date()
    language = language or current_language()
    return format_date(value, DATE_PATTERNS[language], locale=LOCALES[language])


def time_text(value: datetime | None) -> str:
    """A clock time in Helsinki, as a scan screen shows it: "18:02" in every language."""
    return "" if value is None else f"{value.astimezone(HELSINKI):%H:%M}"


# A course's hour as a timetable prints it: 18.00 in Finland, 18:00 in English.
CLOCK_PATTERNS = {Language.FI: "%H.%M", Language.SV: "%H.%M", Language.EN: "%H:%M"}


def clock_text(value: time | None) -> str:
    """A time of day on a timetable (a course's start or end), no time zone: "18.00", "18:00"."""
    return "" if value is None else value.strftime(CLOCK_PATTERNS[current_language()])


def datetime_text(value: datetime | None) -> str:
    return "" if value is None else f"{date_text(value)} {time_text(value)}"


def written_date(value: date | None, language: Language) -> str:
    """A day in `language` rather than the request's: a mail or answer for somebody else."""
    return date_text(value, language)


def number_text(value: int | None) -> str:
    """A whole number, its thousands grouped: "1 234" (a no-break space, so it never wraps), "1,234"."""
    return "" if value is None else format_decimal(value, locale=_locale())


def euros(cents: int | None) -> str:
    """Cents as euros: "50,00 €", "1 234,50 €", a refund "-12,50 €"; "€50.00" in English."""
    if cents is None:
        return ""
    return format_currency(Decimal(cents) / 100, "EUR", locale=_locale())


def _rounded(value: float, places: str, *, scale: int = 1) -> Decimal:
    """`value` times `scale`, rounded half up as a count on paper is: a mean of 4,25 is 4,3, 1/8 is 13 %.

    round() and format() round half to even, and work on the float's binary
    value (4.25 gave 4,2; 1/8 12 % but 3/8 38 %). The float's shortest repr
    is the decimal meant (87/20 is 4.35, not 4.3499…), scaled before rounding.
    """
    return (Decimal(repr(value)) * scale).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def decimal_text(value: float | None) -> str:
    """A mean such as a feedback rating, to one decimal: "4,2", "4.2"; none gives "–"."""
    return "–" if value is None else format_decimal(_rounded(value, "0.1"), "0.0", locale=_locale())


def percent_text(ratio: float | None) -> str:
    """A share as a whole percent: "72 %", "72%"; nothing to divide by gives "–"."""
    return "–" if ratio is None else format_percent(_rounded(ratio, "0.01"), locale=_locale())
