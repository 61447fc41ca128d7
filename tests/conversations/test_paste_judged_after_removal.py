"""A colleague taken off the team while a long paste of theirs waits to be judged is told they were taken
off, as for anything else they send, with their text back whole; they were told « what you were answering
was deleted meanwhile, perhaps by a colleague », which was not what happened."""

from __future__ import annotations

from models.coops import create_coop, create_invitation
from models.tables import MemberRole
from tests.dossier_steps import open_home

NBSP = "\u00a0"
TYPED = "Notre démarche associe chaque salarié et chaque coopérateur. " * 8  # long: waits for its parts


async def team_of_two(harness):
    """Camille (direction) and Bob (member) of Coop Habitat, invited at the harness's own clock (a removal
    is compared with the invitation that brought the person back)."""
    now = harness.clock()
    async with harness.database.transaction() as session:
        coop = await create_coop(session, "Coop Habitat", None, now=now)
        direction = await create_invitation(session, coop, MemberRole.DIRECTION, now=now)
        member = await create_invitation(session, coop, MemberRole.MEMBER, now=now)
    camille, bob = harness.user(7201, "Camille", "fr"), harness.user(7202, "Bob", "fr")
    await camille.send(f"/start {direction.token}")
    await bob.send(f"/start {member.token}")
    return camille, bob


async def test_a_paste_judged_after_its_author_was_taken_off_says_so(world):
    harness, clock = world
    camille, bob = await team_of_two(harness)
    await open_home(bob)
    await bob.press("👥")
    await bob.press("✏️ Démarche")
    await bob.send(TYPED)
    assert not bob.replies or "Démarche" not in bob.reply_text()  # waiting for its other parts
    clock.advance(minutes=1)
    await camille.send("/dossier")
    await camille.press("🤝")
    await camille.press("➖ 2. Bob")
    await camille.press("🗑 Oui")
    clock.advance(minutes=1)

    said = "\n".join(m.get("text", "") for m in await harness.settle(bob.id)).replace(NBSP, " ")
    assert TYPED.strip() in said  # given back whole
    assert "supprimé entre-temps" not in said, said
    assert "Vous ne faites plus partie de l’équipe de Coop Habitat" in said, said
    assert not harness.errors
    async with harness.database.transaction() as session:
        from models.dossier.current import current_dossier

        dossier = await current_dossier(session, 1)
        assert dossier.approach is None  # nothing stored
