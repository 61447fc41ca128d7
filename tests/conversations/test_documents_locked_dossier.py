"""A file sent once the dossier is no longer the coop's to change is told where it can go, in the words of
the dossier's state: with the committee (submitted), closed (admissible and after). It is held for a new
request to the federation, which takes a file: the subject, then the message, and it goes with it. Before,
« Le dossier a été soumis : il ne peut plus être modifié ici. 🔒 » for both, with nowhere to put the file."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Attachment, RequestMessage
from tests.conversations.test_bilans import admissible_coop
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import LETTER_PDF, join, open_home, submit

NBSP = "\u00a0"
TRAINING = LETTER_PDF + b"attestation de formation"


async def messages(harness) -> list[tuple[str, str | None, str | None]]:
    """Every request's message: (text, file name, its bytes' digest)."""
    async with harness.database.transaction() as session:
        rows = await session.exec(select(RequestMessage).order_by(RequestMessage.id))
        return [(m.text, m.file_name, m.sha256) for m in rows.all()]


async def files_of_dossiers(harness) -> list[str]:
    async with harness.database.transaction() as session:
        return [a.file_name for a in (await session.exec(select(Attachment))).all()]


async def test_a_file_sent_after_admissibility_goes_to_the_federation(harness):
    director, member, _committee = await admissible_coop(harness)
    before = await files_of_dossiers(harness)
    await director.send("/bilan")  # preparing the 6-month checkpoint's report
    update = harness.fake.user_document(director.tg, "formation-equipe.pdf", TRAINING, "application/pdf",
                                        caption="Attestation")  # fmt: skip
    director.replies = await harness.deliver(director.id, update)
    said = director.reply_text()
    assert f"Le dossier de votre candidature est clos{NBSP}: le comité l’a déclaré recevable" in said, said
    assert "a été soumis" not in said
    assert f"Vous pouvez envoyer ce fichier à la fédération{NBSP}: choisissez le sujet" in said
    given = [m.get("text", "") for m in director.replies]  # the caption given back whole, said so (9fc77a3)
    assert any(
        text.startswith("Voici ce que vous aviez écrit") and "Attestation" in text for text in given
    ), given
    screen = director.last_text
    assert "Nouvelle demande · Étape 1/2" in screen and "📎 formation-equipe.pdf" in screen, screen
    await director.press("📍 Un point d’étape")
    assert "📎 formation-equipe.pdf" in director.last_text, director.last_text
    await director.send("L’attestation de la formation de l’équipe, pour le point d’étape.")
    text, name, sha256 = (await messages(harness))[-1]
    assert (text, name) == ("L’attestation de la formation de l’équipe, pour le point d’étape.", name)
    assert name == "formation-equipe.pdf"
    assert await harness.application.bot_data.file_store.read(sha256) == TRAINING
    assert await files_of_dossiers(harness) == before  # the dossier is unchanged
    # a member, in English, from the home
    await open_home(member)
    await member.send_document("training.pdf", LETTER_PDF + b"training", "application/pdf")
    said = member.reply_text()
    assert "Your candidacy’s dossier is closed: the committee declared it admissible" in said, said
    assert "New request · Step 1/2" in member.last_text and "📎 training.pdf" in member.last_text


async def test_a_file_sent_to_a_submitted_dossier_is_said_with_the_committee(harness):
    director = await join(harness, 9740301, "fr", "Coop Soumise")
    await complete_dossier(director)
    await submit(director)
    await open_home(director)
    await director.send_document("annexe.pdf", LETTER_PDF + b"annexe", "application/pdf")
    said = director.reply_text()
    assert f"Votre dossier est entre les mains du comité de validation{NBSP}: il ne peut plus" in said, said
    assert "📎 annexe.pdf" in director.last_text and "Étape 1/2" in director.last_text
    await director.press("🏠 Mon dossier")  # left: the file is said not sent, as any held file
    assert "annexe.pdf" in director.reply_text()
    assert await messages(harness) == []
