"""Two colleagues with the same first name are told apart wherever the direction must recognise one: the
arrival notice, « 🤝 My team » and the removal's confirmation show the @username when there is one, and a
confirmation about one of several namesakes says which (their number on the list, when they joined)."""

from __future__ import annotations

import pytest

from conversations.render.html import units
from models.tables import Member, MemberRole, User
from tests.conversations.test_team import open_team
from tests.conversations.test_team_rejoin import coop_with_old_links


async def test_namesakes_are_told_apart_by_their_username_in_the_notice_the_list_and_the_confirmation(
    harness,
):
    links = await coop_with_old_links(harness, "Coop Habitat")
    anne = harness.user(6100001, "Anne", "fr")
    await anne.send(f"/start {links.direction_token}")
    dupont = harness.user(6100002, "Camille", "fr")
    dupont.tg["username"] = "cdupont"
    martin = harness.user(6100003, "Camille", "fr")
    for person in (dupont, martin):
        await person.send(f"/start {links.member_token}")
    await harness.run_background()
    notices = [text for text in anne.texts() if text.startswith("🤝 Camille")]
    assert [notice.split("\n")[0] for notice in notices] == [
        "🤝 Camille (@cdupont) a rejoint l’équipe de Coop Habitat (membre).",
        "🤝 Camille a rejoint l’équipe de Coop Habitat (membre).",
    ]
    text = await open_team(anne)
    assert "\n2. Camille (@cdupont)\n3. Camille\n" in text
    assert [b for b in anne.buttons() if b.startswith("➖")] == ["➖ 2. Camille", "➖ 3. Camille"]  # short
    await anne.press("➖ 2. Camille")
    assert anne.last_text.startswith("➖ Retirer Camille (@cdupont) de l’équipe de Coop Habitat\u00a0?")
    await anne.press("🗑 Oui, retirer de l’équipe")
    assert "Camille (@cdupont) ne voit plus le dossier." in anne.last_text
    team = anne.last_text.split("🤝 Équipe")[1].split("🔗")[0]
    assert "\n2. Camille\n" in team and "@cdupont" not in team


async def test_a_namesake_without_username_is_named_by_number_and_arrival_in_the_confirmation(world):
    harness, clock = world
    links = await coop_with_old_links(harness, "Coop Habitat")
    anne = harness.user(6100011, "Anne", "fr")
    await anne.send(f"/start {links.direction_token}")
    for user_id in (6100012, 6100013):
        clock.advance(days=2, hours=3)
        await harness.user(user_id, "Camille", "fr").send(f"/start {links.member_token}")
    bob = harness.user(6100014, "Bob", "fr")
    await bob.send(f"/start {links.member_token}")
    clock.advance(days=1)
    await open_team(anne)
    await anne.press("➖ 3. Camille")
    said = anne.last_text
    assert said.startswith("➖ Retirer Camille de l’équipe de Coop Habitat\u00a0?")
    assert (
        "Plusieurs personnes de l’équipe s’appellent Camille\u00a0: il s’agit du n°\u00a03 de la liste"
        in said
    )
    assert "qui a rejoint l’équipe le vendredi 27 novembre 2026 à 16 h 30." in said
    await anne.press("⬅️")
    await anne.press("➖ 4. Bob")
    assert "Plusieurs personnes" not in anne.last_text  # a name of one person alone: as before


async def test_a_username_is_escaped(harness):
    links = await coop_with_old_links(harness, "Coop Habitat")
    anne = harness.user(6100021, "Anne", "fr")
    await anne.send(f"/start {links.direction_token}")
    odd = harness.user(6100022, "Léa", "fr")
    odd.tg["username"] = "<b>lea&co"
    await odd.send(f"/start {links.member_token}")
    await harness.run_background()
    assert "🤝 Léa (@<b>lea&co) a rejoint" in anne.last_text  # the fake reads the HTML sent back as text
    await open_team(anne)
    assert "\n2. Léa (@<b>lea&co)\n" in anne.last_text
    await anne.press("➖ 2. Léa")
    assert "Retirer Léa (@<b>lea&co) de l’équipe" in anne.last_text


LONGEST = "Marie-Christine " + "é" * 48


@pytest.mark.parametrize("username", [None, "u" * 32], ids=["no username", "longest username"])
async def test_a_page_of_forty_longest_names_with_usernames_stays_one_message(harness, username):
    links = await coop_with_old_links(harness, "Coop des Lilas")
    zoe = harness.user(6100031, "Zoé", "fr")
    await zoe.send(f"/start {links.direction_token}")
    async with harness.database.transaction() as session:
        session.add_all(User(id=6200000 + i, first_name=LONGEST, username=username) for i in range(44))
        await session.flush()
        session.add_all(
            Member(user_id=6200000 + i, coop_id=links.coop.id, role=MemberRole.DIRECTION) for i in range(44)
        )
    text = await open_team(zoe)
    assert len(zoe.replies) == 1 and units(text) <= 4096, [units(r.get("text", "")) for r in zoe.replies]
    assert "\n40. Marie-" in text and "Page 1/2" in text
    if username:
        assert text.count(f"… (@{username})") == 39  # the name cut, the username whole
