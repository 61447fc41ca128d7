"""Two colleagues giving the bilan the same answer: no conflict, the answer is taken.

As for the dossier's fields (tests/conversations/test_same_value_meanwhile.py): the text a colleague
wrote since the question was asked is compared with the answer as stored (cleaned, as typed texts
are), and the same one is no change of theirs to protect. Nothing is written, the colleague's save
is the one change the audit trail shows; a different text is still a conflict. The actions' states
and reasons are written as the dossier's fields, by the same rule.
"""

from __future__ import annotations

from sqlmodel import select

from models.tables import AuditEntry, ProgressReport
from tests.conversations.test_bilans import admissible_coop

SURVEY = "L’enquête auprès des locataires a pris deux mois de retard."
REASON = "Le formateur est parti ; remplacée par la formation de la fédération."


async def changes(harness, entity: str, field: str) -> list[tuple[int, str | None]]:
    """Who changed one field of the bilans (or of the actions), and to what, in order."""
    async with harness.database.transaction() as session:
        found = await session.exec(
            select(AuditEntry)
            .where(AuditEntry.entity == entity, AuditEntry.field == field)
            .order_by(AuditEntry.id)
        )
        return [(entry.actor_id, entry.new_value) for entry in found.all()]


async def stored(harness, field: str) -> str | None:
    """One text of the 6-month bilan, as stored."""
    async with harness.database.transaction() as session:
        rows = await session.exec(
            select(ProgressReport).where(ProgressReport.checkpoint_kind == "six_months")
        )
        return getattr(rows.one(), field)


async def two_directors(harness, name: str):
    """The coop's direction (Dominique) and a second member of it (Camille), both on /bilan."""
    director, _member, _committee = await admissible_coop(harness, name)
    second = harness.user(5103, "Camille", "fr")
    await second.send(f"/start {director.invitations.direction_token}")
    for who in (director, second):
        await who.send("/bilan")
    return director, second


async def test_the_same_bilan_text_typed_by_two_directors_at_once_is_taken_a_different_one_is_a_conflict(
    world,
):
    harness, _clock = world
    director, second = await two_directors(harness, "Coop Même Texte")
    await director.press("⚠️ ")
    await second.press("⚠️ ")  # both asked, the text still empty
    await director.send(SURVEY)
    await second.send(f"  {SURVEY}  ")  # stored cleaned: the same text
    said = " ".join(second.texts()[-2:])
    assert "Laquelle garder" not in said and "Enregistré" in said
    assert "Choisissez" not in second.last_text and "📤" in " ".join(second.buttons())  # the bilan again
    assert await stored(harness, "difficulties") == SURVEY
    await second.press("⚠️ ")
    await second.send(SURVEY)  # the text it holds, typed again: nothing to record either
    assert await changes(harness, "bilan", "difficulties") == [(director.id, SURVEY)]

    await director.press("🤝 ")
    await second.press("🤝 ")
    await director.press("🙅 ")  # no help needed, said by both
    await second.press("🙅 ")
    assert "Laquelle garder" not in second.last_text
    assert await changes(harness, "bilan", "help_wanted") == [(director.id, "")]

    await director.press("⚠️ ")
    await second.press("⚠️ ")
    await director.send("Peu de locataires aux réunions de l’hiver.")
    await second.send("Rien d’autre à signaler.")  # another text: theirs is not overwritten unseen
    assert "Un collègue a modifié" in second.last_text and "Laquelle garder" in second.last_text
    assert await stored(harness, "difficulties") == "Peu de locataires aux réunions de l’hiver."


async def test_an_action_dropped_for_the_same_reason_by_two_directors_is_recorded_once(world):
    harness, _clock = world
    director, second = await two_directors(harness, "Coop Même Raison")
    for who in (director, second):
        await who.press("✅ Actions")
    await director.press("🚫 ")
    await second.press("🚫 ")  # both asked why, the action still in progress
    await director.send(REASON)
    await second.send(REASON)
    assert "Laquelle garder" not in second.last_text and "Action 2/8" in second.last_text
    await director.press("✅ Terminée")  # the second action: done, by both
    await second.press("✅ Terminée")
    assert "Action 3/8" in second.last_text
    assert await changes(harness, "action", "note") == [(director.id, REASON)]
    assert [actor for actor, state in await changes(harness, "action", "status") if state == "dropped"] == [
        director.id
    ]
    assert [actor for actor, state in await changes(harness, "action", "status") if state == "done"] == [
        director.id
    ]
