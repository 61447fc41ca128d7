"""« 🗑 Supprimer le brouillon » deletes a draft at once and gives back whole what was typed in it, below
the list (a request's message; a consultation's own question, then its choices one per line, as they are
typed): nothing typed is lost. Pressed again (a double tap), it says the draft is already deleted; on a
consultation's preview drawn before a fellow director changed the draft, it deletes nothing and shows the
draft as it now stands, as « ✅ Ouvrir » does."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Consultation, RequestThread
from tests.conversations.test_consultation_stale_preview import preview_of_the_default
from tests.conversations.test_consultations import LABELS, open_consultations
from tests.dossier_steps import join

FR = LABELS["fr"]
LONG = (
    "Comment compter les salariés associés ? " + "Nous hésitons entre deux lectures & <deux> calculs. " * 55
)


async def rows(harness, table) -> list:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(table))).all())


async def test_a_request_draft_deleted_gives_its_message_back_whole(harness):
    sam = await join(harness, 8701, "fr", "Coop Brouillon", role="member")
    await sam.send("/federation")
    await sam.press("✍️ Nouvelle demande")
    await sam.press("📊 Indicateurs")
    await sam.paste(LONG)  # a long text: read once Telegram is done sending it
    draft, delete = sam.find_button("🗑 Supprimer le brouillon")
    await sam.press("🗑 Supprimer le brouillon")
    said = sam.replies[0]["text"].replace("\u00a0", " ")
    assert said.startswith("🗑 Brouillon supprimé. Son texte suit, pour que rien ne soit perdu."), said
    assert "✍️ Nouvelle demande" in sam.buttons(sam.replies[0])  # the list of requests
    assert [reply["text"] for reply in sam.replies[1:]] == [LONG.strip()]
    assert await rows(harness, RequestThread) == []

    await sam.press_data(draft, delete)  # the double tap
    said = sam.reply_text().replace("\u00a0", " ")
    assert "ℹ️ Ce brouillon a déjà été supprimé." in said and harness.errors == [], said
    assert "Son texte suit" not in said


async def test_a_consultation_draft_deleted_gives_its_question_and_choices_back(world):
    harness, _clock = world
    ann = await join(harness, 8711, "fr", "Coop Question")
    await open_consultations(ann, FR["open"])
    await ann.press(FR["new"])
    await ann.press(FR["own"])
    await ann.send("Faut-il fermer l’agence de Brest ?")
    await ann.send("Oui\nNon\nPas encore")
    await ann.press(FR["continue"])
    await ann.send("15/12/2026")
    preview, delete = ann.find_button("🗑 Supprimer le brouillon")
    await ann.press("🗑 Supprimer le brouillon")
    said = ann.replies[0]["text"].replace("\u00a0", " ")
    assert said.startswith("🗑 Brouillon supprimé. Son texte suit, pour que rien ne soit perdu."), said
    assert [reply["text"] for reply in ann.replies[1:]] == [
        "Faut-il fermer l’agence de Brest ?",
        "Oui\nNon\nPas encore",
    ]
    assert await rows(harness, Consultation) == []

    await ann.press_data(preview, delete)  # the double tap
    said = ann.reply_text().replace("\u00a0", " ")
    assert "ℹ️ Ce brouillon a déjà été supprimé." in said and harness.errors == [], said


async def test_the_default_question_deleted_has_nothing_typed_to_give_back(world):
    harness, _clock = world
    ann = await join(harness, 8721, "fr", "Coop Défaut")
    await preview_of_the_default(ann)
    await ann.press("🗑 Supprimer le brouillon")
    assert len(ann.replies) == 1 and ann.reply_text().startswith("🗑 Brouillon supprimé.\n"), ann.replies
    assert await rows(harness, Consultation) == []


async def test_a_preview_older_than_a_colleague_s_change_deletes_nothing(world):
    harness, clock = world
    ann = await join(harness, 8731, "fr", "Coop Duo")
    bea = harness.user(8732, "Bea", "fr")
    await bea.send(f"/start {ann.invitations.direction_token}")
    preview = await preview_of_the_default(ann)
    clock.advance(minutes=7)  # 10 h 37 in Paris
    await open_consultations(bea, FR["open"])
    await bea.press("✏️ 1 · ")
    await bea.press("✏️ Question")
    await bea.press(FR["own"])
    await bea.send("Faut-il fermer l’agence de Brest ?")
    await bea.send("Oui\nNon")

    await ann.press("🗑 Supprimer le brouillon", preview)
    (consultation,) = await rows(harness, Consultation)
    assert consultation.question == "Faut-il fermer l’agence de Brest ?"
    said = ann.last_text.replace("\u00a0", " ")
    assert said.startswith(
        "⚠️ Bea a modifié ce brouillon à 10 h 37, après l’affichage de cet aperçu : il n’a pas été supprimé. "
        "Vérifiez-le ci-dessous, puis supprimez-le si vous le souhaitez."
    ), said
    assert "Étape 4/4" in said and "« Faut-il fermer l’agence de Brest ? »" in said  # as it now stands

    await ann.press("🗑 Supprimer le brouillon")  # seen: now it goes, Bea's words given back
    assert await rows(harness, Consultation) == []
    assert ann.replies[1]["text"] == "Faut-il fermer l’agence de Brest ?"
