"""A free text of emoji alone is refused, in the chat and the Mini App alike: the committee's PDF,
whose font has no emoji, would print nothing for it (an approach answered « 🏠🤝 » read as blank)."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Consultation, Dossier
from tests.conversations.test_consultations import open_consultations
from tests.conversations.test_miniapp_api import coop_with_indicator
from tests.conversations.test_typed_texts import approach_of, save_approach
from tests.dossier_steps import join, open_home

SAID_EN = "⚠️ Emojis alone do not show in the dossier’s PDF: please add a few words, e.g. “Together 🤝”."


async def test_the_chat_refuses_an_approach_of_emoji_alone_and_asks_again(harness):
    director = await join(harness, 5701, "en", "Coop Emoji")
    await open_home(director)
    await director.press("👥 Approach")
    await director.press("✍️ Answer the questions")
    asked = director.last_text
    await director.send("🏠🤝")
    assert [reply["text"] for reply in director.replies] == [SAID_EN, asked]
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Dossier.approach))).one() is None
    await director.send("🏠🤝 Housing together")  # with words, emoji are welcome
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Dossier.approach))).one() == "🏠🤝 Housing together"


async def test_the_page_refuses_it_with_the_same_words_and_its_own_example(web_harness):
    director, dossier = await coop_with_indicator(web_harness, 5711, "Coop Emoji Page")
    answer = await save_approach(web_harness, director, dossier, "👍🏽 🎉")
    assert answer.status_code == 422, answer.text
    said = answer.json()
    assert said["code"] == "emoji_only" and said["example"] is False  # the example is in the message
    assert said["error"] == (
        "Les émojis seuls n’apparaissent pas dans le PDF du dossier\u00a0: ajoutez quelques mots, "
        "par exemple «\u00a0Tous ensemble 🤝\u00a0»."
    )
    assert await approach_of(web_harness, dossier) is None


async def test_a_consultation_choice_or_comment_of_emoji_alone_is_refused(harness):
    director = await join(harness, 5721, "en", "Coop Emoji Vote")
    await open_consultations(director)
    await director.press("➕ New consultation")
    await director.press("✏️ My own question")
    await director.send("Which evening suits you?")
    await director.send("Tuesday evening\n🎉")
    assert director.reply_text().startswith(SAID_EN), director.reply_text()
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Consultation.choices))).one() == "[]"
    await director.send("Tuesday evening\ntuesday evening\nThursday 🎉")  # one Tuesday: the case aside
    async with harness.database.transaction() as session:
        choices = (await session.exec(select(Consultation.choices))).one()
    assert choices == '["Tuesday evening", "Thursday 🎉"]'
    await director.press("➡️ Continue")
    await director.send("15/12/2026")
    await director.press("✅ Open the consultation")
    await director.press("🗳 Answer")
    await director.press("💬 Comment")
    await director.send("👍")
    assert director.reply_text().startswith(SAID_EN), director.reply_text()
