"""The one definition of stray control characters, shared by the survey, its answers and the course import."""

import pytest

from kymppi.domain.text import has_control_characters, has_stray_control_characters


@pytest.mark.parametrize("text", ["Hyvä\nkurssi", "a\tb", "rivi\r\nrivi", "", "ääkköset ja € – ok"])
def test_tabs_and_line_ends_are_layout_not_stray(text):
    assert not has_stray_control_characters(text)


@pytest.mark.parametrize("text", ["\x00", "a\x08b", "\x0b", "\x0c", "\x1b[31m", "\x7f", "\x1f"])
def test_nul_and_other_control_characters_are_stray(text):
    assert has_stray_control_characters(text) and has_control_characters(text)
