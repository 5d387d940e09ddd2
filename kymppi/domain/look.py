"""The opisto's colour: checked for contrast before it is saved, and its darker shade for hovers.

The colour is the background of the header, the buttons and the used stamp
boxes, under white text, and the colour of link-like text on white and on the
pale tint of notices. WCAG 2.1 (1.4.3) asks 4.5:1 for normal text, so a colour
that gives less against either background is refused instead of saved.
"""

import re

DEFAULT_ACCENT = "#0b5cad"
MINIMUM_CONTRAST = 4.5
WHITE = "#ffffff"
# The pale tint behind notices and today's row (--soft in static/kymppi.css), where the colour is text too.
SOFT = "#eef4fb"
HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def is_hex_colour(value: str) -> bool:
    return bool(HEX_COLOUR.match(value))


def _channels(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def relative_luminance(colour: str) -> float:
    """WCAG 2.1's relative luminance of a #rrggbb colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in _channels(colour))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def weakest_contrast(colour: str) -> float:
    """The lower of the colour's contrasts with white and with the pale tint: the one text must pass."""
    return min(contrast(colour, WHITE), contrast(colour, SOFT))


def is_readable(colour: str) -> bool:
    return is_hex_colour(colour) and weakest_contrast(colour) >= MINIMUM_CONTRAST


def darker(colour: str, share: float = 0.25) -> str:
    """The colour mixed with `share` black: a hover shade that only ever gains contrast with white."""
    return "#" + "".join(f"{round(channel * (1 - share)):02x}" for channel in _channels(colour))
