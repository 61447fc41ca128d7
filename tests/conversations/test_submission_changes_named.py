"""« ✅ Oui, soumettre » pressed after a change names what changed since the confirmation, from the audit
trail (who, which part, when), and a dossier a change put back to draft is read and marked ready again
before it can go: the direction submits what it checked, never a version it has not seen."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier, DossierStatus
from tests.conversations.test_news_of_who_erased import erase
from tests.conversations.test_submission import PNG
from tests.conversations.test_submission_confirmed_version import CHANGED, confirmation_then_colleague, status
from tests.dossier_steps import open_home

ALEX_APPROACH = "• Alex a modifié «\xa0Démarche et objectifs\xa0» à 10 h 30."  # NOW is 10 h 30 in Paris
DRAFT_AGAIN = (
    "Le dossier n’est plus marqué comme prêt, puisqu’il a changé\xa0: relisez-le (📄 Relire), "
    "puis marquez-le comme prêt (✅ Marquer comme prêt) pour le soumettre."
)


async def edit_approach(user, text: str) -> None:
    """A member rewrites the approach from the chat."""
    await open_home(user)
    await user.press("👥 Démarche")
    await user.press("✏️ Démarche")
    await user.send(text)


async def add_photo(user, content: bytes, caption: str) -> None:
    """A member adds a supporting document."""
    await open_home(user)
    await user.press("📎 Documents")
    await user.press("📎 Ajouter une pièce")
    await user.send_photo(content, caption=caption)


async def test_a_change_is_named_and_the_draft_is_marked_ready_again_before_it_goes(harness):
    sam, alex = await confirmation_then_colleague(harness, 9741001, "Coop Nommée")
    confirmation = sam.last
    await edit_approach(alex, "Nouvelle démarche d’Alex, à la dernière minute.")
    await sam.press("✅ Oui, soumettre", confirmation)
    said = sam.reply_text()
    assert await status(harness) == DossierStatus.DRAFT
    assert CHANGED in said and ALEX_APPROACH in said and DRAFT_AGAIN in said, said
    assert "✅ Oui, soumettre" not in sam.buttons() and "📄 Relire" in sam.buttons(), sam.buttons()
    await sam.press("✅ Marquer")  # read again, marked ready: then submitted as usual
    await sam.press("📤 Soumettre")
    await sam.press("✅ Oui, soumettre")
    assert await status(harness) == DossierStatus.SUBMITTED


async def test_marked_ready_again_by_the_colleague_the_confirmation_names_both(harness):
    sam, alex = await confirmation_then_colleague(harness, 9741011, "Coop Reprise")
    confirmation = sam.last
    await edit_approach(alex, "Démarche revue par Alex.")
    await open_home(alex)
    await alex.press("✅ Marquer")
    await sam.press("✅ Oui, soumettre", confirmation)
    said = sam.reply_text()
    assert ALEX_APPROACH in said and "• Alex a marqué le dossier comme prêt à 10 h 30." in said, said
    assert "Vous allez envoyer" in said and DRAFT_AGAIN not in said, said
    await sam.press("✅ Oui, soumettre", sam.last)  # what it is now, named: the confirmation is enough
    assert await status(harness) == DossierStatus.SUBMITTED


async def test_a_few_changes_are_named_the_others_counted(harness):
    sam, alex = await confirmation_then_colleague(harness, 9741021, "Coop Nombreuse")
    confirmation = sam.last
    await edit_approach(alex, "Première reprise.")
    await add_photo(alex, PNG + b"1", "Résidence")
    await add_photo(alex, PNG + b"2", "Jardin")
    await edit_approach(alex, "Seconde reprise.")  # the same part again: one line, at its last change
    await add_photo(alex, PNG + b"3", "Atelier")
    await sam.press("✅ Oui, soumettre", confirmation)
    said = sam.reply_text()
    assert "• Alex a ajouté le document «\xa0Résidence" in said, said
    assert "• Alex a ajouté le document «\xa0Jardin" in said and ALEX_APPROACH in said, said
    assert said.count("Démarche et objectifs") == 1 and "Atelier" not in said, said
    assert "… et 1 autre changement." in said, said


async def test_someone_who_erased_their_data_is_never_named(harness):
    sam, alex = await confirmation_then_colleague(harness, 9741031, "Coop Effacée")
    confirmation = sam.last
    await edit_approach(alex, "Démarche d’Alex avant son départ.")
    await erase(alex)
    await sam.press("✅ Oui, soumettre", confirmation)
    said = sam.reply_text()
    assert "• Un ancien membre a modifié «\xa0Démarche et objectifs\xa0» à 10 h 30." in said, said
    assert "Alex" not in said, said


async def test_an_older_submit_button_after_a_change_names_it_and_asks_to_mark_ready(harness):
    sam, alex = await confirmation_then_colleague(harness, 9741041, "Coop Ancien Menu")
    await open_home(sam)
    home = sam.last  # drawn while the dossier was ready: « 📤 Soumettre » on it
    await edit_approach(alex, "Démarche changée après le menu.")
    await sam.press("📤 Soumettre", home)
    said = sam.reply_text()
    assert DRAFT_AGAIN in said and ALEX_APPROACH in said and "Vous allez envoyer" not in said, said
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Dossier))).one().status == DossierStatus.DRAFT
