"""The committee reads only the dossiers it follows (the Mini App's and /export's rule): a coop's draft,
never submitted, stays the coop's even through callback data forged with its id; an earlier cycle that
was submitted, closed since, is still read with « 📄 Relire »."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier, DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_early_visit import COMMITTEE_ID
from tests.dossier_steps import join

REFUSED = "Ce bouton ne concerne pas le dossier de votre coopérative, ou ce qu’il désignait a été supprimé."
# every committee button that opens a dossier by its id: its screen, review, PDF, bilans, a decision
FORGED = ("cmd:{id}", "cmr:{id}", "cmp:{id}", "cmb:{id}", "cmx:{id}:ad")


async def committee_member(harness):
    """Claude, on the validation committee, on the committee's list."""
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")
    await committee.send("/comite")
    return committee


async def test_a_forged_button_does_not_open_a_coops_draft_to_the_committee(world):
    harness, _clock = world
    await join(harness, 701, "fr", "Coop Brouillon")
    async with harness.database.transaction() as session:
        draft = (await session.exec(select(Dossier))).one()
    assert draft.status == DossierStatus.DRAFT
    committee = await committee_member(harness)
    for data in FORGED:
        sent = len(committee.messages)
        await committee.press_data(committee.last, data.format(id=draft.id))
        assert committee.alerts == [REFUSED], data
        assert len(committee.messages) == sent, data  # no review, no PDF, no screen
        assert not any("document" in m for m in committee.messages), data
        assert "Coop Brouillon" not in committee.last_text, data


async def test_the_committee_still_reads_an_earlier_cycle_but_not_the_next_ones_draft(world):
    harness, _clock = world
    await join(harness, 701, "fr", "Coop Cycle")
    async with harness.database.transaction() as session:
        earlier = (await session.exec(select(Dossier))).one()
        earlier.status = DossierStatus.RENEWED  # submitted, labelled, renewed: cycle 2 carries on
        renewal = Dossier(coop_id=earlier.coop_id, cycle=2, status=DossierStatus.DRAFT)
        session.add_all([earlier, renewal])
        await session.flush()
    committee = await committee_member(harness)

    await committee.press_data(committee.last, f"cmr:{earlier.id}")  # « 📄 Relire » of cycle 1
    assert committee.alerts == [""]
    assert "Coop Cycle" in committee.reply_text()
    await committee.press_data(committee.last, f"cmd:{earlier.id}")
    assert "Cycle 1" in committee.last_text and "Coop Cycle" in committee.last_text

    sent = len(committee.messages)
    for data in ("cmr:{id}", "cmp:{id}"):  # cycle 2, a draft: the coop's until submitted
        await committee.press_data(committee.last, data.format(id=renewal.id))
        assert committee.alerts == [REFUSED], data
    assert len(committee.messages) == sent
