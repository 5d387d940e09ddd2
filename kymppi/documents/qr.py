"""The card's QR code, drawn as vector squares so it stays sharp at any print size.

Payload, version 1: the card URL `<BASE_URL>/k/<secret>` (see kymppi.domain.codes).
Error correction M survives a scuffed paper card; the 4-module quiet zone is
the minimum scanners need.
"""

from html import escape

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4


def _qr_matrix(payload: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(payload)
    code.make(fit=True)
    return code.get_matrix()


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """Draw the code with its quiet zone filling the square at (x, y) of side `size` points."""
    matrix = _qr_matrix(payload)
    module = size / len(matrix)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + 1) * module
        for start, length in _dark_runs(row):
            # One rectangle per run: adjacent squares leave hairline gaps in some renderers.
            canvas.rect(x + start * module, top, length * module, module, stroke=0, fill=1)
    canvas.restoreState()


def _dark_runs(row: list[bool]):
    start = None
    for index, dark in enumerate([*row, False]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            yield start, index - start
            start = None


def qr_svg(payload: str, label: str) -> str:
    """The same code as SVG markup for a web page: one path of dark runs, in module units,
    with no style attributes (the page's CSP allows none), sized by the page's CSS.
    `label` is its text alternative: an image a screen reader can't name fails WCAG 1.1.1."""
    matrix = _qr_matrix(payload)
    runs = "".join(
        f"M{start},{row_index}h{length}v1h-{length}z"
        for row_index, row in enumerate(matrix)
        for start, length in _dark_runs(row)
    )
    side = len(matrix)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {side} {side}" shape-rendering="crispEdges" '
        f'role="img" aria-label="{escape(label)}">'
        f'<rect width="{side}" height="{side}" fill="#fff"/><path d="{runs}" fill="#000"/></svg>'
    )
