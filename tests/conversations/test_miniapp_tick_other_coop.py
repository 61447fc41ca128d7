"""Léa worked on Coop A's dossier, was taken off its team and joined Coop B, with A's page still open.
Ticking or unticking an engagement there was refused with the chat's words for a stale button (« Ce
bouton ne concerne pas le dossier de votre coopérative, ou ce qu’il désignait a été supprimé. »), under a
checkbox, and nothing had been removed. Now it is refused as every other change to another coop's dossier
(« Ce dossier n’est pas le dossier en cours de votre coopérative… »), and nothing changes."""

from __future__ import annotations

from models.tables import Coop
from models.team import remove_teammate
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.conversations.test_miniapp_other_coops_rows import NOT_THEIR_DOSSIER
from tests.hardening.world import dump


async def lea_moved_to_another_coop(harness) -> tuple[object, int]:
    """Léa, in Coop A's team then taken off it and now Coop B's direction; Coop A's dossier id."""
    director, page = await coop_with_indicator(harness, 8931, "Coop A")
    lea = harness.user(8932, first_name="Léa")
    await lea.send(f"/start {director.invitations.member_token}")
    async with harness.database.transaction() as session:
        coop = await session.get(Coop, director.invitations.coop.id)
        await remove_teammate(session, coop, lea.id, director.id, harness.clock())
    coop_b = await harness.add_coop("Coop B")
    await lea.send(f"/start {coop_b.direction_token}")
    return lea, page["dossier"]["id"]


async def test_a_tick_or_untick_on_the_former_coops_dossier_is_said_not_their_dossier(web_harness):
    lea, former = await lea_moved_to_another_coop(web_harness)
    before = await dump(web_harness)
    async with client(web_harness) as http:
        assert (await http.get("/app/api/dossier", headers=auth(lea))).json()["dossier"]["id"] != former
        for tick in ({"code": 2, "chosen": True}, {"code": 1, "chosen": False}):
            answer = await http.post(
                "/app/api/engagement", headers=auth(lea), json={"dossier": former, **tick}
            )
            assert answer.status_code == 403, answer.text
            assert answer.json() == {"error": NOT_THEIR_DOSSIER}, tick
    assert await dump(web_harness) == before
