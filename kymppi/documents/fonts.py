"""DejaVu Sans, embedded in every PDF: the standard PDF fonts lack nothing for Finnish,
but embedding makes ä, ö and å look the same on every printer and viewer."""

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
_FOLDER = Path(__file__).resolve().parent / "fonts"


def register() -> None:
    for name in (REGULAR, BOLD):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(_FOLDER / f"{name}.ttf")))


def fit(canvas, text: str, font: str, size: float, width: float, smallest: float = 5) -> None:
    """Set `font` at `size`, or smaller down to `smallest`, so that `text` fits in `width`.

    Names come from people: a long double-barrelled one must shrink, not run off the card.
    """
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.25
    canvas.setFont(font, size)
