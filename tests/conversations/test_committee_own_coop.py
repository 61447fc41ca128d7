"""A committee member who is also on a coop's team reads its dossier but does not decide on it: the
committee's other members do (no decision button, an old one refused, the rule held by the domain)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.consultations.store import new_consultation, open_consultation, update_draft
from models.label.lifecycle import Role, Transition, TransitionRefused
from models.label.transitions import apply_transition
from models.tables import Dossier, DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conftest import NOW
from tests.conversations.test_early_visit import submitted_coop


async def test_a_committee_member_on_the_coops_team_reads_its_dossier_without_deciding(world):
    harness, _clock = world
    director, committee = await submitted_coop(harness)
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    keyboard = committee.last["reply_markup"]["inline_keyboard"]
    decide = next(b["callback_data"] for row in keyboard for b in row if b["text"].startswith("✅"))
    await committee.send(f"/start {director.invitations.member_token}")  # Claude joins the coop's team
    async with harness.database.transaction() as session:  # and another committee member may decide
        await grant_federation_role(session, 8100002, FederationRoleName.COMMITTEE)

    await committee.send("/comite")
    await committee.press("Coop Horizon")
    assert "les autres membres du comité décident de son dossier" in committee.last_text
    assert not any(b.startswith(("✅", "❌", "📝")) for b in committee.buttons()), committee.buttons()
    assert "📄 PDF" in committee.buttons()  # still read
    await committee.press_data(committee.last, decide)  # the button of the screen seen before
    assert "les autres membres du comité décident de son dossier" in committee.last_text
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        assert dossier.status == DossierStatus.SUBMITTED
        with pytest.raises(TransitionRefused) as refused:  # whatever the way in
            await apply_transition(
                session, dossier, Transition.DECLARE_ADMISSIBLE, role=Role.COMMITTEE,
                actor_id=committee.id, comment="Recevable.",
            )  # fmt: skip
    assert refused.value.reason == "own_coop"


async def test_the_only_committee_member_on_the_team_is_told_nobody_else_may_decide(world):
    harness, _clock = world
    director, committee = await submitted_coop(harness)
    await committee.send(f"/start {director.invitations.member_token}")
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    assert "aucun autre membre du comité ne peut décider de son dossier" in committee.last_text
    async with harness.database.transaction() as session:  # a second committee member is named
        await grant_federation_role(session, 8100002, FederationRoleName.COMMITTEE)
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    assert "les autres membres du comité décident de son dossier" in committee.last_text


async def test_the_committees_review_of_an_earlier_dossier_reads_that_dossiers_consultations(world):
    """📄 Relire of a coop's earlier candidacy shows its own consultations, as its PDF does, not the
    current dossier's."""
    harness, _clock = world
    director, committee = await submitted_coop(harness)
    async with harness.database.transaction() as session:
        earlier = (await session.exec(select(Dossier))).one()
        for dossier, question in ((earlier, "Question du cycle 1 ?"), (None, "Question du cycle 2 ?")):
            if dossier is None:  # the coop's next cycle, now its current dossier
                dossier = Dossier(coop_id=earlier.coop_id, cycle=2, status=DossierStatus.DRAFT)
                session.add(dossier)
                await session.flush()
            consultation = await new_consultation(session, earlier.coop_id, dossier.id, director.id, NOW)
            await update_draft(session, consultation, director.id, NOW, question=question)
            await open_consultation(session, consultation, director.id, NOW)
    await committee.send("/comite")
    await committee.press_data(committee.last, f"cmr:{earlier.id}")
    shown = committee.reply_text()
    assert "Question du cycle 1" in shown and "Question du cycle 2" not in shown
