"""The ways out of a team, said as they are: a director taken off is not let back in by the direction
link unnoticed, the only director is not sent to a direction that does not exist, a coop left with
no direction says so (and the federation is told), every colleague of a large team can be taken off,
and /supprimer, /aide and /mesdonnees say what is true for who reads them."""

from __future__ import annotations

import pytest

from conversations.render.html import units
from models.tables import Member, MemberRole, User
from tests.conftest import ADMIN_ID, NOW
from tests.conversations.test_personal_data_readable import readable_of
from tests.conversations.test_team import open_team
from tests.conversations.test_team_rejoin import coop_with_old_links
from tests.dossier_steps import choose

TO_THE_FEDERATION = "Demandez à la fédération (/federation) de le retirer et d’en créer un nouveau."


async def test_a_director_taken_off_who_comes_back_by_the_direction_link_is_no_loop_for_the_other(harness):
    alpha = await coop_with_old_links(harness, "Coop Alpha")
    cam = harness.user(5300001, "Camille", "fr")
    dana = harness.user(5300002, "Dana", "fr")
    bob = harness.user(5300003, "Bob", "fr")
    await cam.send(f"/start {alpha.direction_token}")
    await dana.send(f"/start {alpha.direction_token}")
    await bob.send(f"/start {alpha.member_token}")
    await open_team(dana)
    await dana.press("➖ 3. Bob")
    await dana.press("🗑 Oui, retirer de l’équipe")
    assert TO_THE_FEDERATION not in dana.last_text  # a colleague: replacing the colleagues' link is enough
    await dana.press("➖ 1. Camille")
    await dana.press("🗑 Oui, retirer de l’équipe")
    # the direction link is the federation's: replacing the colleagues' one does not stop it
    assert "le lien de direction de la fédération fonctionne toujours" in dana.last_text
    assert TO_THE_FEDERATION in dana.last_text
    await cam.send("/supprimer")
    await cam.press("🗑")
    await harness.run_background()  # the earlier news (Bob's arrival) out of the way
    await cam.send(f"/start {alpha.direction_token}")  # a new person: the direction again
    seen = len(dana.messages)
    await harness.run_background()
    news = "\n".join(m.get("text", "") for m in dana.messages[seen:])
    assert news.startswith("🤝 Camille a rejoint l’équipe de Coop Alpha (membre de la direction).")
    # not « take them off » alone (she would come back by the same link): the link is to withdraw
    assert "demandez à la fédération de le retirer et d’en créer un nouveau" in news
    assert "ne fait pas partie de votre coop" not in news


async def test_the_only_director_moving_to_another_coop_is_shown_the_way_out_there_is(harness):
    alpha = await coop_with_old_links(harness, "Coop Alpha")
    beta = await coop_with_old_links(harness, "Coop Beta")
    zoe = harness.user(5300004, "Zoé", "en")
    await zoe.send(f"/start {alpha.direction_token}")
    await zoe.send(f"/start {beta.member_token}")
    assert "You are the only member of the direction of Coop Alpha" in zoe.last_text
    assert "erase your data with /erase" in zoe.last_text and "(/federation)" in zoe.last_text
    assert "another member of the direction" not in zoe.last_text
    eve = harness.user(5300005, "Eve", "en")  # with a second director, she is the way out
    await eve.send(f"/start {alpha.direction_token}")
    await zoe.send(f"/start {beta.member_token}")
    assert "ask another member of the direction of Coop Alpha to take you off" in zoe.last_text


async def test_a_coop_left_without_direction_says_so_and_the_federation_is_told(harness):
    alpha = await coop_with_old_links(harness, "Coop Alpha")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    zoe = harness.user(5300006, "Zoé", "fr")
    await zoe.send(f"/start {alpha.direction_token}")
    carol = harness.user(5300007, "Carol", "fr")
    await carol.send(f"/start {alpha.member_token}")
    assert "demandez le lien de la coopérative à votre direction" in await open_team(carol)
    await harness.run_background()
    await zoe.send("/supprimer")
    assert "La fédération en est informée." in zoe.last_text
    await zoe.press("🗑")
    text = await open_team(carol)
    assert "à votre direction" not in text
    assert "Coop Alpha n’a plus aucun membre de la direction dans l’assistant" in text
    assert "elle seule peut inviter une nouvelle direction" in text
    await harness.run_background()
    told = [t for t in admin.texts() if t.startswith("🏛 Coop Alpha n’a plus de direction dans l’assistant")]
    assert len(told) == 1 and "qualicoop coop invite" in told[0], admin.texts()
    assert not [t for t in carol.texts() if t.startswith("🏛")]  # the federation's news, not the team's


async def test_every_colleague_of_a_large_team_can_be_taken_off_a_page_at_a_time(harness):
    alpha = await coop_with_old_links(harness, "Coop Alpha")
    zoe = harness.user(5300008, "Zoé", "fr")
    await zoe.send(f"/start {alpha.direction_token}")
    async with harness.database.transaction() as session:
        session.add_all(User(id=5400000 + i, first_name=f"Membre {i + 2}") for i in range(120))
        await session.flush()
        session.add_all(
            Member(user_id=5400000 + i, coop_id=alpha.coop.id, role=MemberRole.MEMBER, joined_at=NOW)
            for i in range(120)
        )
    text = await open_team(zoe)
    assert len(zoe.replies) == 1  # the header with its names, in one message
    assert text.startswith(
        "🤝 Équipe — Coop Alpha\n121 personnes ont rejoint\n\n1. Zoé — membre de la direction\n"
    )
    assert "40. Membre 40" in text and "41." not in text and "Page 1/4" in text
    assert [b for b in zoe.buttons() if b.startswith("➖")][-1] == "➖ 40. Membre 40"
    for _ in range(3):
        await zoe.press("➡️")
    assert "Page 4/4" in zoe.last_text and "121. Membre 121" in zoe.last_text
    assert "➡️" not in zoe.buttons() and "⬅️" in zoe.buttons()
    await zoe.press("➖ 121. Membre 121")
    await zoe.press("🗑 Oui, retirer de l’équipe")
    assert "Membre 121 ne voit plus le dossier." in zoe.last_text
    assert "120 personnes ont rejoint" in zoe.last_text and "Page 3/3" in zoe.last_text
    await zoe.press("⬅️")
    assert "Page 2/3" in zoe.last_text and "➖ 41. Membre 41" in zoe.buttons()


