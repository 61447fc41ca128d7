"""Any change puts a dossier marked ready back to draft (``touch_dossier``): the change that does it says
so, once, in the answer the person gets (« Le dossier n’est plus prêt à soumettre : il est repassé en
brouillon. »), so that they know to mark it ready again, not learn it when the direction tries to submit.
A change to a dossier already a draft says nothing of it."""

from __future__ import annotations

from tests.dossier_steps import FR_ANSWERS, choose, fill_suggested_indicator, join, open_home, upload_letter
from tests.harness import BotHarness, ChatUser

NBSP = "\u00a0"
DRAFT_AGAIN = f"ℹ️ Le dossier n’est plus prêt à soumettre{NBSP}: il est repassé en brouillon."
CODES = [1, 2, 5, 6, 9, 10, 11, 12]  # 8 engagements, 2 in axes 1 and 2, 4 in axis 3


async def ready_dossier(harness: BotHarness, user_id: int, name: str) -> ChatUser:
    """A direction member whose complete dossier they marked ready to submit, at its home."""
    c = await join(harness, user_id, "fr", name)
    await choose(c, CODES)
    for code in CODES:
        await fill_suggested_indicator(c, code, FR_ANSWERS)
    await open_home(c)
    await c.press("👥 Démarche")
    await c.press("✍️ Répondre")
    for text in ("Notre démarche.", "Réunion d’équipe.", "Lettre aux habitants.", "Pas encore."):
        await c.send(text)
    await upload_letter(c)
    await open_home(c)
    await c.press("✅ Marquer")
    assert "Prêt à soumettre" in c.last_text
    return c


async def test_an_answer_that_makes_a_ready_dossier_a_draft_says_it_once(harness):
    c = await ready_dossier(harness, 9740001, "Coop Relue")
    await c.press("👥 Démarche")
    await c.press("✏️ Démarche")
    await c.send("Notre démarche, relue.")
    assert c.last_text.count(DRAFT_AGAIN) == 1, c.last_text
    assert c.last_text.startswith("✅ Démarche"), c.last_text  # under the echo of the answer
    await c.press("✏️ Info salariés")
    await c.send("Réunion d’équipe, relue.")  # a draft already: nothing more to say
    assert "prêt à soumettre" not in c.last_text, c.last_text
    await open_home(c)
    assert "Brouillon" in c.last_text and "Prêt à soumettre" not in c.last_text


async def test_an_indicator_added_then_one_deleted_says_it_only_the_first_time(harness):
    c = await ready_dossier(harness, 9740011, "Coop Ajout")
    await c.press("📊 Indicateurs")
    await c.press(" 6 · ")
    await c.press("➕ Ajouter un indicateur")
    await c.press("2 · ")  # the second suggestion: a new indicator
    assert "Indicateur ajouté" in c.last_text and DRAFT_AGAIN in c.last_text, c.last_text
    await open_home(c)  # a draft now: its next change has nothing more to say of it
    await c.press("📊 Indicateurs")
    await c.press(" 6 · ")
    await c.press("⚠️ 2 · ")
    await c.press("🗑 Supprimer l’indicateur")
    await c.press("🗑 Oui, supprimer")
    assert "Indicateur supprimé" in c.last_text and "prêt à soumettre" not in c.last_text, c.last_text


async def test_deleting_an_indicator_of_a_ready_dossier_says_it(harness):
    c = await ready_dossier(harness, 9740021, "Coop Suppression")
    await c.press("📊 Indicateurs")
    await c.press(" 9 · ")
    await c.press("✅ 1 · ")
    await c.press("🗑 Supprimer l’indicateur")
    await c.press("🗑 Oui, supprimer")
    assert "Indicateur supprimé" in c.last_text and c.last_text.count(DRAFT_AGAIN) == 1, c.last_text


async def test_an_engagement_chosen_in_a_ready_dossier_says_it(harness):
    c = await ready_dossier(harness, 9740031, "Coop Choix")
    await c.press("Axe 1")
    await c.press("⬜ 3 · ")
    assert c.last_text.startswith(DRAFT_AGAIN), c.last_text  # above the axis and its counter
    await c.press("✅ 3 · ")  # dropped again, the dossier a draft: nothing said
    assert "prêt à soumettre" not in c.last_text, c.last_text


async def test_a_document_renamed_or_removed_from_a_ready_dossier_says_it(harness):
    c = await ready_dossier(harness, 9740041, "Coop Papiers")
    await open_home(c)
    await c.press("📎 Documents")
    await c.press("📄 1 · ")
    await c.press("✏️ Renommer")
    await c.send("Lettre signée par la directrice")
    assert c.last_text.count(DRAFT_AGAIN) == 1, c.last_text
    await open_home(c)
    await c.press("✅ Marquer")  # ready again: nothing else changed
    assert "Prêt à soumettre" in c.last_text
    await c.press("📎 Documents")
    await c.press("📄 1 · ")
    await c.press("🗑 Retirer")
    await c.press("🗑 Oui, le retirer")
    assert "Retiré" in c.last_text and c.last_text.count(DRAFT_AGAIN) == 1, c.last_text


async def test_an_engagement_removed_says_it_once_among_what_it_leaves_short(harness):
    c = await ready_dossier(harness, 9740051, "Coop Retrait")
    await c.press("Axe 2")
    await c.press("✅ 6 · ")
    await c.press("🗑 Oui, le retirer", c.last)
    said = c.reply_text()
    assert f"• Le dossier n’est plus prêt à soumettre{NBSP}: il est repassé en brouillon." in said, said
    assert said.count("n’est plus prêt à soumettre") == 1, said
