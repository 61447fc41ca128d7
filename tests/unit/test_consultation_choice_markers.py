"""Choices the director numbered or bulleted are read without their list markers (the ballot numbers
them): « 1. Mardi soir » is « Mardi soir ». Only markers followed by punctuation, on every line, in
order for numbers and letters; a choice that starts with a number (« 2 réunions par an ») keeps it.
Before, « 1. Mardi soir » was kept whole and the ballot showed « ⬜ 1. 1. Mardi soir »."""

from __future__ import annotations

import pytest

from models.consultations.drafts import parse_choices


@pytest.mark.parametrize(
    "typed",
    [
        "1. Mardi soir\n2. Jeudi soir\n3. Samedi matin",
        "1) Mardi soir\n2) Jeudi soir\n3) Samedi matin",
        "- Mardi soir\n- Jeudi soir\n- Samedi matin",
        "• Mardi soir\n• Jeudi soir\n\n• Samedi matin",
        "* Mardi soir\n* Jeudi soir\n* Samedi matin",
        "a) Mardi soir\nb) Jeudi soir\nc) Samedi matin",
        "  1.Mardi soir\n  2.Jeudi soir\n  3.Samedi matin",
    ],
)
def test_list_markers_are_left_out(typed):
    assert parse_choices(typed) == ["Mardi soir", "Jeudi soir", "Samedi matin"]


@pytest.mark.parametrize(
    "typed",
    [
        "2 réunions par an\n4 réunions par an",  # numbers, not markers
        "1. Mardi soir\nJeudi soir",  # not every line marked
        "1. Mardi soir\n3. Jeudi soir",  # not in order
        "- Mardi soir\n• Jeudi soir",  # two kinds of bullets
        "1.5 % de hausse\n2.5 % de hausse",  # a decimal number
        "12 h 30\n14 h",
    ],
)
def test_what_is_not_a_consistent_list_stays_whole(typed):
    assert parse_choices(typed) == [line for line in typed.splitlines() if line.strip()]
