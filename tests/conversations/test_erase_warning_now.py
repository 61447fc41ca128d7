"""/supprimer's confirmation says what erasing does when it is pressed, not only when it was asked: a
member of the direction who asked while a colleague was direction too, pressing « 🗑 Yes » after that
colleague left, is shown the last direction's warning first; and the last direction member is not sent
to a direction that will not exist for a new link."""

from __future__ import annotations

from models.tables import User
from tests.conversations.test_team_rejoin import coop_with_old_links

ASK_THE_DIRECTION = "ouvrez son lien d’invitation (ou demandez-en un à sa direction)"
ASK_THE_FEDERATION = "demandez à la fédération un nouveau lien pour la direction"


async def person(harness, user_id: int) -> User | None:
    async with harness.database.transaction() as session:
        return await session.get(User, user_id)


async def test_an_old_confirmation_shows_the_last_directions_warning_before_erasing(harness):
    links = await coop_with_old_links(harness, "Coop Habitat")
    anne = harness.user(6300001, "Anne", "fr")
    paul = harness.user(6300002, "Paul", "fr")
    for director in (anne, paul):
        await director.send(f"/start {links.direction_token}")
    await anne.send("/supprimer")
    old = anne.last
    assert "🚨" not in old["text"] and ASK_THE_DIRECTION in old["text"]
    await paul.send("/supprimer")
    await paul.press("🗑 Oui")
    assert await person(harness, paul.id) is None
    await anne.press("🗑 Oui", old)
    assert await person(harness, anne.id) is not None  # not erased: what erasing does has changed
    said = anne.last_text
    assert "Rien n’a encore été effacé" in said and "🚨 Vous êtes le dernier membre de la direction" in said
    assert ASK_THE_FEDERATION in said and ASK_THE_DIRECTION not in said
    await anne.press("🗑 Oui", anne.last)  # now she has read it: erased
    assert (
        await person(harness, anne.id) is None and "Vos données personnelles sont effacées" in anne.last_text
    )


async def test_a_warning_shown_then_a_colleague_joining_the_direction_still_erases_at_once(harness):
    links = await coop_with_old_links(harness, "Coop Habitat")
    anne = harness.user(6300011, "Anne", "fr")
    await anne.send(f"/start {links.direction_token}")
    await anne.send("/supprimer")
    old = anne.last
    assert "🚨" in old["text"]
    await harness.user(6300012, "Paul", "fr").send(f"/start {links.direction_token}")
    await anne.press("🗑 Oui", old)
    assert await person(harness, anne.id) is None  # the warning said more than now holds: no harm


async def test_the_last_direction_is_pointed_to_the_federation_for_a_new_link_and_a_member_to_the_link(
    harness,
):
    links = await coop_with_old_links(harness, "Coop Habitat")
    anne = harness.user(6300021, "Anne", "fr")
    await anne.send(f"/start {links.direction_token}")
    await anne.send("/supprimer")
    assert "🚨" in anne.last_text
    assert ASK_THE_FEDERATION in anne.last_text and ASK_THE_DIRECTION not in anne.last_text
    bob = harness.user(6300022, "Bob", "fr")
    await bob.send(f"/start {links.member_token}")
    await bob.send("/supprimer")
    assert ASK_THE_DIRECTION in bob.last_text and "🚨" not in bob.last_text
    paul = harness.user(6300023, "Paul", "en")
    await paul.send(f"/start {links.direction_token}")
    await paul.send("/erase")
    assert (
        "open its invitation link (or ask its direction for one)" in paul.last_text
    )  # Anne is direction too
