"""The federation's reply question has « ⬅️ Back » to the request, keeping a file sent for the reply (as
the coop's « ✍️ Write » does): the request shows it waiting, « ✍️ Reply » takes it again, and it goes
with the reply; leaving the request says it was not sent. « Cancel » is shown only when it has
something to drop (a file, a text given back), and drops it saying so. Before, « Cancel » was the only
way out, and it dropped the file."""

from __future__ import annotations

from tests.conftest import ADMIN_ID
from tests.conversations.test_request_held_files import stored
from tests.conversations.test_request_sent_once import draft
from tests.dossier_steps import LETTER_PDF, join

WAITING = "📎 modele.pdf"
NOT_SENT = "modele.pdf n’a pas été envoyé."


async def admin_replying(harness, user_id: int, coop: str):
    """A coop's request sent; the admin at « ✍️ Répondre » on it."""
    sam = await join(harness, user_id, "en", coop, role="member")
    await draft(sam, "Our question?")
    await sam.press("📤 Send to the federation")
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/start")
    await admin.send("/demandes")
    await admin.press(coop)
    await admin.press("✍️ Répondre")
    return admin


async def test_back_from_the_reply_keeps_its_file_with_the_request(harness):
    admin = await admin_replying(harness, 9841, "Coop Modèle")
    assert "⬅️ Retour" in admin.buttons() and "Annuler" not in admin.buttons()  # nothing to drop yet
    await admin.send_document("modele.pdf", LETTER_PDF, "application/pdf")
    assert "⬅️ Retour" in admin.buttons() and "Annuler" in admin.buttons(), admin.buttons()
    await admin.press("⬅️ Retour")
    assert NOT_SENT not in admin.reply_text(), admin.reply_text()
    assert "✍️ Répondre" in admin.buttons() and WAITING in admin.last_text, admin.last_text
    assert "accompagnera votre réponse" in admin.last_text
    await admin.press("✍️ Répondre")
    assert WAITING in admin.last_text and "Votre réponse à Coop Modèle" in admin.last_text, admin.last_text
    await admin.send("Voici notre modèle.")
    assert ("Voici notre modèle.", "modele.pdf") in await stored(harness)


async def test_leaving_the_request_that_keeps_the_file_says_it_was_not_sent(harness):
    admin = await admin_replying(harness, 9851, "Coop Partie")
    await admin.send_document("modele.pdf", LETTER_PDF, "application/pdf")
    await admin.press("⬅️ Retour")
    await admin.press("⬅️ Retour")  # to the inbox: the file is left behind, said once with the way back
    assert admin.reply_text().count(NOT_SENT) == 1, admin.reply_text()
    assert "appuyez sur «\u00a0✍️ Répondre\u00a0»" in admin.reply_text(), admin.reply_text()
    assert all(file is None for _text, file in await stored(harness))
