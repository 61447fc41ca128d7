"""Two members preparing the bilan at the same moment: neither loses what the other did.

An indicator checked by one while another checks a second one: both stay checked (the list is read
again under the report's lock, not written from a copy read before the colleague's save). A dropped
action's reason typed while a colleague gave another reason, or marked it done: both are shown and the
person chooses, as for the bilan's texts and the dossier's fields; the same drop is no conflict
(tests/conversations/test_bilan_same_text.py). In the chat, and in the domain with the colleague's save
committed between this one's read and its write (another instance, on PostgreSQL).
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.dossier.reads import StaleValue, action_of_member
from models.label.bilans import drop_action, mark_reviewed, report_of, reviewed_ids
from models.tables import Action, Dossier, Indicator, ProgressReport
from tests.conftest import NOW
from tests.conversations.test_bilan_same_text import REASON, changes, two_directors
from tests.conversations.test_bilans import admissible_coop

OTHER = "Reportée à l’an prochain faute de budget."
LATE = "Le partenaire s’est retiré du projet."


async def the_report(harness) -> ProgressReport:
    """The 6-month bilan as stored."""
    async with harness.database.transaction() as session:
        rows = await session.exec(
            select(ProgressReport).where(ProgressReport.checkpoint_kind == "six_months")
        )
        return rows.one()


async def the_action(harness, action_id: int) -> Action:
    """One action as stored."""
    async with harness.database.transaction() as session:
        return await session.get(Action, action_id)


async def plan(harness) -> tuple[int, list[int], list[int]]:
    """The coop's dossier, its indicators and its actions, in order."""
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        indicators = (await session.exec(select(Indicator.id).order_by(Indicator.id))).all()
        actions = (await session.exec(select(Action.id).order_by(Action.id))).all()
        return dossier.id, list(indicators), list(actions)


async def test_two_indicators_checked_by_two_members_at_the_same_moment_both_stay_checked(world):
    harness, _clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Deux Coches")
    await director.send("/bilan")
    await director.press("📈")  # the bilan is started
    dossier_id, (first, second, *_rest), _actions = await plan(harness)
    async with harness.database.transaction() as mine:
        report = await report_of(mine, dossier_id, "six_months")  # read: nothing checked yet
        async with harness.database.transaction() as colleague:  # Sam confirms the second meanwhile
            theirs = await report_of(colleague, dossier_id, "six_months")
            await mark_reviewed(colleague, theirs, second, NOW)
        await mark_reviewed(mine, report, first, NOW)
    assert reviewed_ids(await the_report(harness)) == {first, second}


async def test_a_colleagues_other_reason_or_state_meanwhile_is_shown_and_chosen_never_overwritten(world):
    harness, _clock = world
    director, second = await two_directors(harness, "Coop Deux Raisons")
    _dossier_id, _indicators, (first, other, *_rest) = await plan(harness)
    for who in (director, second):
        await who.press("✅ Actions")
    await director.press("🚫 ")
    await second.press("🚫 ")  # both asked why, the action still in progress
    await director.send(REASON)
    await second.send(OTHER)  # another reason: the director's is not overwritten unseen
    said = second.last_text.replace("\u00a0", " ")
    assert "Un collègue a modifié" in said and "Laquelle garder" in said
    assert f"Valeur de votre collègue : 🚫 Abandonnée — {REASON}" in said
    assert f"Votre réponse : 🚫 Abandonnée — {OTHER}" in said
    assert (await the_action(harness, first)).note == REASON
    await second.press("Garder la sienne")  # the reason typed comes back whole, stored nowhere
    assert second.texts()[-1] == OTHER
    assert "Action 2/8" in " ".join(second.texts()[-3:])
    assert (await the_action(harness, first)).note == REASON
    assert await changes(harness, "action", "note") == [(director.id, REASON)]

    await second.press("🚫 ")  # the second action: Camille gives a reason while Dominique marks it done
    await director.press("✅ Terminée")
    await second.send(LATE)
    said = second.last_text.replace("\u00a0", " ")
    assert "Valeur de votre collègue : ✅ Terminée" in said and f"🚫 Abandonnée — {LATE}" in said
    assert (await the_action(harness, other)).status == "done"
    await second.press("Garder ma réponse")  # chosen having seen it done: dropped, with the reason
    assert "Action 3/8" in second.last_text
    action = await the_action(harness, other)
    assert (action.status, action.note) == ("dropped", LATE)


async def test_a_colleagues_drop_committed_while_dropping_is_seen_and_nothing_is_written(world):
    """The colleague's drop lands between this one's read of the action and its write (another
    instance): their reason is not overwritten, and nothing of this drop is written."""
    harness, _clock = world
    director, second = await two_directors(harness, "Coop Même Instant")
    _dossier_id, _indicators, (action_id, *_rest) = await plan(harness)
    coop_id = director.invitations.coop.id
    async with harness.database.transaction() as mine:
        action, _indicator, dossier = await action_of_member(mine, action_id, coop_id, for_edit=False)
        seen = [action.status, action.note]  # in progress, no reason
        async with harness.database.transaction() as colleague:
            theirs, _i, held = await action_of_member(colleague, action_id, coop_id, for_edit=False)
            await drop_action(colleague, held, theirs, REASON, [theirs.status, theirs.note], second.id, NOW)
        with pytest.raises(StaleValue) as stale:
            await drop_action(mine, dossier, action, OTHER, seen, director.id, NOW)
        assert stale.value.current == ["dropped", REASON]
    stored = await the_action(harness, action_id)
    assert (stored.status, stored.note) == ("dropped", REASON)
    assert await changes(harness, "action", "note") == [(second.id, REASON)]
