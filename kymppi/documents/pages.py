"""What every Kymppi A4 document prints at the foot of each page."""

from collections.abc import Callable

from flask_babel import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

from kymppi.documents import fonts

MARGIN = 18 * mm


def numbered_footer(line: str) -> Callable:
    """A page callback writing `line` on the left and the page number on the right, so a loose page is placed."""

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(fonts.REGULAR, 8)
        canvas.drawString(MARGIN, 10 * mm, line)
        canvas.drawRightString(A4[0] - MARGIN, 10 * mm, _("Sivu %(page)s", page=doc.page))
        canvas.restoreState()

    return footer
