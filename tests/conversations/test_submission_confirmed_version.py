"""« ✅ Oui, soumettre » submits the dossier its confirmation showed: changed since (a colleague's edit),
it says so, with what is now missing or the way to mark it ready again (or the confirmation again)."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier, DossierStatus
from tests.dossier_fill import CODES, complete_dossier
from tests.dossier_steps import join, open_home

CHANGED = "Le dossier a changé depuis l’affichage de cette confirmation, peut-être par un collègue\xa0: rien n’a été soumis."


async def confirmation_then_colleague(harness, first_id: int, name: str):
    """Sam (direction) at the confirmation of a complete dossier; Alex, a member of the coop."""
    sam = await join(harness, first_id, "fr", name)
    alex = harness.user(first_id + 1, first_name="Alex", language_code="fr")
    await alex.send(f"/start {sam.invitations.member_token}")
    await complete_dossier(sam)
    await open_home(sam)
    await sam.press("✅ Marquer")
    await sam.press("📤 Soumettre")
    assert "✅ Oui, soumettre" in sam.buttons()
    return sam, alex


async def status(harness) -> DossierStatus:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one().status


async def test_a_change_after_the_confirmation_shows_it_again_before_submitting(harness):
    sam, alex = await confirmation_then_colleague(harness, 9740001, "Coop Version")
    confirmation = sam.last
    await open_home(alex)
    await alex.press("👥 Démarche")
    await alex.press("✏️ Démarche")
    await alex.send("Nouvelle démarche d’Alex, à la dernière minute.")
    await sam.press("✅ Oui, soumettre", confirmation)
    assert await status(harness) != DossierStatus.SUBMITTED
    # back to draft by Alex's change: read and marked ready again before it goes (test_submission_changes_named)
    assert CHANGED in sam.reply_text() and "Vous allez envoyer" not in sam.reply_text(), sam.reply_text()
    await sam.press("✅ Marquer")
    await sam.press("📤 Soumettre")
    await sam.press("✅ Oui, soumettre")  # the confirmation of what it is now
    assert await status(harness) == DossierStatus.SUBMITTED
    assert "Le dossier a été soumis au comité de validation" in sam.reply_text()


async def test_a_dossier_no_longer_complete_says_it_changed_and_what_is_missing(harness):
    sam, alex = await confirmation_then_colleague(harness, 9740011, "Coop Manque")
    confirmation = sam.last
    await open_home(alex)
    await alex.press("📊 Indicateurs")
    await alex.press(f" {CODES[0]} · ")
    await alex.press("✅ 1 · ")
    await alex.press("🗑 Supprimer")
    await alex.press("🗑 Oui, supprimer")
    await sam.press("✅ Oui, soumettre", confirmation)
    assert await status(harness) != DossierStatus.SUBMITTED
    said = sam.reply_text()
    assert CHANGED in said and "Le dossier ne peut pas encore être soumis" in said, said
    assert f"L’engagement {CODES[0]} n’a pas encore d’indicateur" in said, said


async def test_a_button_drawn_before_the_version_was_carried_shows_the_confirmation_again(harness):
    sam, _alex = await confirmation_then_colleague(harness, 9740021, "Coop Ancienne")
    async with harness.database.transaction() as session:
        dossier_id = (await session.exec(select(Dossier))).one().id
    await sam.press_data(sam.last, f"sby:{dossier_id}")
    assert await status(harness) != DossierStatus.SUBMITTED
    assert "Vous allez envoyer" in sam.reply_text()
