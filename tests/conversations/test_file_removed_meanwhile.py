"""A file's buttons after a colleague removed it (its screen, « 🗑 Retirer », « 🗑 Oui, le retirer »): told
it was removed meanwhile and led to « 📎 Documents » (as an indicator's lead to the overview), not refused
with « Ce bouton ne concerne pas le dossier de votre coopérative… » on a confirmation whose « Annuler »
was refused the same way. A file id the coop never had is still refused as another coop's."""

from __future__ import annotations

from conversations.ui import callbacks as cb
from tests.conversations.test_documents_numbers_and_removal import at_documents, labelled
from tests.dossier_steps import join

GONE = "Ce document a été retiré du dossier entre-temps, peut-être par un collègue."


async def two_at_its_confirmation(harness, base: int):
    """Camille at the removal's confirmation of « PV de l’AG », which Sam then removes."""
    director = await join(harness, base, "fr", "Coop Fichiers")
    member = harness.user(base + 1, "Sam", language_code="fr")
    await member.send(f"/start {director.invitations.member_token}")
    await labelled(director, "pv-ag.pdf", "PV de l’AG")
    await at_documents(director)
    await director.press("📄 1 · ")
    file_screen = director.last
    await director.press("🗑 Retirer")
    assert "PV de l’AG" in director.last_text
    await at_documents(member)
    await member.press("📄 1 · ")
    await member.press("🗑 Retirer")
    await member.press("🗑 Oui")
    assert "Retiré" in member.reply_text(), member.reply_text()
    return director, file_screen


async def test_yes_on_a_file_a_colleague_removed_says_so_and_leads_to_the_documents(harness):
    director, _file_screen = await two_at_its_confirmation(harness, 9931101)
    await director.press("🗑 Oui, le retirer", director.last)
    said = director.reply_text()
    assert not director.alerts or not any(director.alerts), director.alerts
    assert GONE in said and "Documents du dossier" in said, said
    assert "pv-ag.pdf" not in director.last_text and "🗑 Oui, le retirer" not in director.buttons()


async def test_its_cancel_says_it_too(harness):
    director, _file_screen = await two_at_its_confirmation(harness, 9931111)
    await director.press("Annuler", director.last)  # the file's screen, gone
    assert GONE in director.reply_text() and "Documents du dossier" in director.reply_text()
    assert not any(director.alerts), director.alerts


async def test_the_file_s_button_on_the_list_says_it_too(harness):
    director = await join(harness, 9931131, "fr", "Coop Liste")
    member = harness.user(9931132, "Sam", language_code="fr")
    await member.send(f"/start {director.invitations.member_token}")
    await labelled(director, "pv-ag.pdf", "PV de l’AG")
    await at_documents(director)
    await at_documents(member)
    await member.press("📄 1 · ")
    await member.press("🗑 Retirer")
    await member.press("🗑 Oui")
    await director.press("📄 1 · ", director.last)
    assert GONE in director.reply_text() and "pv-ag.pdf" not in director.last_text, director.reply_text()
    assert not any(director.alerts), director.alerts


async def test_a_file_the_coop_never_had_is_still_refused(harness):
    director = await join(harness, 9931121, "fr", "Coop Inventée")
    await at_documents(director)
    await director.press_data(director.last, cb.CONFIRM_REMOVE_ATTACHMENT.pack(987654))
    assert any("ne concerne pas" in alert for alert in director.alerts), (
        director.alerts,
        director.reply_text(),
    )
