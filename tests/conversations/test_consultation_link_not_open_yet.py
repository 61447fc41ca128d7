"""A draft's preview gives its public link « to share once the consultation is open »: someone opening it
before (shared a little early) is told the consultation is not open yet and to open the link again once
it is, not that the link « is not recognised »; once opened, the same link leads to the ballot. The
link pasted as text says the same as the link tapped."""

from __future__ import annotations

from tests.conversations.test_consultations import LABELS, open_consultations
from tests.dossier_steps import join


async def draft_link(harness) -> tuple:
    """A draft's public link, as its preview gives it, and its director."""
    director = await join(harness, 3961, "fr", "Coop Tôt")
    words = LABELS["fr"]
    await open_consultations(director, words["open"])
    await director.press(words["new"])
    await director.press(words["engagements"])
    await director.press(words["link"])
    await director.press(words["continue"])
    await director.send("15/12/2026")
    return director, next(line for line in director.last_text.splitlines() if "?start=c_" in line).strip()


async def test_a_link_opened_before_the_consultation_says_it_is_not_open_yet(world):
    harness, _clock = world
    director, link = await draft_link(harness)
    words = LABELS["fr"]
    guest = harness.user(3962, "Léa", "fr")
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    said = guest.reply_text()
    assert "pas encore ouverte" in said and "pas reconnu" not in said, said
    assert "Répondre" not in " ".join(guest.buttons()) and "⬜" not in said
    await director.press(words["open_it"])
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    assert "Cochez un ou plusieurs choix" in guest.last_text, guest.last_text


async def test_a_link_never_made_is_still_not_recognised(world):
    harness, _clock = world
    guest = harness.user(3963, "Léa", "fr")
    await guest.send("/start c_nimportequoi")
    assert "pas reconnu" in guest.reply_text()


async def test_a_draft_s_link_pasted_as_text_says_it_is_not_open_yet_too(world):
    harness, _clock = world
    _director, link = await draft_link(harness)
    guest = harness.user(3964, "Noé", "fr")
    await guest.send(link)
    said = guest.reply_text()
    assert "pas encore ouverte" in said and "pas reconnu" not in said, said
