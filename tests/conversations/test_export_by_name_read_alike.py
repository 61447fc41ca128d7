"""/export NAME finds a coop however its name is typed: a space for a hyphen, without its final dot, in
quotes, without its leading emoji; and /comite lists « 🏠 Maison » among the M, from its first letter.

Before, « saint etienne habitat », « Coop du Lac », « "Zeta" », « « Zeta » » and « maison » answered
« No coop », and /comite listed « 🏠 Maison » after « Zeta ». A part of a name (« Élan » for « Élan
Habitat ») still exports none, on purpose: a guess could bundle another coop's dossier; the coops whose
name holds its words are offered with their numbers (before, « No coop » and the way to the list only).
"""

from __future__ import annotations

from models.dossier.current import current_dossier
from models.tables import DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conftest import NOW

COMMITTEE_ID = 8000002


async def submitted(harness, name: str) -> None:
    """A coop whose dossier the committee follows."""
    invitations = await harness.add_coop(name)
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, invitations.coop.id)
        dossier.status, dossier.submitted_at = DossierStatus.SUBMITTED, NOW
        session.add(dossier)


async def test_export_finds_a_coop_however_its_name_is_dressed(harness):
    for name in ["Saint-Étienne Habitat", "Coop du Lac.", "Zeta", "🏠 Maison", "Élan Habitat"]:
        await submitted(harness, name)
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    member = harness.user(COMMITTEE_ID, "Claude", "fr")
    for typed, file_name in [
        ("saint etienne habitat", "Saint-Étienne Habitat"), ("Coop du Lac", "Coop du Lac"),
        ('"Zeta"', "Zeta"), ("« Zeta »", "Zeta"), ("maison", "Maison"),
    ]:  # fmt: skip
        await member.send(f"/export {typed}")
        assert file_name in member.last.get("document", {}).get("file_name", ""), (typed, member.last)
    await member.send("/export Élan")
    assert "Aucune coopérative «\u00a0Élan\u00a0»" in member.last_text, member.last_text
    assert "document" not in member.last
    await member.send("/comite")
    listed = member.last_text
    assert listed.index("Élan Habitat") < listed.index("🏠 Maison") < listed.index("Saint-Étienne"), listed


async def test_a_part_of_a_name_offers_the_coops_it_may_be_by_number(harness):
    """« hab » for two « … Habitat », « elan » without its accent, words in any order; none, or more than a
    page of them, says the way to the list; the number offered exports that one."""
    for name in ["Saint-Étienne Habitat", "Élan Habitat", "Coop du Lac"]:
        await submitted(harness, name)
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    member = harness.user(COMMITTEE_ID, "Claude", "fr")
    await member.send("/export hab")
    assert member.last_text == (
        "⚠️ Aucune coopérative «\u00a0hab\u00a0». Vouliez-vous dire\u00a0:\n#2 Élan Habitat\n"
        "#1 Saint-Étienne Habitat\nEnvoyez /export suivi du numéro de celle que vous voulez, par exemple /export 2."
    )
    await member.send("/export habitat ELAN")
    assert member.last_text.splitlines()[1:-1] == ["#2 Élan Habitat"]
    await member.send("/export 2")
    assert "Élan Habitat" in member.last["document"]["file_name"]
    await member.send("/export Grenoble")  # no name holds it
    assert (
        member.last_text == "⚠️ Aucune coopérative «\u00a0Grenoble\u00a0». Envoyez /export seul pour la liste."
    )
    for n in range(1, 10):  # « coop »: Coop du Lac and up to 7 more offered; 9: the list is the way
        await member.send("/export coop")
        assert ("Vouliez-vous dire" in member.last_text) == (n < 9), (n, member.last_text)
        await harness.add_coop(f"Coop {n}")
    await harness.add_coop("Les 99 Logements")
    await member.send("/export #99")  # a number no coop has: no name holding « 99 » offered
    assert member.last_text.endswith("Envoyez /export seul pour la liste."), member.last_text
    await member.send("/export 99")  # without « # », a number or a name: the name offered
    assert "\n#13 Les 99 Logements\n" in member.last_text, member.last_text
