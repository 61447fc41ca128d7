"""A question's example date counts from the bot's clock, as its refusals and its default date do.

The examples were fixed text (« ex. 31/05/2028 ou mai 2028 ») and would have aged; counted from the
real date instead of the bot's, the question and the default offered under it disagreed.
"""

from __future__ import annotations

from tests.conversations.test_chat_menus import own_indicator, text
from tests.dossier_steps import choose, join


async def test_the_target_dates_example_is_the_end_of_the_18_months_counted_from_the_bots_today(harness):
    camille = await join(harness, 1331, "fr")  # the bot's today: 23 November 2026
    await choose(camille, [1])
    await own_indicator(camille)
    await camille.press("✅ Oui / non")
    await camille.press("Non")
    await camille.press("Oui")
    assert "📅 23 mai 2028" in camille.buttons()
    assert "ex. 31/05/2028 ou mai 2028" in text(camille)
