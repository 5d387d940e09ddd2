"""How Finnish readers expect values written: dates as 22.11.2026 in Helsinki time, money as 50,00 €.

Shared by templates, PDFs and emails, so every channel shows the same text.
"""

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date

from kymppi.domain.clock import HELSINKI
from kymppi.models import Language


def fi_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.astimezone(HELSINKI).date()
    return f"{value.day}.{value.month}.{value.year}"


def fi_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(HELSINKI)
    return f"{fi_date(local)} {local:%H:%M}"


# A no-break space groups thousands ("1 234"), so a figure never wraps in the middle.
THOUSANDS = "\u00a0"


def fi_number(value: int | None) -> str:
    """A whole number as Finns write it: "1 234", "-50"."""
    if value is None:
        return ""
    return f"{value:,}".replace(",", THOUSANDS)


def euros(cents: int | None) -> str:
    """Cents as euros: "50,00 €", "1 234,50 €", a refund as "-12,50 €"."""
    if cents is None:
        return ""
    whole, part = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{fi_number(whole)},{part:02d} €"


def _rounded(value: float, places: str, *, scale: int = 1) -> Decimal:
    """`value` times `scale`, rounded half up as a count on paper is: a mean of 4,25 is 4,3, 1/8 is 13 %.

    round() and format() round half to even, and work on the float's binary
    value (4.25 gave 4,2; 1/8 12 % but 3/8 38 %). The float's shortest repr
    is the decimal meant (87/20 is 4.35, not 4.3499…), scaled before rounding.
    """
    return (Decimal(repr(value)) * scale).quantize(Decimal(places), rounding=ROUND_HALF_UP)


def fi_decimal(value: float | None) -> str:
    """A mean such as a feedback rating, to one decimal with the Finnish comma: "4,2"; none gives "–"."""
    return "–" if value is None else str(_rounded(value, "0.1")).replace(".", ",")


def fi_percent(ratio: float | None) -> str:
    """A share as a whole percent with the Finnish spacing: "72 %"; nothing to divide by gives "–"."""
    return "–" if ratio is None else f"{_rounded(ratio, '1', scale=100)} %"


def fi_time(value: datetime | None) -> str:
    """A clock time in Helsinki, as a scan screen shows it: "18:02"."""
    return "" if value is None else f"{value.astimezone(HELSINKI):%H:%M}"


def written_date(value: date | None, language: Language) -> str:
    """22.11.2026 for Finnish and Swedish readers, 22 Nov 2026 for English ones."""
    if value is None:
        return ""
    return format_date(value, "d MMM y" if language is Language.EN else "d.M.y", locale=language.value)
