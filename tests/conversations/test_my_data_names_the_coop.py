"""/mesdonnees names the coop of a membership and of each line of the audit trail: someone who moved coops
tells them apart (« Votre coopérative (1) • Rôle : membre » and « a rejoint l’équipe » twice named none)."""

from __future__ import annotations

from tests.conversations.test_personal_data import document_content
from tests.dossier_steps import choose, join, open_home


async def test_my_data_names_the_coop_of_the_membership_and_of_the_audit(harness):
    cam = await join(harness, 9431, "en", "Coop Première")
    bob = harness.user(9432, "Bob", "en")
    await bob.send(f"/start {cam.invitations.member_token}")
    await choose(bob, [1])
    await open_home(cam)
    await cam.press("🤝 My team")
    await cam.press("➖ 2.")
    await cam.press("🗑 Yes, take them off the team")
    other = await join(harness, 9433, "en", "Coop Voisine")
    await bob.send(f"/start {other.invitations.member_token}")
    await bob.send("/mydata")
    readable = document_content(harness, [m for m in bob.replies if "document" in m][1]).decode()
    membership = readable.split("Your coop (1)")[1].split("\n\n\n")[0]
    assert "• Coop: Coop Voisine\n  Role: member" in membership, membership
    audit = readable.split("What you wrote or changed (audit trail)")[1].split("\n\n\n")[0]
    lines = [line for line in audit.splitlines() if " — " in line]
    assert sum(line.endswith("— Coop Première — joined the team: member") for line in lines) == 1, audit
    assert sum(line.endswith("— Coop Voisine — joined the team: member") for line in lines) == 1, audit
    assert any(line.endswith("— Coop Première — engagement 1 chosen") for line in lines), audit
