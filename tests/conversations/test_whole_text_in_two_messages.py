"""A stored text over Telegram's 4,096 characters, asked again (« ✏️ Démarche »). Before, the question said
it followed « dans le message suivant » though it came in two: a director who copied that one message,
corrected it and sent it stored the approach cut, its last part gone. Now the question says how many
messages follow and to copy them together; a conflict box says the texts follow below, whatever their
number."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier
from tests.conversations.test_long_texts import telegram_parts
from tests.dossier_steps import join, open_home


def approach(length: int = 5800) -> str:
    """A director's approach in paragraphs, ``length`` characters: two messages when sent whole."""
    paragraphs = [
        f"Paragraphe {n} : "
        + " ".join(f"l’équipe{n}x{i} est informée de l’accession sociale." for i in range(6))
        for n in range(1, 40)
    ]
    return "\n\n".join(paragraphs)[:length].rstrip()


async def test_the_question_says_the_whole_text_follows_in_two_messages(harness):
    director = await join(harness, 5100101, "fr", "Coop Longue")
    await open_home(director)
    await director.press("👥 Démarche")
    await director.press("✍️ Répondre")
    text = approach()
    await director.paste(*telegram_parts(text))
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Dossier))).one().approach == text

    await open_home(director)
    await director.press("👥 Démarche")
    await director.press("✏️ Démarche")
    question = next(m for m in director.replies if "✅ Garder" in director.buttons(m))
    after = [m["text"] for m in director.replies if m["message_id"] > question["message_id"]]
    assert len(after) == 2 and " ".join(after).split() == text.split()  # whole, in two plain messages
    assert "suit dans les 2 messages suivants\u00a0: sélectionnez-les ensemble" in question["text"], question[
        "text"
    ]
    assert "dans le message suivant" not in question["text"]
