"""« 📋 What is missing » a page at a time: a page's numbered lines and their buttons on one message,
numbered across pages, whoever opens it (the home, a refusal to mark the dossier ready)."""

from __future__ import annotations

import re
from types import SimpleNamespace

from conversations.render.gaps import gap_text
from conversations.render.html import MESSAGE_LIMIT, e, units
from locales import translator
from models.dossier.rules import INDICATOR_REQUIRED, Gap
from tests.dossier_steps import LABELS, choose, join, open_home

EIGHT = [1, 2, 5, 6, 9, 10, 11, 12]
PAGE = 8  # gaps a page (dossier.gaps.GAPS_PAGE)


async def add_two_suggestions(user, codes) -> None:
    """Two suggested indicators on each engagement, nothing answered: each misses its fields and an action."""
    labels = LABELS["fr"]
    for code in codes:
        for pick in ("1 · ", "2 · "):
            await open_home(user)
            await user.press(labels["indicators"])
            await user.press(f" {code} · ")
            await user.press(labels["add_indicator"])
            await user.press(pick, user.last)


def numbered(message: dict) -> tuple[list[int], list[int]]:
    """The numbers of a message's gap lines, and of its gap buttons (« 3 · Indicateur »)."""
    lines = [int(n) for n in re.findall(r"(?m)^(\d+)\. ", message["text"])]
    rows = message["reply_markup"]["inline_keyboard"]
    buttons = [int(m[1]) for row in rows for b in row if (m := re.match(r"(\d+) · ", b["text"]))]
    return lines, buttons


async def test_a_long_list_of_gaps_comes_a_page_at_a_time_its_buttons_under_its_lines(harness):
    """8 engagements, 2 indicators each, nothing answered: 34 gaps, 8 a page, each button under its line."""
    director = await join(harness, 8_801, "fr")
    await choose(director, EIGHT)
    await add_two_suggestions(director, EIGHT)
    await open_home(director)
    assert "… et encore 30 (voir «\u00a0Ce qui manque\u00a0»)" in director.last_text, director.last_text
    replies = await director.press("📋 Ce qui manque")
    assert len(replies) == 1 and replies[0]["reply_markup"], "one message: the lines with their buttons"
    seen = []
    for page in range(1, 6):
        screen = director.last
        lines, buttons = numbered(screen)
        first = (page - 1) * PAGE + 1
        expected = list(range(first, min(first + PAGE, 35)))
        assert lines == expected and buttons == expected, (page, lines, buttons)  # gap 11 is 11 on page 2
        assert f"Page {page}/5" in screen["text"], screen["text"]
        rows = screen["reply_markup"]["inline_keyboard"]
        assert len(rows) <= 7 and [b["text"] for b in rows[-1]] == ["🏠 Mon dossier"], rows
        arrows = [b["text"] for b in rows[-2]]
        assert arrows == ["⬅️"] * (page > 1) + ["➡️"] * (page < 5), arrows
        seen += lines
        if page < 5:
            await director.press("➡️", screen)
    assert seen == list(range(1, 35))
    await director.press("⬅️", director.last)
    assert numbered(director.last)[0][0] == 3 * PAGE + 1  # back to page 4

    # a refusal to mark the dossier ready: its notice above the first page, the buttons below their lines
    await open_home(director)
    await director.press("✅ Marquer")
    refused = director.last
    assert refused["text"].startswith("⛔ Le dossier ne peut pas encore être marqué comme prêt"), refused[
        "text"
    ]
    assert numbered(refused) == (list(range(1, 9)), list(range(1, 9)))
    await director.press("➡️", refused)
    assert numbered(director.last)[1] == list(range(9, 17))
    eleventh = re.search(r"(?m)^11\. Indicateur «\u00a0(.{20})", director.last_text)[1]
    await director.press("11 · Indicateur", director.last)  # the 11th gap's button: its indicator
    assert eleventh in director.last_text, (eleventh, director.last_text)


async def test_a_short_list_of_gaps_has_no_page_turns(harness):
    sam = await join(harness, 8_802, "en")
    await open_home(sam)  # nothing chosen yet: the axes, the letter, the approach
    await sam.press("📋 What is missing")
    assert "Page " not in sam.last_text and "➡️" not in sam.buttons(), sam.buttons()
    assert sam.buttons()[-1] == "🏠 My dossier"


def test_a_page_of_the_longest_gaps_is_one_message():
    """A page holds its longest lines whole in one message: an indicator's title of « & » (five units
    as HTML) and every field missing, below the refusal's notice."""
    from conversations.dossier.gaps import GAPS_PAGE

    for language in ("fr", "en"):
        t = translator(language)
        alike = [
            SimpleNamespace(id=n, engagement_code=12, position=n, title="&" * 80, suggested_code=None)
            for n in (1, 2)
        ]
        snapshot = SimpleNamespace(indicators=alike)
        gap = Gap("indicator_incomplete", engagement=12, indicator_id=2, fields=(*INDICATOR_REQUIRED, "unit"))
        line = f"{GAPS_PAGE * 10}. " + e(gap_text(t, snapshot, gap))
        head = (
            "⛔ " + e(t.gettext("The dossier cannot be marked ready yet:")) + "\n\n📋 <b>…</b>\n\nPage 99/99"
        )
        assert units(head) + GAPS_PAGE * (units(line) + 1) <= MESSAGE_LIMIT, (language, units(line))
