"""Reading PDFs back the way a person and a scanner would: text, its reach, page size and QR codes."""

import io

import pypdfium2
import zxingcpp
from pypdf import PdfReader

MM = 72 / 25.4


def text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def page_sizes_mm(data: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width) / MM, float(p.mediabox.height) / MM) for p in PdfReader(io.BytesIO(data)).pages]


def embedded_fonts(data: bytes) -> set[str]:
    fonts = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return fonts


def rightmost_text_mm(data: bytes) -> float:
    """How far right any printed character reaches on any page, from the left edge: text past the margin is cut."""
    document = pypdfium2.PdfDocument(data)
    try:
        rightmost = 0.0
        for page in document:
            characters = page.get_textpage()
            for index in range(characters.count_chars()):
                if characters.get_text_range(index, 1).strip():
                    rightmost = max(rightmost, characters.get_charbox(index)[2])
        return rightmost / MM
    finally:
        document.close()


def qr_codes(data: bytes, dpi: int = 300) -> list[list[tuple[str, float]]]:
    """Per page: each decoded QR code's text and its printed side in millimetres."""
    pages = []
    for page in pypdfium2.PdfDocument(data):
        image = page.render(scale=dpi / 72).to_pil()
        found = []
        for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
            corners = result.position
            side_px = abs(corners.top_right.x - corners.top_left.x)
            found.append((result.text, side_px / dpi * 25.4))
        pages.append(found)
    return pages
