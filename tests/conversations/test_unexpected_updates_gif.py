"""A GIF from Telegram's GIF picker: an animation, which Telegram sends with a document too (an .mp4).

Before: at a written question of the dossier it was taken for a file: « Ce fichier n’a pas été ajouté au
dossier : répondez à la question (ou envoyez /annuler), puis envoyez-le de nouveau » — sent again on the
documents' screen, it was refused for its type, a dead end; at the letter's question and at a request to
the federation, it was downloaded and refused for its type (« ce type de fichier n’est pas accepté »).
Now: a GIF is a video, told as a video is: at a written question, a written answer is asked for (nothing
to send again); on a screen waiting for a document (the documents, the letter, a request's file), videos
are said not accepted, with what is.
"""

from __future__ import annotations

from tests.dossier_steps import LABELS, choose, join, open_home, start_own_indicator

MP4 = b"\x00\x00\x00\x18ftypmp42" + b"0" * 100


def gif(harness, user) -> dict:
    """A GIF chosen in Telegram's picker, as the bot receives it."""
    document = harness.fake.store_file(MP4, "giphy.gif.mp4", "video/mp4")
    animation = {key: document[key] for key in ("file_id", "file_unique_id", "file_name", "mime_type")}
    animation |= {"width": 320, "height": 240, "duration": 2}
    message = harness.fake._user_message(user.tg, animation=animation, document=document)
    return harness.fake._push_update(user.id, {"message": message})


async def test_a_gif_at_a_written_question_asks_for_a_written_answer_and_not_to_send_it_again(harness):
    sam = await join(harness, 1201, "fr")
    await choose(sam, [1])
    await start_own_indicator(sam, 1)
    said = "\n".join(m.get("text", "") for m in await harness.deliver(sam.id, gif(harness, sam)))
    assert "Cette question demande une réponse écrite." in said
    assert "envoyez-le de nouveau" not in said and "ajouté au dossier" not in said
    await sam.send("Part des logements en BRS")  # the question is still open
    assert "Indicateur\u00a0: Part des logements en BRS" in sam.reply_text()


async def test_a_gif_on_the_documents_screen_is_said_a_video_not_accepted(harness):
    sam = await join(harness, 1201, "fr")
    await open_home(sam)
    await sam.press("Documents")
    await sam.press("Ajouter")
    said = "\n".join(m.get("text", "") for m in await harness.deliver(sam.id, gif(harness, sam)))
    assert "Les vidéos et les enregistrements sonores ne sont pas acceptés." in said, said


async def test_a_gif_at_the_letters_question_is_said_a_video_not_a_letter(harness):
    dom = await join(harness, 1202, "fr", role="direction")
    await open_home(dom)
    await dom.press(LABELS["fr"]["documents"])
    await dom.press(LABELS["fr"]["letter"])
    said = "\n".join(m.get("text", "") for m in await harness.deliver(dom.id, gif(harness, dom)))
    assert "Les vidéos et les enregistrements sonores ne sont pas acceptés." in said, said
    assert "type de fichier" not in said


async def test_a_gif_at_a_requests_message_asks_for_the_message_as_a_voice_note_does(harness):
    lou = await join(harness, 1203, "fr", role="member")
    await lou.send("/dossier")
    await lou.press("💬 Solliciter la fédération")
    await lou.press("✍️ Nouvelle demande")
    await lou.press("📍 Un point d’étape")
    said = "\n".join(m.get("text", "") for m in await harness.deliver(lou.id, gif(harness, lou)))
    assert "Cette question demande une réponse écrite." in said and "type de fichier" not in said, said
