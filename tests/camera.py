"""A fake camera for headless Chromium: a printed card's page filmed as a Y4M video.

Chromium's --use-file-for-fake-video-capture plays the file (looping) to
getUserMedia, so the check-in page scans the QR code exactly as it was printed.
"""

from pathlib import Path

import pypdfium2
from PIL import Image

WIDTH, HEIGHT = 640, 480


def card_frame(card_pdf: bytes) -> Image.Image:
    """The printed card held up to a 640×480 camera, filling most of the view, in greys."""
    page = pypdfium2.PdfDocument(card_pdf)[0]
    card = page.render(scale=600 / page.get_width()).to_pil().convert("L")
    frame = Image.new("L", (WIDTH, HEIGHT), 90)
    frame.paste(card, ((WIDTH - card.width) // 2, (HEIGHT - card.height) // 2))
    return frame


def write_y4m(path: Path, frames: list[Image.Image], fps: int = 10) -> Path:
    """4:2:0 video: each frame's Y plane is the grey image, U and V a flat 128 (no colour)."""
    chroma = bytes([128]) * ((WIDTH // 2) * (HEIGHT // 2))
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{WIDTH} H{HEIGHT} F{fps}:1 Ip A1:1 C420jpeg\n".encode())
        for frame in frames:
            video.write(b"FRAME\n" + frame.tobytes() + chroma + chroma)
    return path