# Telegram's first names go to 64 characters, last names too; « R&D » is 7 units in the HTML sent, which
# split_text counts: 40 such names measured as typed came to 4,510 units, two messages
LONGEST = ["Marie-Christine " + "é" * 48, ("R&D " * 16).strip()]


@pytest.mark.parametrize("longest", LONGEST, ids=["accents", "ampersands"])
async def test_a_page_of_forty_of_telegram_s_longest_names_stays_one_message(harness, longest):
    alpha = await coop_with_old_links(harness, "Coop des Lilas")
    zoe = harness.user(5300009, "Zoé", "fr")
    await zoe.send(f"/start {alpha.direction_token}")
    async with harness.database.transaction() as session:
        session.add_all(User(id=5420000 + i, first_name=longest, last_name=longest) for i in range(44))
        await session.flush()
        session.add_all(
            Member(user_id=5420000 + i, coop_id=alpha.coop.id, role=MemberRole.DIRECTION, joined_at=NOW)
            for i in range(44)
        )
    text = await open_team(zoe)
    assert len(zoe.replies) == 1 and units(text) <= 4096, [units(r.get("text", "")) for r in zoe.replies]
    assert f"\n40. {longest[:6]}" in text and "…" in text and "Page 1/2" in text  # each still told apart
    sent = len(zoe.messages)
    await zoe.press("➡️")
    assert len(zoe.messages) == sent and "Page 2/2" in zoe.last_text  # turned in place
    await zoe.press("⬅️")
    assert len(zoe.messages) == sent and "Page 1/2" in zoe.last_text


async def test_someone_taken_off_who_erases_their_data_is_told_their_contributions_stay(harness):
    alpha = await coop_with_old_links(harness, "Coop Alpha")
    zoe = harness.user(5300009, "Zoé", "fr")
    await zoe.send(f"/start {alpha.direction_token}")
    bob = harness.user(5300010, "Bob", "fr")
    await bob.send(f"/start {alpha.member_token}")
    await choose(bob, [1, 2])
    await open_team(zoe)
    await zoe.press("➖ 2. Bob")
    await zoe.press("🗑 Oui, retirer de l’équipe")
    await bob.send("/supprimer")
    assert (
        "Vos contributions au dossier restent\u00a0: elles sont attribuées à «\u00a0ancien membre\u00a0»."
        in (bob.last_text)
    )
    assert "Pour rejoindre votre coopérative" not in bob.last_text  # he is on no team: no « your coop »
    stranger = harness.user(5300011, "Léa", "fr")  # never on a team: nothing of a dossier
    await stranger.send("/start")
    await stranger.send("/supprimer")
    assert "contributions" not in stranger.last_text


async def test_help_for_someone_in_no_coop_says_how_to_join_instead_of_commands_they_cannot_use(harness):
    neo = harness.user(5300012, "Neo", "fr")
    await neo.send("/aide")
    assert "ouvrez le lien d’invitation que sa direction (ou la fédération) vous a envoyé" in neo.last_text
    assert "/recap" not in neo.last_text and "/pdf" not in neo.last_text and "/bilan" not in neo.last_text
    assert "/langue" in neo.last_text and "/supprimer" in neo.last_text
    alpha = await coop_with_old_links(harness, "Coop Alpha")
    await neo.send(f"/start {alpha.member_token}")
    await neo.send("/aide")  # once in, the coop's commands
    assert "/recap" in neo.last_text and "lien d’invitation" not in neo.last_text


async def test_my_data_says_the_director_took_a_colleague_off_not_that_she_was_taken_off(harness):
    alpha = await coop_with_old_links(harness, "Coop Alpha")
    dana = harness.user(5300013, "Dana", "en")
    await dana.send(f"/start {alpha.direction_token}")
    bob = harness.user(5300014, "Bob", "fr")
    await bob.send(f"/start {alpha.member_token}")
    await dana.send("/dossier")
    await dana.press("🤝")
    await dana.press("➖ 2. Bob")
    await dana.press("🗑 Yes, take them off")
    readable = await readable_of(harness, dana)
    assert "— took a colleague off the team" in readable
    assert "— taken off the team" not in readable


async def test_the_federation_reads_the_name_of_a_coop_left_without_direction_as_it_is_written(harness):
    habitat = await coop_with_old_links(harness, "Habitat & Co")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    zoe = harness.user(5300011, "Zoé", "fr")
    await zoe.send(f"/start {habitat.direction_token}")
    await harness.run_background()
    await zoe.send("/supprimer")
    await zoe.press("🗑")
    await harness.run_background()
    told = [t for t in admin.texts() if t.startswith("🏛")]
    assert told and told[0].startswith("🏛 Habitat & Co n’a plus de direction dans l’assistant"), told
