"""The reminder of a checkpoint invites each member to prepare the bilan d'étape in words fitting their
role, as the /bilan screen does: the direction reads that it sends it, the others that their direction
does. Each recipient's role is read with the pending reminders, in the same statement."""

from __future__ import annotations

import re
from datetime import date, datetime, time

from bot.delivery.reminders import sweep_reminders
from models.clock import PARIS
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide


async def test_the_direction_reads_that_it_sends_the_bilan_a_member_that_the_direction_does(world):
    """Admissible on 31 August 2026: the 6-month checkpoint on 28 February 2027, reminded 30 days before."""
    harness, clock = world
    director, committee = await submitted_coop(harness)
    member = harness.user(702, "Sam", "en")
    await member.send(f"/start {director.invitations.member_token}")
    colleague = harness.user(703, "Lou", "fr")
    await colleague.send(f"/start {director.invitations.member_token}")
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    clock.now = datetime.combine(date(2027, 1, 29), time(9, 5), tzinfo=PARIS)
    before = len(harness.fake.calls)
    await sweep_reminders(harness.application)
    received = {
        call.chat_id: re.sub(r"<[^>]+>", "", call.params["text"])
        for call in harness.fake.calls[before:]
        if call.method == "sendMessage"
    }
    french = received[director.id]
    assert "Point d’étape à 6 mois" in french
    assert "En tant que direction, c’est vous qui l’envoyez au comité." in french, french
    assert "Votre direction l’envoie" not in french
    assert "Your direction sends it to the committee." in received[member.id]
    assert "Votre direction l’envoie au comité." in received[colleague.id]
