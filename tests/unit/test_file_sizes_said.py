"""A file's size as a person reads it: « 350 ko », « 1,2 Mo ». A file just under a megabyte was said
« 1 024 ko » (the kilobytes rounded before choosing the unit): it is « 1 Mo »."""

from __future__ import annotations

import pytest

from conversations.render.formatting import format_size
from locales import translator

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("size", "said"),
    [
        (100, "1 ko"),  # never « 0 ko »
        (350 * 1024, "350 ko"),
        (1023 * 1024, "1 023 ko"),
        (1024 * 1024 - 300, "1 Mo"),  # 1 023,7 ko: not « 1 024 ko »
        (1024 * 1024, "1 Mo"),
        (int(1.2 * 1024 * 1024), "1,2 Mo"),
    ],
)
def test_sizes_in_french(size, said):
    assert format_size(translator("fr"), size).replace(NBSP, " ").replace("\u202f", " ") == said


def test_in_english():
    assert format_size(translator("en"), 1024 * 1024 - 300) == "1 MB"
