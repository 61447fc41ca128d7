"""Words about files, from a review. The removal's confirmation points to the button that keeps a copy,
which is on the file's screen, not on the confirmation (« receive it first »: with no button to do it);
a file at another journey's written question was « not taken » in English (« not used »); a file sent to a
dossier no longer the coop's to change is no longer told it cannot be changed « here », as if it could be
elsewhere (the way on, the federation, follows)."""

from __future__ import annotations

from conversations.ui.common import REFUSALS
from locales import translator
from tests.conftest import ADMIN_ID
from tests.conversations.test_documents_numbers_and_removal import at_documents, labelled
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import LETTER_PDF, join, open_home, submit

NBSP = "\u00a0"


async def test_the_removal_says_how_to_keep_a_copy_with_the_button_it_names(harness):
    director = await join(harness, 9740731, "fr", "Coop Copie")
    member = harness.user(9740732, "Sam", language_code="en")
    await member.send(f"/start {director.invitations.member_token}")
    await labelled(director, "pv-ag.pdf", "PV de l’AG")
    await at_documents(director)
    await director.press("📄 1 · ")
    assert "📥 Recevoir le fichier" in director.buttons()  # the button named, on the file's screen
    await director.press("🗑 Retirer")
    assert (
        f"C’est définitif{NBSP}: le fichier ne pourra pas être récupéré (pour en garder une copie, annulez puis "
        f"appuyez sur «{NBSP}📥 Recevoir le fichier{NBSP}»)."
    ) in director.last_text, director.last_text
    await at_documents(member)
    await member.press("📄 1 · ")
    assert "📥 Receive the file" in member.buttons()
    await member.press("🗑 Remove")
    assert (
        "It is final: the file cannot be brought back (to keep a copy, cancel and press “📥 Receive the file” "
        "first)."
    ) in member.last_text, member.last_text


async def test_a_file_at_an_announcement_question_was_not_used(harness):
    admin = harness.user(ADMIN_ID, "Alix", "en")  # federation staff in no coop, at the title's question
    await admin.send("/announce")
    await admin.send_document("programme.pdf", LETTER_PDF, "application/pdf")
    said = admin.replies[0]["text"]
    assert "This file was not used: answer the question in writing (or send /cancel)." in said, said


async def test_a_locked_dossier_is_not_said_changeable_elsewhere(harness):
    director = await join(harness, 9740733, "fr", "Coop Verrou")
    await complete_dossier(director)
    await submit(director)
    await open_home(director)
    await director.send_document("annexe.pdf", LETTER_PDF + b"annexe", "application/pdf")
    said = director.reply_text()
    assert (
        f"Votre dossier est entre les mains du comité de validation{NBSP}: il ne peut plus être modifié. 🔒\n"
        f"📎 Vous pouvez envoyer ce fichier à la fédération{NBSP}:"
    ) in said, said
    english = translator("en").gettext
    assert english(REFUSALS["with_committee"]).endswith("it can no longer be changed. 🔒")
    assert english(REFUSALS["closed"]).endswith("and it can no longer be changed. 🔒")
    french = translator("fr").gettext
    assert all(" ici" not in french(REFUSALS[code]) for code in ("with_committee", "closed"))
