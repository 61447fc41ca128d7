"""A coop with no direction left: its home says what the decision's news said, never promising a direction
that would submit the dossier again or prepare a new candidacy (an English member here)."""

from __future__ import annotations

from tests.conversations.test_decision_words_by_role import headless, news_since, with_members
from tests.conversations.test_label_journey import decide
from tests.dossier_steps import open_home


async def test_refused_headless_home_does_not_promise_a_direction(world):
    harness, _clock = world
    director, _lou, sam, committee = await with_members(harness)
    await headless(harness, director)
    seen = len(sam.messages)
    await decide(committee, "Coop Horizon", "⛔ Refuser", "Dossier hors sujet.")
    assert "nobody from your coop’s direction is in the assistant" in news_since(sam, seen)
    await open_home(sam)
    assert "Your direction may prepare a new candidacy" not in sam.last_text, sam.last_text
    assert "nobody from your coop’s direction is in the assistant" in sam.last_text, sam.last_text


async def test_asked_more_headless_home_does_not_say_the_direction_submits_it_again(world):
    harness, _clock = world
    director, _lou, sam, committee = await with_members(harness)
    await headless(harness, director)
    await decide(committee, "Coop Horizon", "📝 Demander des compléments", "Précisez la cible.")
    await open_home(sam)
    assert "Your coop has no direction in the assistant any more" in sam.last_text, sam.last_text
    assert "tell the direction, which submits it again" not in sam.last_text, sam.last_text
    assert "Everything is complete: you can mark the dossier as ready." in sam.last_text, sam.last_text
