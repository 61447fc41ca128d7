"""/comite's « ⬅️ Retour » from a dossier goes back to the page of the list that holds it (where it is
listed once drawn: after a decision moved it to another group, the page it is on now), as the inbox does
back from a request; a list's page turns and an older button naming a page alone still open that page.

Before: « ⬅️ Retour » always opened page 1: with 40 dossiers, the committee reading « Coop 24 » on page
2/2 was sent back to page 1/2, and had to turn the page again after every dossier."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from conversations.ui import callbacks as cb
from models.tables import Dossier, DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conftest import NOW


async def committee_of_40(harness):
    """40 coops whose dossier is submitted (« Coop 00 » … « Coop 39 »), and a committee member."""
    return await committee_with_submitted(harness, [f"Coop {n:02d}" for n in range(40)])


async def committee_with_submitted(harness, names: list[str]):
    """Coops of these names, created in this order, their dossiers submitted; a committee member on /comite."""
    for name in names:
        await harness.add_coop(name)
    async with harness.database.transaction() as session:
        for dossier in (await session.exec(select(Dossier))).all():
            dossier.status, dossier.submitted_at = DossierStatus.SUBMITTED, NOW - timedelta(days=30)
            session.add(dossier)
        await grant_federation_role(session, 8000002, FederationRoleName.COMMITTEE)
    member = harness.user(8000002, "Claude", "fr")
    await member.send("/comite")
    return member


async def test_back_from_a_dossier_of_page_2_returns_to_page_2(harness):
    member = await committee_of_40(harness)
    assert "Page 1/2" in member.last_text and "Coop 24" not in member.last_text
    await member.press("➡️")
    assert "Page 2/2" in member.last_text
    await member.press("Coop 24")
    assert "Coop 24" in member.last_text.splitlines()[0]
    await member.press("⬅️ Retour")
    assert "Page 2/2" in member.last_text and "Coop 24" in member.last_text, member.last_text[-300:]
    await member.press("⬅️")  # the page turns still
    assert "Page 1/2" in member.last_text and "Coop 03" in member.last_text


async def test_back_after_a_decision_returns_to_the_page_holding_the_dossier_now(harness):
    member = await committee_of_40(harness)
    await member.press("Coop 00")  # first of the submitted, page 1
    await member.press("📝 Demander des compléments")  # then last of the list, under its new group
    await member.send("Il manque les indicateurs de l’axe 2.")
    await member.press("✅ Confirmer")
    assert "Coop 00" in member.last_text.splitlines()[0]
    await member.press("⬅️ Retour")
    listed = member.last_text
    assert "Page 2/2" in listed and "Coop 00" in listed.split("En attente de compléments")[-1], listed


async def test_an_older_list_button_naming_a_page_alone_still_opens_it(harness):
    member = await committee_of_40(harness)
    await member.press_data(member.last, cb.COMMITTEE.pack(1))
    assert "Page 2/2" in member.last_text
