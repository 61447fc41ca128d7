"""One's own invitation link, opened again once it has expired or been withdrawn: someone on that link's
coop team is told so and shown the dossier, as by a live link, never sent for a new link nor counted as
guessing; anyone else (a stranger, a member of another coop, a person taken off that team) is refused as
before (the member of another coop told they are in theirs already), and learns nothing more of the coop."""

from __future__ import annotations

from sqlmodel import select

from models.coops import FAILED_JOINS_ALLOWED, create_coop, create_invitation, revoke_invitation
from models.tables import AuditEntry, MemberRole
from tests.conversations.test_team import open_team
from tests.harness import CoopInvitations

EXPIRED = (
    "Ce lien d’invitation a expiré. Demandez-en un nouveau à la direction de votre coopérative ou à la "
    "fédération."
)
WITHDRAWN = "Ce lien d’invitation a été désactivé."
IN_BETA = "ℹ️ Ce lien d’invitation {}. Vous faites déjà partie de Coop Beta\u00a0: /dossier ouvre son dossier."
PAST_THE_LINKS = 120  # days: the links' 90 are over


async def coop_with_links(harness, clock, name: str = "Coop Alpha") -> CoopInvitations:
    """A coop whose links are made at the bot's now (the harness's own are made at the machine's time)."""
    async with harness.database.transaction() as session:
        coop = await create_coop(session, name, now=clock())
        direction = await create_invitation(session, coop, MemberRole.DIRECTION, now=clock())
        member = await create_invitation(session, coop, MemberRole.MEMBER, now=clock())
    return CoopInvitations(coop, direction.token, member.token)


async def failed_joins(harness, user_id: int) -> int:
    async with harness.database.transaction() as session:
        found = select(AuditEntry).where(AuditEntry.action == "failed_join", AuditEntry.actor_id == user_id)
        return len((await session.exec(found)).all())


async def test_a_member_opening_their_expired_link_is_told_they_are_on_the_team_as_by_a_live_one(world):
    harness, clock = world
    links = await coop_with_links(harness, clock)
    await harness.user(1001, "Camille", "fr").send(f"/start {links.direction_token}")
    sam = harness.user(1002, "Sam", "fr")
    await sam.send(f"/start {links.member_token}")
    await sam.send(f"/start {links.member_token}")  # the link still live
    live = sam.reply_text()
    assert live.startswith("✅ Vous faites déjà partie de Coop Alpha en tant que membre.\n"), live
    clock.advance(days=PAST_THE_LINKS)

    for _ in range(FAILED_JOINS_ALLOWED + 1):
        await sam.send(f"/start {links.member_token}")
        assert sam.reply_text() == live
    assert sam.last_text.startswith("🏠 Dossier Quali’Coop — Coop Alpha\n")  # the dossier's home
    assert await failed_joins(harness, sam.id) == 0


async def test_the_director_opening_their_withdrawn_or_expired_link_is_not_sent_to_themselves(world):
    harness, clock = world
    links = await coop_with_links(harness, clock)
    camille = harness.user(1001, "Camille", "fr")
    await camille.send(f"/start {links.direction_token}")
    async with harness.database.transaction() as session:
        await revoke_invitation(session, links.direction_token, now=clock())
    await camille.send(f"/start {links.direction_token}")
    said = camille.reply_text()
    assert said.startswith(
        "✅ Vous faites déjà partie de Coop Alpha en tant que membre de la direction.\n"
    ), said
    clock.advance(days=PAST_THE_LINKS)
    await camille.send(f"/start {links.member_token}")  # the colleagues' link, expired
    said = camille.reply_text()
    assert said.startswith(
        "✅ Vous faites déjà partie de Coop Alpha en tant que membre de la direction.\n"
    ), said
    assert await failed_joins(harness, camille.id) == 0


async def test_a_member_is_not_made_direction_by_an_expired_direction_link_and_asks_the_federation(world):
    harness, clock = world
    links = await coop_with_links(harness, clock)
    await harness.user(1001, "Camille", "fr").send(f"/start {links.direction_token}")
    sam = harness.user(1002, "Sam", "fr")
    await sam.send(f"/start {links.member_token}")
    clock.advance(days=PAST_THE_LINKS)
    await sam.send(f"/start {links.direction_token}")
    assert sam.reply_text() == (
        "Vous faites partie de l’équipe de Coop Alpha en tant que membre. Ce lien de direction a expiré\u00a0: "
        "il ne fonctionne plus. Pour rejoindre la direction, demandez un nouveau lien à la fédération."
    )
    assert "Sam" in await open_team(harness.user(1001, "Camille", "fr"))
    async with harness.database.transaction() as session:
        roles = (await session.exec(select(AuditEntry).where(AuditEntry.field == "role"))).all()
    assert roles == []  # not promoted
    assert await failed_joins(harness, sam.id) == 0


async def test_a_stranger_a_member_of_another_coop_and_a_colleague_taken_off_are_refused_as_before(world):
    harness, clock = world
    links = await coop_with_links(harness, clock)
    camille = harness.user(1001, "Camille", "fr")
    await camille.send(f"/start {links.direction_token}")
    bob = harness.user(1002, "Bob", "fr")
    await bob.send(f"/start {links.member_token}")
    await open_team(camille)
    await camille.press("➖ 2. Bob")
    await camille.press("🗑 Oui, retirer de l’équipe")
    other = await coop_with_links(harness, clock, "Coop Beta")
    lou = harness.user(1003, "Lou", "fr")
    await lou.send(f"/start {other.member_token}")
    stranger = harness.user(1004, "Zoé", "fr")
    clock.advance(days=PAST_THE_LINKS)

    for person in (bob, lou, stranger):
        await person.send(f"/start {links.member_token}")
        # a member of another coop needs no link: told where they are, and their way on
        assert person.reply_text() == (IN_BETA.format("a expiré") if person is lou else EXPIRED)
        assert await failed_joins(harness, person.id) == 1
    async with harness.database.transaction() as session:
        await revoke_invitation(session, links.direction_token, now=clock())
    for person in (bob, lou, stranger):
        await person.send(f"/start {links.direction_token}")
        assert person.reply_text().startswith(
            IN_BETA.format("a été désactivé") if person is lou else WITHDRAWN
        )
        assert "Alpha" not in person.reply_text()
        assert await failed_joins(harness, person.id) == 2
