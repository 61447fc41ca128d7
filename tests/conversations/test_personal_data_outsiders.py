"""/supprimer and /parametres as each visitor needs them: a member's way home after cancelling, and
screens that fit someone in no coop (no announcements, no dossier) or on the federation's side."""

from __future__ import annotations

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.dossier_steps import join


async def test_cancelling_the_erasure_leads_a_member_back_to_the_dossier(harness):
    camille = await join(harness, 8921, "fr", "Coop Reste")
    await camille.send("/supprimer")
    await camille.press("Annuler")
    assert "Rien n’a été effacé." in camille.last_text
    assert camille.buttons() == ["🏠 Mon dossier"]
    await camille.press("🏠 Mon dossier")
    assert "Coop Reste" in camille.last_text


async def test_someone_in_no_coop_gets_settings_and_an_erasure_that_fit_them(harness):
    stranger = harness.user(8922, language_code="fr")
    await stranger.send("/parametres")
    assert "annonces" not in stranger.last_text.lower()  # announcements go to coops' teams only
    assert stranger.buttons() == ["🌐 Langue"]
    await stranger.send("/supprimer")
    said = stranger.last_text
    assert "dossier" not in said and "coopérative" not in said and "ancien membre" not in said
    assert "consultations closes" in said and "C’est définitif" in said
    await stranger.press("Annuler")
    assert "Rien n’a été effacé." in stranger.last_text and "/start" in stranger.last_text


async def test_federation_staff_in_no_coop_are_told_what_happens_to_their_role(harness):
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 8923, FederationRoleName.COMMITTEE)
    staff = harness.user(8923, language_code="fr")
    await staff.send("/supprimer")
    said = staff.last_text
    assert "Votre rôle à la fédération (membre du comité de validation) part aussi" in said
    assert "dossier" not in said
    await staff.send("/parametres")
    assert not any("annonces" in label for label in staff.buttons())
