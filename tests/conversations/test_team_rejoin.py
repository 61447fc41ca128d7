"""Taken off a coop's team: the links made before no longer let one back in, a new one does; one is
told so, in the chat as in the Mini App; and a member of one coop is shown the way to another."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.web.miniapp.access import Forbidden, open_visit
from bot.web.miniapp.auth import InitData
from models.coops import create_coop, create_invitation, membership
from models.tables import AuditEntry, MemberRole
from tests.conftest import NOW
from tests.conversations.test_team import open_team, shown_token
from tests.dossier_steps import choose, start_own_indicator
from tests.harness import CoopInvitations


async def coop_with_old_links(harness, name: str = "Coop Gamma") -> CoopInvitations:
    """A coop whose federation links were made a month before the bot's now (the harness's own are
    made at the machine's time, later than the bot's NOW)."""
    made = NOW - timedelta(days=30)
    async with harness.database.transaction() as session:
        coop = await create_coop(session, name, now=made)
        direction = await create_invitation(session, coop, MemberRole.DIRECTION, now=made)
        member = await create_invitation(session, coop, MemberRole.MEMBER, now=made)
    return CoopInvitations(coop, direction.token, member.token)


async def member_of(harness, user_id: int):
    async with harness.database.transaction() as session:
        return await membership(session, user_id)


async def test_a_colleague_taken_off_cannot_come_back_with_an_older_link_only_with_a_new_one(harness):
    links = await coop_with_old_links(harness)
    camille = harness.user(4200001, "Camille", "fr")
    await camille.send(f"/start {links.direction_token}")
    bob = harness.user(4200002, "Bob", "fr")
    await bob.send(f"/start {links.member_token}")
    await open_team(camille)
    await camille.press("➖ 2. Bob")
    await camille.press("🗑 Oui, retirer de l’équipe")
    assert "Les liens créés jusqu’ici ne permettent plus à cette personne de revenir," in camille.last_text
    assert "remplacez le lien («\u00a0🔄 Remplacer le lien\u00a0»)" in camille.last_text
    await bob.send(f"/start {links.member_token}")
    assert bob.last_text == (
        "Votre retrait de l’équipe de Coop Gamma date du 23 novembre 2026\u00a0: ce lien est plus ancien et "
        "ne vous permet plus d’entrer. Demandez un nouveau lien à sa direction."
    )
    assert await member_of(harness, bob.id) is None
    assert "1 personne a rejoint" in await open_team(camille)  # nothing changed
    async with harness.database.transaction() as session:  # a real link: not counted as a guess
        failed = (await session.exec(select(AuditEntry).where(AuditEntry.action == "failed_join"))).all()
    assert failed == []
    # the direction takes him back: a link made since the removal lets him in
    await camille.press("🔄 Remplacer le lien")
    await bob.send(f"/start {shown_token(camille.last_text)}")
    assert "Bienvenue\u00a0! Vous avez rejoint Coop Gamma en tant que membre." in bob.texts()[-2]
    assert (await member_of(harness, bob.id))[0].role == MemberRole.MEMBER


async def test_a_direction_taken_off_neither_rejoins_nor_is_promoted_with_the_federations_older_link(harness):
    links = await coop_with_old_links(harness)
    zelie = harness.user(4200003, "Zélie", "fr")
    await zelie.send(f"/start {links.direction_token}")
    async with harness.database.transaction() as session:  # the federation appoints Eve
        eve_link = await create_invitation(
            session, links.coop, MemberRole.DIRECTION, now=NOW - timedelta(days=1)
        )
    eve = harness.user(4200004, "Eve", "fr")
    await eve.send(f"/start {eve_link.token}")
    await open_team(eve)
    await eve.press("➖ 1. Zélie")
    await eve.press("🗑 Oui, retirer de l’équipe")
    await zelie.send(f"/start {links.direction_token}")
    assert zelie.last_text == (
        "Votre retrait de l’équipe de Coop Gamma date du 23 novembre 2026\u00a0: ce lien est plus ancien et "
        "ne vous permet plus d’entrer. Demandez un nouveau lien à la fédération."
    )
    assert await member_of(harness, zelie.id) is None
    # Eve takes her back as a colleague: the older direction link does not make her the direction again
    await open_team(eve)
    await eve.press("🔄 Remplacer le lien")
    await zelie.send(f"/start {shown_token(eve.last_text)}")
    await zelie.send(f"/start {links.direction_token}")  # on the team again: not « you were taken off »
    assert zelie.last_text == (
        "Vous faites partie de l’équipe de Coop Gamma en tant que membre. Ce lien de direction date d’avant "
        "votre retrait de l’équipe (23 novembre 2026)\u00a0: il ne fonctionne plus pour vous. Pour rejoindre "
        "la direction, demandez un nouveau lien à la fédération."
    )
    assert (await member_of(harness, zelie.id))[0].role == MemberRole.MEMBER


async def test_a_member_of_another_coop_is_shown_the_way_out_and_then_joins(harness):
    alpha = await harness.add_coop("Coop Alpha")
    beta = await harness.add_coop("Coop Beta")
    camille = harness.user(4200005, "Camille", "fr")
    await camille.send(f"/start {alpha.direction_token}")
    dana = harness.user(4200006, "Dana", "fr")
    await dana.send(f"/start {alpha.member_token}")
    await dana.send(f"/start {beta.member_token}")
    assert dana.last_text == (
        "Vous êtes déjà membre de Coop Alpha. Ce lien concerne une autre coopérative\u00a0: rien n’a été "
        "modifié. Si vous avez changé de coopérative, demandez à la direction de Coop Alpha de vous retirer "
        "de son équipe («\u00a0🤝 Mon équipe\u00a0»), puis ouvrez à nouveau ce lien."
    )
    await camille.send(f"/start {beta.member_token}")  # the only direction: nobody there takes her off
    assert "Vous êtes le seul membre de la direction de Coop Alpha" in camille.last_text
    assert "autre membre de la direction" not in camille.last_text
    await open_team(camille)
    await camille.press("➖ 2. Dana")
    await camille.press("🗑 Oui, retirer de l’équipe")
    await dana.send(f"/start {beta.member_token}")  # the path said works
    assert "Vous avez rejoint Coop Beta en tant que membre." in dana.texts()[-2]
    assert (await member_of(harness, dana.id))[1].id == beta.coop.id


async def test_a_colleague_taken_off_at_a_question_is_told_so_and_given_the_text_back(harness):
    links = await coop_with_old_links(harness, "Coop Alpha")
    camille = harness.user(4200007, "Camille", "fr")
    await camille.send(f"/start {links.direction_token}")
    await choose(camille, [1])
    bob = harness.user(4200008, "Bob", "fr")
    await bob.send(f"/start {links.member_token}")
    await start_own_indicator(bob, 1)  # « Quel est le nom de l’indicateur ? »
    question = bob.last
    await open_team(camille)
    await camille.press("➖ 2. Bob")
    await camille.press("🗑 Oui, retirer de l’équipe")
    told = (
        "Vous ne faites plus partie de l’équipe de Coop Alpha depuis le 23 novembre 2026, sur décision de sa "
        "direction. S’il s’agit d’une erreur, demandez-lui un nouveau lien d’invitation."
    )
    typed = "Part des logements BRS dans la production"
    await bob.send(typed)
    assert bob.texts()[-2:] == [
        f"⚠️ {told}\nVoici ce que vous aviez écrit, pour ne pas le perdre\u00a0:",
        typed,
    ]
    await bob.press("⬅️", question)  # a button of the question
    assert bob.last_text == told
    await bob.send("/dossier")
    assert bob.last_text == told
    # the Mini App's refusal says the same (``bot.web.miniapp.api`` answers with it, when it uses ``said``)
    init = InitData(bob.id, "Bob", "fr", NOW)
    async with harness.database.transaction() as session:
        with pytest.raises(Forbidden) as refused:
            await open_visit(session, harness.application.bot_data, init, None)
    assert refused.value.said == told
    stranger = harness.user(4200009, "Léa", "fr")  # never in a coop: as before
    await stranger.send("/dossier")
    assert "Vous ne faites pas encore partie d’une coopérative" in stranger.last_text


async def test_a_colleague_taken_off_who_erased_their_data_comes_back_by_an_older_link_and_the_direction_hears(
    harness,
):
    links = await coop_with_old_links(harness)
    camille = harness.user(4200010, "Camille", "fr")
    await camille.send(f"/start {links.direction_token}")
    bob = harness.user(4200011, "Bob", "en")
    await bob.send(f"/start {links.member_token}")
    await harness.run_background()
    assert camille.last_text == (  # every arrival is told to the direction, in its language
        "🤝 Bob a rejoint l’équipe de Coop Gamma (membre).\nCette personne ne fait pas partie de votre "
        "coopérative\u00a0? Retirez-la de l’équipe depuis «\u00a0🤝 Mon équipe\u00a0»."
    )
    assert camille.buttons() == ["🤝 Mon équipe"]
    await open_team(camille)
    await camille.press("➖ 2. Bob")
    await camille.press("🗑 Oui, retirer de l’équipe")
    said = "sauf si elle efface ses données dans l’assistant\u00a0: elle revient alors comme une nouvelle "
    assert said + "personne, et chaque arrivée dans l’équipe vous est signalée." in camille.last_text
    await bob.send("/erase")
    await bob.press("🗑 Yes, erase my data")
    await bob.send(f"/start {links.member_token}")  # the removal no longer knows him: a new person
    assert "You have joined Coop Gamma as a member." in bob.texts()[-2]
    await harness.run_background()
    assert camille.last_text.startswith("🤝 Bob a rejoint l’équipe de Coop Gamma (membre).")
    await camille.press("🤝 Mon équipe", camille.last)
    assert "2. Bob" in camille.last_text and "➖ 2. Bob" in camille.buttons()


async def test_the_direction_hears_of_a_promotion_but_not_of_its_own_arrival(harness):
    links = await coop_with_old_links(harness)
    camille = harness.user(4200012, "Camille", "fr")
    await camille.send(f"/start {links.direction_token}")
    eve = harness.user(4200013, "Eve", "en")
    await eve.send(f"/start {links.direction_token}")
    dana = harness.user(4200014, "Dana", "fr")
    await dana.send(f"/start {links.member_token}")
    await dana.send(f"/start {links.direction_token}")
    await harness.run_background()
    assert [t.split("\n")[0] for t in camille.texts() if t.startswith("🤝")] == [
        "🤝 Eve a rejoint l’équipe de Coop Gamma (membre de la direction).",
        "🤝 Dana a rejoint l’équipe de Coop Gamma (membre).",
        "🤝 Dana fait désormais partie de la direction de Coop Gamma.",
    ]
    assert [t.split("\n")[0] for t in eve.texts() if t.startswith("🤝")] == [
        "🤝 Dana joined the team of Coop Gamma (member).",
        "🤝 Dana is now part of the direction of Coop Gamma.",
    ]
    assert not [t for t in dana.texts() if t.startswith("🤝 Dana")]
    promoted = next(t for t in camille.texts() if "fait désormais partie de la direction" in t)
    assert "le lien a pu circuler" in promoted and "Retirez-la" not in promoted  # a known colleague
