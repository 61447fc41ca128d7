"""A plain member's dossier home costs what the direction's costs: whether their coop still has a
direction (the home says when it has gone) is read with the visitor, not by a statement of its own."""

from __future__ import annotations

from tests.dossier_steps import choose, join
from tests.unit.test_query_counts import NAVIGATION, counting


async def test_a_members_home_reads_whether_their_coop_has_a_direction_with_the_visitor(harness):
    director = await join(harness, 1211, "fr")
    member = harness.user(1212, language_code="fr")
    await member.send(f"/start {director.invitations.member_token}")
    await choose(member, [1])
    with counting(harness.database.engine) as counted:
        await member.press("🏠 Mon dossier")
    assert "Mon dossier" in member.last_text or "Brouillon" in member.last_text
    assert "plus de direction" not in member.last_text
    reads = [s for s in counted.statements if s.startswith("SELECT")]
    assert not [s for s in reads if " invitation" in s or " auditentry" in s], counted.said()
    assert len(counted.statements) <= NAVIGATION + 2, counted.said()  # the home's indicators, attachments
