"""A consultation's public link pasted as text is the link opened, as a pasted invitation link is
(DEVELOPERS.md: « a link or code pasted by someone in no coop, or by a member at no question, is the
link opened »): its ballot, not « open an invitation link ». At a question, the text is the answer."""

from __future__ import annotations

from tests.conversations.test_consultations import LABELS, open_consultations, prepare_default
from tests.dossier_steps import join, open_home

SEND = LABELS["fr"]["send"]


async def test_someone_in_no_coop_pasting_the_link_reaches_its_ballot(world):
    harness, _clock = world
    director = await join(harness, 7701, "fr", "Coop Colle")
    link = await prepare_default(director, "15/12/2026", lang="fr")
    assert link.startswith("https://t.me/") and "?start=c_" in link, link
    guest = harness.user(7702, "Léa", "fr")
    await guest.send("/start")
    await guest.send(link)
    assert SEND in guest.buttons(), guest.last_text
    assert "Coop Colle" in guest.last_text, guest.last_text
    await guest.press("⬜ 2 · ")
    await guest.press(SEND)
    await open_consultations(director, LABELS["fr"]["open"])
    await director.press("🟢 1 · ")
    assert "1\u00a0réponse sur 2\u00a0personnes consultées" in director.last_text, director.last_text


async def test_a_member_of_another_coop_at_no_question_pasting_it_reaches_its_ballot(world):
    harness, _clock = world
    director = await join(harness, 7711, "fr", "Coop Colle Deux")
    link = await prepare_default(director, "15/12/2026", lang="fr")
    neighbour = await join(harness, 7712, "fr", "Coop Voisine")
    await open_home(neighbour)
    await neighbour.send(link.removeprefix("https://"))  # t.me/… as some apps copy it
    assert SEND in neighbour.buttons(), neighbour.last_text
    assert "Coop Colle Deux" in neighbour.last_text, neighbour.last_text


async def test_a_pasted_link_of_a_closed_consultation_says_it_is_closed(world):
    harness, clock = world
    director = await join(harness, 7721, "fr", "Coop Close")
    link = await prepare_default(director, "15/12/2026", lang="fr")
    clock.advance(days=40)
    guest = harness.user(7722, "Léo", "fr")
    await guest.send("/start")
    await guest.send(link)
    assert "Cette consultation est close" in guest.reply_text(), guest.reply_text()
    assert SEND not in guest.buttons()


async def test_another_bots_consultation_link_opens_nothing(world):
    harness, _clock = world
    director = await join(harness, 7731, "fr", "Coop Autre Bot")
    link = await prepare_default(director, "15/12/2026", lang="fr")
    guest = harness.user(7732, "Noé", "fr")
    await guest.send("/start")
    await guest.send(link.replace(harness.application.bot.username, "SomeOtherBot"))
    assert SEND not in guest.buttons(), guest.last_text
