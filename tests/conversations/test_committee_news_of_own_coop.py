"""A committee member on a coop's team is told of its dossier once, as one of its team: never the
committee's news of his own act (« 📥 Nouveau dossier soumis » after submitting it, the bilan's news
after sending it), nor, a plain member, the committee's news on top of his coop's « X a soumis… » (he
does not decide on his own coop: ``committee.choices.own_coop``). The other committee members are told."""

from __future__ import annotations

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_bilan_cycles import send_bilan
from tests.conversations.test_bilans import admissible_coop
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import submit

CLAUDE = 8100  # on the committee, direction of Coop Horizon
ARIANE = 8200  # on the committee, in no coop
LOU = 8300  # on the committee, a plain member of Coop Horizon


def said_since(user, seen: int) -> list[str]:
    return [m.get("caption") or m.get("text") or "" for m in user.messages[seen:]]


async def on_the_committee(harness, *user_ids: int) -> None:
    async with harness.database.transaction() as session:
        for user_id in user_ids:
            await grant_federation_role(session, user_id, FederationRoleName.COMMITTEE)


async def test_committee_members_of_the_coop_are_told_of_its_submission_once_as_its_team(world):
    harness, _clock = world
    inv = await harness.add_coop("Coop Horizon", "Bretagne")
    claude, ariane, lou = (harness.user(CLAUDE, "Claude", "fr"), harness.user(ARIANE, "Ariane", "fr"),
                           harness.user(LOU, "Lou", "fr"))  # fmt: skip
    await on_the_committee(harness, CLAUDE, ARIANE, LOU)
    await claude.send(f"/start {inv.direction_token}")
    await lou.send(f"/start {inv.member_token}")
    await ariane.send("/start")
    await complete_dossier(claude)
    await harness.run_background()
    seen = {user.id: len(user.messages) for user in (claude, ariane, lou)}
    await submit(claude)
    assert "Le dossier a été soumis au comité de validation" in claude.reply_text()
    seen[CLAUDE] = len(claude.messages)
    await harness.run_background()

    to_ariane = said_since(ariane, seen[ARIANE])
    assert [text for text in to_ariane if "Nouveau dossier soumis" in text], to_ariane
    assert said_since(claude, seen[CLAUDE]) == []  # his own act: his confirmation is enough
    to_lou = said_since(lou, seen[LOU])
    assert len(to_lou) == 1 and to_lou[0].startswith("📤 Claude a soumis le dossier"), to_lou


async def test_the_direction_on_the_committee_is_not_told_of_the_bilan_it_sent(world):
    harness, _clock = world
    director, _member, committee = await admissible_coop(harness, "Coop Bilan")
    await on_the_committee(harness, director.id)
    await harness.run_background()
    seen_director, seen_committee = len(director.messages), len(committee.messages)
    await send_bilan(director, "Peu de locataires aux réunions.")
    seen_director = len(director.messages)
    await harness.run_background()
    to_committee = said_since(committee, seen_committee)
    assert [text for text in to_committee if "Coop Bilan" in text], to_committee
    assert said_since(director, seen_director) == []
