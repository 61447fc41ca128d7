"""What comes where a text or a file is wanted and is neither: a video's or a voice note's caption is the
person's words, given back whole as a photo's or a document's is (it was dropped); on a screen waiting for a
file, a video or a recording is told plainly that it is not accepted, with what is (« send it as a file »
led to an .mp4 refused as a file: a dead end); on the letter's, a signed letter's pages may be photographed."""

from __future__ import annotations

from tests.dossier_steps import join, open_home
from tests.harness import ChatUser

VIDEO = {"file_id": "vid1", "file_unique_id": "uvid1", "width": 640, "height": 360, "duration": 42}
VOICE = {"file_id": "voi1", "file_unique_id": "uvoi1", "duration": 12}
FORMATS = "PDF, image (JPEG, PNG), Word, Excel, PowerPoint ou OpenDocument"


async def send_media(user: ChatUser, kind: str, media: dict, caption: str | None = None) -> list[dict]:
    """A video, a voice note… sent by the user, with its caption."""
    fake = user.harness.fake
    message = fake._user_message(user.tg, caption=caption)
    message[kind] = media
    user.replies = await user.harness.deliver(user.id, fake._push_update(user.id, {"message": message}))
    return user.replies


async def at_approach(harness, user_id: int) -> ChatUser:
    director = await join(harness, user_id, "fr", f"Coop {user_id}")
    await open_home(director)
    await director.press("👥 Démarche")
    await director.press("✍️ Répondre")
    assert "Expliquez votre démarche" in director.last_text
    return director


async def at_upload(harness, user_id: int, button: str) -> ChatUser:
    director = await join(harness, user_id, "fr", f"Coop {user_id}")
    await open_home(director)
    await director.press("📎 Documents")
    await director.press(button)
    assert "Envoyez maintenant le fichier" in director.last_text
    return director


async def test_a_video_s_and_a_voice_note_s_caption_at_a_written_question_are_given_back(harness):
    director = await at_approach(harness, 9760101)
    words = "Nous voulons associer les locataires à chaque étape du projet."
    for kind, media in (("video", VIDEO), ("voice", VOICE)):
        replies = await send_media(director, kind, media, words)
        texts = [m.get("text", "") for m in replies]
        assert "Cette question demande une réponse écrite." in texts[0], texts
        assert "Voici ce que vous aviez écrit" in texts[0] and words in texts, texts  # whole, plain, to copy
        assert "Expliquez votre démarche" in director.last_text  # the question again, below
    await send_media(director, "video", VIDEO)  # no caption: nothing to give back, as before
    assert "Voici ce que vous aviez écrit" not in director.reply_text(), director.reply_text()
    assert "Cette question demande une réponse écrite." in director.reply_text()


async def test_a_video_on_the_upload_screen_is_told_what_is_accepted_and_its_caption_given_back(harness):
    director = await at_upload(harness, 9760102, "📎 Ajouter une pièce")
    words = "Le film de notre assemblée générale du 12 mars"
    replies = await send_media(director, "video", VIDEO, words)
    texts = [m.get("text", "") for m in replies]
    said = texts[0]
    assert "Les vidéos et les enregistrements sonores ne sont pas acceptés" in said, said
    assert FORMATS in said, said
    assert words in texts, texts  # the caption, whole, in a message of its own
    assert "Envoyez maintenant le fichier" in director.last_text  # the screen again, below
    await send_media(director, "voice", VOICE)  # no caption: the same plain words, nothing given back
    assert "enregistrements sonores ne sont pas acceptés" in director.reply_text()
    assert "Voici ce que vous aviez écrit" not in director.reply_text()


async def test_a_voice_note_on_the_letter_s_screen_says_a_signed_letter_may_be_photographed(harness):
    director = await at_upload(harness, 9760103, "📎 Lettre d’engagement")
    await send_media(director, "voice", VOICE, "La voici")
    said = director.reply_text()
    assert "enregistrements sonores ne sont pas acceptés" in said, said
    assert "photographiez" in said and "La voici" in said, said
