"""Refused on reading, the direction prepares a new candidacy: the same dossier becomes a draft again.

Before: its colleagues, told by the decision « your direction may prepare a new one », never heard that
it did (only a new cycle after a label not granted was told). Now they are told who prepared it and that
the dossier is a draft again, to improve with /dossier, in their own language."""

from __future__ import annotations

from tests.conversations.test_committee_changes import submitted_by_dominique
from tests.conversations.test_label_journey import decide
from tests.dossier_steps import open_home


async def test_colleagues_hear_that_the_dossier_refused_on_reading_is_a_draft_again(world):
    harness, clock = world
    director, committee = await submitted_by_dominique(harness, 701, "Coop Horizon")
    sam = harness.user(702, "Sam", "fr")
    await sam.send(f"/start {director.invitations.member_token}")
    alex = harness.user(703, "Alex", "en")
    await alex.send(f"/start {director.invitations.member_token}")
    await harness.run_background()
    clock.advance(days=2)
    await decide(committee, "Coop Horizon", "⛔ ", "Dossier trop léger.")
    assert "Votre direction peut en préparer une nouvelle" in sam.last_text, sam.last_text
    heard = len(sam.messages), len(alex.messages)
    await open_home(director)
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")
    assert "Le dossier est de nouveau un brouillon" in director.last_text, director.last_text
    await harness.run_background()
    told = "\n".join(sam.texts()[heard[0] :])
    assert (
        "📝 Dominique a préparé une nouvelle candidature de Coop Horizon\u00a0: le dossier est de nouveau "
        "un brouillon, à améliorer avec /dossier." in told
    ), told
    assert "cycle" not in told, told  # the same dossier: no new cycle to name
    told = "\n".join(alex.texts()[heard[1] :])
    assert "Dominique prepared a new candidacy of Coop Horizon: the dossier is a draft again" in told, told
