"""Someone who came through a consultation's public link (in no coop) has their ballot for only screen:
/langue then a language, and /start alone (back another day), lead back to it as /annuler and /aide do,
what they ticked kept, never to the stranger's welcome (« open the invitation link… »); once it is
closed, the welcome as before."""

from __future__ import annotations

from tests.conversations.test_consultations import prepare_default
from tests.dossier_steps import join


async def visitor_at_ballot(harness, director_id: int, guest_id: int):
    director = await join(harness, director_id, "fr", "Coop Langue")
    link = await prepare_default(director, "15/12/2026", lang="fr")
    guest = harness.user(guest_id, "Sam", "fr")
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    await guest.press("⬜ 3 · ")
    return guest


async def test_a_visitor_choosing_a_language_is_back_at_the_ballot_in_it(world):
    harness, _clock = world
    guest = await visitor_at_ballot(harness, 3981, 3982)
    await guest.send("/langue")
    await guest.press("🇬🇧 English")
    said = guest.reply_text()
    assert "The assistant now speaks English." in said and "invitation link" not in said, said
    assert "Which engagements matter most to you?" in guest.last_text and "✅ 3. " in guest.last_text
    await guest.press("📨 Send my answer")
    assert "Thank you! Your answer is recorded." in guest.reply_text()


async def test_a_visitor_sending_start_again_is_back_at_the_ballot(world):
    harness, _clock = world
    guest = await visitor_at_ballot(harness, 3991, 3992)
    await guest.send("/start")
    said = guest.reply_text()
    assert "lien d’invitation" not in said, said
    assert "Quels engagements comptent le plus pour vous" in guest.last_text and "✅ 3. " in guest.last_text


async def test_once_closed_the_visitor_gets_the_welcome(world):
    harness, clock = world
    guest = await visitor_at_ballot(harness, 4001, 4002)
    clock.advance(days=30)
    await guest.send("/start")
    assert "lien d’invitation" in guest.reply_text()
