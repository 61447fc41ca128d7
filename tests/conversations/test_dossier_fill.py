"""The set-ups' dossier filled without the chat (``tests.dossier_fill``) is the one the chat's walk fills."""

from __future__ import annotations

from sqlmodel import select

from models.dossier.current import current_dossier
from models.tables import Action, AuditEntry, EngagementChoice, Indicator
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join

SET_BY_THE_DATABASE = {"id", "dossier_id", "indicator_id", "coop_id", "entity_id"}
WHO = {"actor_id", "chosen_by"}  # the member who typed, or for whom it was stored


async def contents(harness, user) -> dict:
    """What the coop's dossier holds, and what its members did to it, without what only numbers rows."""
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, user.invitations.coop.id)
        indicators = (
            await session.exec(
                select(Indicator).where(Indicator.dossier_id == dossier.id).order_by(Indicator.id)
            )
        ).all()
        ids = [indicator.id for indicator in indicators]
        actions = (
            await session.exec(select(Action).where(Action.indicator_id.in_(ids)).order_by(Action.id))
        ).all()
        choices = (
            await session.exec(
                select(EngagementChoice)
                .where(EngagementChoice.dossier_id == dossier.id)
                .order_by(EngagementChoice.engagement_code)
            )
        ).all()
        trail = (
            await session.exec(
                select(AuditEntry)
                .where(AuditEntry.coop_id == dossier.coop_id, AuditEntry.actor_id.is_not(None))
                .order_by(AuditEntry.id)
            )
        ).all()
        plain = [
            {name: value for name, value in row.model_dump().items() if name not in SET_BY_THE_DATABASE | WHO}
            for row in (dossier, *choices, *indicators, *actions, *trail)
        ]
        del plain[0]["created_at"]  # made with the coop by the CLI, whose clock is the machine's
        codes = [choice.engagement_code for choice in choices]
        actors = {row.actor_id for row in trail} | {choice.chosen_by for choice in choices}
        return {"rows": plain, "choices": codes, "actors": actors}


async def test_the_dossier_filled_for_a_set_up_is_the_one_typed(harness):
    typed = await join(harness, 611, "fr", "Coop Tapée")
    await complete_dossier(typed, letter=False, typed=True)
    filled = await join(harness, 612, "fr", "Coop Remplie")
    await complete_dossier(filled, letter=False)
    typed_contents, filled_contents = await contents(harness, typed), await contents(harness, filled)
    assert typed_contents["actors"] == {611} and filled_contents["actors"] == {612}  # who answered
    assert len(filled_contents["rows"]) > 50  # eight indicators, their actions, each answer in the trail
    assert typed_contents["rows"] == filled_contents["rows"]
    assert typed_contents["choices"] == filled_contents["choices"] == [1, 2, 3, 5, 6, 9, 10, 12]
