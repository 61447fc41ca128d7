"""A consultation's shares: rounded half up, as people count."""

from __future__ import annotations

from conversations.render.commitments.consultations import percent
from locales import Translator


def test_shares_are_rounded_half_up():
    fr, en = Translator("fr"), Translator("en")
    assert [percent(fr, part, 8) for part in (1, 3, 5, 7)] == [
        "13\u00a0%",
        "38\u00a0%",
        "63\u00a0%",
        "88\u00a0%",
    ]
    assert (percent(en, 1, 3), percent(en, 2, 3), percent(en, 1, 200), percent(en, 0, 0)) == (
        "33%",
        "67%",
        "1%",
        "0%",
    )
