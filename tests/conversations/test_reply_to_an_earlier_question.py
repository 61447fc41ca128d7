"""A text sent as a reply to an earlier message of the bot (Telegram's « Reply », a swipe on a phone) is
meant for that earlier question, not the one now asked: it is not stored under the current question but
given back whole, with which question the next message answers and how an earlier answer is corrected.
A reply to the question on display, to one's own message, or to nothing, is an answer as before.
And an edited message from someone in no coop (a « /start » link corrected) is not sent to a ✏️ button."""

from __future__ import annotations

import copy

from sqlmodel import select

from conversations.ui import states
from models.chat_state import load_position
from models.tables import Dossier
from tests.conversations.test_long_texts import telegram_parts, words
from tests.dossier_steps import join, open_home
from tests.harness import BotHarness, ChatUser

STEP_TWO = "How were the staff informed of the approach?"
REPLIED = "You replied to an earlier message"


async def at_step_two(harness: BotHarness, user_id: int, language: str = "en") -> tuple[ChatUser, dict]:
    """A member at step 2 of « Approach », step 1 answered; with step 1's question (the bot's message)."""
    sam = await join(harness, user_id, language, f"Coop {user_id}")
    await open_home(sam)
    await sam.press("👥 Démarche" if language == "fr" else "👥 Approach")
    await sam.press("✍️ Répondre" if language == "fr" else "✍️ Answer")
    step_one = copy.deepcopy(sam.last)
    await sam.send("Approach one")
    if language == "en":
        assert STEP_TWO in sam.last_text
    return sam, step_one


async def reply_to(sam: ChatUser, message: dict, text: str) -> list[dict]:
    """``text`` sent as a reply to ``message``, as Telegram sends it (the message quoted whole)."""
    update = sam.fake.user_text(sam.tg, text)
    update["message"]["reply_to_message"] = message
    sam.replies = await sam.harness.deliver(sam.id, update)
    return sam.replies


async def stored(harness: BotHarness) -> Dossier:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one()


async def position_of(harness: BotHarness, user_id: int):
    async with harness.database.transaction() as session:
        return await load_position(session, user_id)


async def test_a_reply_to_an_earlier_question_is_given_back_and_the_question_asked_again(harness):
    sam, step_one = await at_step_two(harness, 7801)
    question = (await position_of(harness, sam.id)).screen
    replies = await reply_to(sam, step_one, "Approach corrected")
    dossier = await stored(harness)
    assert (dossier.approach, dossier.staff_information) == ("Approach one", None)
    assert (await position_of(harness, sam.id)).screen == question  # still step 2
    texts = [m.get("text", "") for m in replies]
    assert REPLIED in texts[0] and "your text was not saved" in texts[0]
    assert "Approach corrected" in texts  # given back whole, alone, to copy
    assert STEP_TWO in texts[-1] and "⬅️ Back" in sam.buttons()  # the question below, last
    assert "Your next message will answer the question below." in texts[-1]
    assert "To correct an earlier answer, press “⬅️ Back”." in texts[-1]
    await sam.send("At the staff meeting")  # the next message answers step 2, as said
    assert (await stored(harness)).staff_information == "At the staff meeting"


async def test_a_reply_said_in_french(harness):
    sam, step_one = await at_step_two(harness, 7802, "fr")
    replies = await reply_to(sam, step_one, "Démarche corrigée")
    said = "\n".join(m.get("text", "") for m in replies)
    assert "Vous avez répondu à un message précédent" in said, said
    assert "Votre prochain message répondra à la question ci-dessous." in said
    assert "Pour corriger une réponse précédente, appuyez sur «\u00a0⬅️ Retour\u00a0»." in said
    assert (await stored(harness)).staff_information is None


async def test_a_reply_to_the_question_asked_or_to_ones_own_message_is_its_answer(harness):
    sam, _ = await at_step_two(harness, 7803)
    await reply_to(sam, copy.deepcopy(sam.last), "Told at the staff meeting")  # the question on display
    assert (await stored(harness)).staff_information == "Told at the staff meeting"
    assert REPLIED not in sam.reply_text()
    own = sam.fake.user_text(sam.tg, "An earlier text of mine")["message"]
    await reply_to(sam, own, "Told in the residents’ letter")  # step 3, a reply to one's own message
    assert (await stored(harness)).members_information == "Told in the residents’ letter"
    assert REPLIED not in sam.reply_text()


async def test_a_long_paste_replying_to_an_earlier_question_is_given_back_whole_and_not_stored(harness):
    """Telegram cuts the paste in parts; the first is the reply (the next ones may or may not say so):
    no part is stored nor judged, all come back, and the question is drawn once, below them."""
    for user_id, all_replies in ((7804, False), (7805, True)):
        sam, step_one = await at_step_two(harness, user_id)
        text = words(9000, seed=f"u{user_id}")
        parts = telegram_parts(text)
        replies = await reply_to(sam, step_one, parts[0])
        for part in parts[1:]:
            if all_replies:
                replies += await reply_to(sam, step_one, part)
            else:
                replies += await sam.send(part)
        replies += await harness.settle(sam.id)
        texts = [m.get("text", "") for m in replies]
        assert "".join(t for t in texts if t.startswith(f"u{user_id}") or t in parts) == text
        assert sum(REPLIED in t for t in texts) == 1
        assert sum(STEP_TWO in t for t in texts) == 1 and STEP_TWO in texts[-1]
        async with harness.database.transaction() as session:
            dossier = (await session.exec(select(Dossier).where(Dossier.staff_information != None))).all()  # noqa: E711
        assert dossier == []


async def test_a_paste_waiting_takes_a_reply_as_its_next_part(harness):
    """Parts of a paste are never replies: one flagged so while a paste is read is its next part."""
    sam, step_one = await at_step_two(harness, 7806)
    text = words(6000, seed="w")
    parts = telegram_parts(text)
    await sam.send(parts[0])
    await reply_to(sam, step_one, parts[1])
    await harness.settle(sam.id)
    assert (await stored(harness)).staff_information == text


async def test_a_stranger_editing_his_start_link_is_told_to_send_it_again_without_a_pencil(harness):
    stranger = harness.user(7807, first_name="Zed", language_code="en")
    await stranger.send("/start WRONGTOKEN")
    edited = harness.fake.user_text(stranger.tg, "/start FIXEDTOKEN")
    edited["edited_message"] = edited.pop("message")
    said = "\n".join(m.get("text", "") for m in await harness.deliver(stranger.id, edited))
    assert "Edited messages are not taken into account" in said
    assert "send it again" in said and "✏️ button" not in said and "answer" not in said, said


async def test_a_member_editing_at_home_still_hears_of_the_pencil(harness):
    sam = await join(harness, 7808, "en")
    await open_home(sam)
    edited = harness.fake.user_text(sam.tg, "hello")
    edited["edited_message"] = edited.pop("message")
    said = "\n".join(m.get("text", "") for m in await harness.deliver(sam.id, edited))
    assert "use its ✏️ button" in said
    assert (await position_of(harness, sam.id)).screen == states.HOME
