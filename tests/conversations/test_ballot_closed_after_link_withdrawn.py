"""Someone who opened a consultation's public link and comes back to its ballot after the link was withdrawn
(30 days after closing) or after erasing their data is told that it is closed, as before the withdrawal,
and what they type there is given back whole with the same words; no longer « Cette consultation ne vous a
pas été adressée » (it was: through its link; their access, the only trace of it, went with the link).
A consultation that did reach them neither way (another coop's, no link) keeps those words, closed or not."""

from __future__ import annotations

import copy

from sqlmodel import select

from models.privacy.retention import expire
from models.tables import Consultation
from tests.conversations.test_consultation_erased_opener import erase
from tests.conversations.test_consultations import prepare_default
from tests.dossier_steps import join

CLOSED = "Cette consultation est close\u00a0: les réponses ne sont plus acceptées."
NOT_SENT = "Cette consultation ne vous a pas été adressée."


async def guest_at_the_ballot(harness, base: int):
    """A consultation closing on 30 November 2026, its link opened by a guest who ticked a choice."""
    director = await join(harness, base, "fr", f"Coop {base}")
    link = await prepare_default(director, "30/11/2026", lang="fr")
    guest = harness.user(base + 1, "Lou", "fr")
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    await guest.press("⬜ 7 · ")
    ballot = copy.deepcopy(guest.last)
    return director, guest, ballot, guest.find_button("⬜ 9 · ", ballot)[1]


async def test_the_ballot_of_a_withdrawn_link_says_closed_as_before_the_withdrawal(world):
    harness, clock = world
    _director, guest, ballot, tick = await guest_at_the_ballot(harness, 7601)
    clock.advance(days=8)  # closed by its date
    await guest.press_data(ballot, tick)
    assert guest.alerts == [CLOSED], guest.alerts  # before the withdrawal
    clock.advance(days=31)
    async with harness.database.transaction() as session:
        assert (await expire(session, clock()))["links"] == 1

    for data in (tick, guest.find_button("💬", ballot)[1], guest.find_button("📨", ballot)[1]):
        await guest.press_data(ballot, data)
        assert guest.alerts == [CLOSED], (data, guest.alerts)
    await guest.send("Mon avis, enfin")
    texts = [m.get("text", "") for m in guest.replies]
    assert CLOSED in texts[0] and NOT_SENT not in guest.reply_text(), texts
    assert "Mon avis, enfin" in texts, texts  # given back whole, a message of its own


async def test_a_link_visitor_who_erased_their_data_is_told_it_is_closed(world):
    harness, clock = world
    _director, guest, ballot, tick = await guest_at_the_ballot(harness, 7611)
    clock.advance(days=8)  # closed by its date
    await erase(guest)
    await guest.press_data(ballot, tick)
    assert guest.alerts == [CLOSED], guest.alerts


async def test_a_closed_consultation_that_reached_them_no_way_is_still_not_sent_to_them(world):
    harness, clock = world
    director = await join(harness, 7621, "fr", "Coop Sondage")
    await prepare_default(director, "30/11/2026", link=False, lang="fr")
    async with harness.database.transaction() as session:
        ballot = f"cbt:{(await session.exec(select(Consultation))).one().id}:0:1"  # its first choice
    stranger = await join(harness, 7623, "fr", "Coop Voisine")
    clock.advance(days=8)  # closed by its date
    await stranger.send("/dossier")
    await stranger.press_data(stranger.last, ballot)
    assert stranger.alerts == [NOT_SENT], stranger.alerts
