"""A commitment letter sent as photos of its pages, named by the bot « Lettre d’engagement (2 pages).pdf ».

Before: the 📎 Documents list cut that name mid-word, « Lettre d’engagement (2 page….pdf »: the bot's own
name broken inside « pages », its parenthesis left open. Now the list shows it whole; a longer name is cut
between two words (``fit_label``), still whole on the file's own screen."""

from __future__ import annotations

import io

from PIL import Image

from tests.dossier_steps import join, open_home


def page_photo(n: int) -> bytes:
    """A distinct real JPEG, as a photographed page is."""
    out = io.BytesIO()
    Image.new("RGB", (60 + n, 80), (n * 40 % 255, 100, 100)).save(out, "JPEG")
    return out.getvalue()


async def test_a_letter_of_photographed_pages_is_listed_with_its_whole_name(harness):
    director = await join(harness, 9750701, "fr", "Coop Pages")
    await open_home(director)
    await director.press("📎 Documents")
    await director.press("📎 Lettre d’engagement")
    for n in (1, 2):  # a two-page signed letter, photographed and sent at once
        update = harness.fake.user_photo(director.tg, page_photo(n))
        update["message"]["media_group_id"] = "pages"
        director.replies = await harness.deliver(director.id, update)
    await open_home(director)
    await director.press("📎 Documents")
    line = next(x for x in director.last_text.splitlines() if x.startswith("1. ✅"))
    assert "(Lettre d’engagement (2 pages).pdf, " in line, line
