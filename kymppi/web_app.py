"""What the two installable pages (the tablet's check-in, the buyer's card) put in their manifests."""

from flask import url_for

ICON_SIZES = (192, 512)


def home_screen_icons() -> list[dict]:
    """The "10" icon in the sizes phones ask for, and as SVG for the rest."""
    pngs = [
        {"src": url_for("static", filename=f"icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png"}
        for size in ICON_SIZES
    ]
    return [*pngs, {"src": url_for("static", filename="favicon.svg"), "sizes": "any", "type": "image/svg+xml"}]
