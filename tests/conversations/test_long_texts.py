"""Long texts in the chat: a paste Telegram cuts in parts is one answer, never cut, never lost."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from sqlmodel import select

from conversations.ui.pastes import judge_left_parts, judge_waiting
from models.chat_state import claim_parts
from models.tables import AuditEntry, Dossier, Indicator, TextPart
from tests.conftest import NOW
from tests.dossier_steps import choose, join, open_home
from tests.harness import PUBLIC_URL, BotHarness

APP_BUTTON = "🖊 Open the dossier in full"


def words(length: int, seed: str = "coop") -> str:
    """A real-looking text of exactly ``length`` characters (words and spaces, no line break)."""
    text, n = "", 0
    while len(text) < length:
        text += f"{seed}{n} "
        n += 1
    return text[: length - 1] + "."


def telegram_parts(text: str) -> list[str]:
    """The messages Telegram's client sends for a pasted text: cut every 4,096 characters."""
    return [text[i : i + 4096] for i in range(0, len(text), 4096)]


async def at_rationale(harness: BotHarness, user_id: int):
    """A member at the « why » question of a new indicator of engagement 1."""
    sam = await join(harness, user_id, "en")
    await choose(sam, [1])
    await open_home(sam)
    await sam.press("📊 Indicators")
    await sam.press(" 1 · ")
    await sam.press("➕ Add an indicator")
    await sam.press("✏️ My own indicator")
    await sam.send("Share of BRS homes")
    assert "Why does this indicator illustrate" in sam.last_text
    return sam


async def stored_rationale(harness: BotHarness) -> tuple[str | None, list[AuditEntry]]:
    async with harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator))).one()
        audit = (await session.exec(select(AuditEntry).where(AuditEntry.field == "rationale"))).all()
        waiting = (await session.exec(select(TextPart))).all()
    assert waiting == []  # every part was judged
    return indicator.rationale, list(audit)


def web_app_urls(message: dict) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [b["web_app"]["url"] for row in rows for b in row if "web_app" in b]


async def test_a_9000_character_paste_is_refused_whole_and_comes_back_in_full(web_harness):
    sam = await at_rationale(web_harness, 3001)
    text = words(9000)
    parts = telegram_parts(text)
    assert [len(p) for p in parts] == [4096, 4096, 808]
    for part in parts:  # the parts arrive milliseconds apart: none is judged on its own
        assert await sam.send(part) == []
    replies = await web_harness.settle(sam.id)
    assert "Your text has 9,000 characters; the limit is 6,000." in replies[0]["text"]
    given_back = [m["text"] for m in replies[1:-1]]
    assert len(given_back) >= 3 and all(len(m) <= 4096 for m in given_back)
    assert " ".join(given_back) == text  # in full, cut between words only
    question = replies[-1]
    assert "Why does this indicator illustrate" in question["text"]
    assert web_app_urls(question) == [f"{PUBLIC_URL}/app?focus=indicator-1-rationale"]
    assert await stored_rationale(web_harness) == (None, [])  # no fragment was ever stored


async def test_a_paste_in_two_parts_that_fits_is_stored_whole(harness):
    sam = await at_rationale(harness, 3002)
    first, second = words(2000, "alpha"), words(1499, "beta")
    await sam.paste(first, second)  # 3,500 characters sent as two messages
    assert "Kind of value" in sam.reply_text() or "kind of value" in sam.last_text
    rationale, audit = await stored_rationale(harness)
    assert rationale == first + "\n" + second and len(rationale) == 3500
    assert [entry.new_value for entry in audit] == [rationale]  # one answer, one audit row


async def test_a_5000_character_paste_cut_mid_word_is_joined_exactly(harness):
    sam = await join(harness, 3003, "en")
    await open_home(sam)
    await sam.press("👥 Approach")
    await sam.press("✍️ Answer")
    text = words(5000)
    await sam.paste(*telegram_parts(text))
    assert "How were the staff informed" in sam.last_text
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
    assert dossier.approach == text


async def test_a_short_answer_typed_by_hand_is_judged_at_once(harness):
    sam = await at_rationale(harness, 3004)
    await sam.send("It shows our homes stay affordable.")  # no waiting: the next question comes at once
    assert "kind of value" in sam.last_text
    assert await stored_rationale(harness) == ("It shows our homes stay affordable.", await _audit(harness))


async def _audit(harness):
    return (await stored_rationale(harness))[1]


async def test_a_long_current_value_is_sent_whole_to_copy_with_the_mini_app(web_harness):
    sam = await at_rationale(web_harness, 3005)
    text = words(3500)
    await sam.paste(text)
    await sam.send("/dossier")
    await sam.press("📊 Indicators")
    await sam.press(" 1 · ")
    await sam.press("1 · Share")
    await sam.press("✏️ Why")
    question, whole = sam.replies
    assert "Currently: " in question["text"] and len(question["text"]) < 1000
    assert "The whole current text follows in the next message" in question["text"]
    assert APP_BUTTON in sam.buttons(question) and "✅ Keep" in sam.buttons(question)
    assert whole["text"] == text and "entities" not in whole  # plain text, to copy
    await sam.paste(text[:3000] + " Corrected.")  # copied, corrected, sent back
    assert (await stored_rationale(web_harness))[0] == text[:3000] + " Corrected."


def promised_and_sent(replies: list[dict], text: str) -> bool:
    """The question says the whole current text follows, and it does: whole, plain, after it."""
    promising = [n for n, m in enumerate(replies) if "The whole current text follows" in m.get("text", "")]
    if not promising:
        return False
    after = [m for m in replies[promising[-1] + 1 :] if "entities" not in m]
    return " ".join(m["text"] for m in after) == text


async def test_a_long_current_value_follows_whole_on_every_path_that_asks_it(harness):
    """« ⬅️ Back » in the wizard and the question asked again after a refused answer keep the promise too."""
    sam = await at_rationale(harness, 3007)
    text = words(3500)
    await sam.paste(text)
    assert "kind of value" in sam.last_text
    await sam.press("⬅️ Back")  # the wizard's previous question: the rationale, with its current value
    assert promised_and_sent(sam.replies, text)
    await sam.paste(words(7000, "zz"))  # too long: refused, given back, and the question asked again
    assert "the limit is 6,000" in sam.reply_text()
    assert promised_and_sent(sam.replies, text)
    assert (await stored_rationale(harness))[0] == text


async def test_a_paste_on_a_screen_of_buttons_gets_one_answer(harness):
    sam = await join(harness, 3008, "en")
    await open_home(sam)
    await sam.press("Axis 1")
    for text in (words(5000), words(9000)):  # two parts, then three
        replies = [m for part in telegram_parts(text) for m in await sam.send(part)]
        replies += await harness.settle(sam.id)
        pointing = [m for m in replies if "Please choose with the buttons" in m.get("text", "")]
        assert len(pointing) == 1, [m.get("text", "")[:60] for m in replies]
        assert "General-interest mission" in sam.last_text  # the screen again, below its answer
    await sam.send("hello")  # a short text after the paste is answered as before
    assert "Please choose with the buttons" in sam.replies[0]["text"]


async def test_without_public_url_and_port_no_mini_app_button_appears(harness):
    sam = await at_rationale(harness, 3006)
    assert APP_BUTTON not in sam.buttons()
    await open_home(sam)
    assert APP_BUTTON not in sam.buttons()
    assert harness.fake.menu_buttons == {}


async def test_the_mini_app_is_on_the_home_and_the_menu_when_served(web_harness):
    sam = await join(web_harness, 3007, "fr")
    await open_home(sam)
    assert web_app_urls(sam.last) == [f"{PUBLIC_URL}/app"]
    assert "🖊 Ouvrir le dossier en grand" in sam.buttons()
    menu = web_harness.fake.menu_buttons[None]
    assert menu["type"] == "web_app" and menu["web_app"]["url"] == f"{PUBLIC_URL}/app"


async def test_a_text_whose_question_was_left_meanwhile_is_given_back(harness):
    """Left for a menu before being judged: the judging gives it back (a command gives it back at once:
    test_paste_parts)."""
    sam = await at_rationale(harness, 3008)
    text = words(5000)
    await sam.send(telegram_parts(text)[0])
    await sam.press("🏠 My dossier")
    replies = await harness.settle(sam.id)
    assert "This question is no longer open." in replies[0]["text"]
    assert replies[1]["text"] == text[:4096] and "Quali’Coop dossier" in replies[2]["text"]
    assert (await stored_rationale(harness))[0] is None


async def test_parts_stored_before_a_crash_are_judged_at_the_next_start(tmp_path):
    now = [NOW]
    bot = BotHarness(tmp_path, clock=lambda: now[0])
    await bot.start()
    try:
        sam = await at_rationale(bot, 3009)
        text = words(5000)
        for part in telegram_parts(text):
            await sam.send(part)
        async with bot.database.transaction() as session:  # a process took them, then stopped
            await claim_parts(session, sam.id, lambda parts: True, now=now[0])
        await bot.restart()
        now[0] = NOW.replace(minute=59)  # the claim is old: its process is gone
        await judge_left_parts(SimpleNamespace(application=bot.application))
        assert (await stored_rationale(bot))[0] == text
        assert "kind of value" in sam.last_text
    finally:
        await bot.stop()


async def test_two_processes_judge_the_same_parts_once(tmp_path):
    bot = BotHarness(tmp_path, clock=lambda: NOW)
    other = BotHarness(tmp_path, clock=lambda: NOW)  # a second instance on the same database
    other.fake = bot.fake
    await bot.start()
    await other.start()
    try:
        sam = await at_rationale(bot, 3010)
        text = words(5000)
        for part in telegram_parts(text):
            await sam.send(part)
        later = NOW.replace(minute=45)
        judged = await asyncio.gather(
            judge_waiting(bot.application, sam.id, now=later),
            judge_waiting(other.application, sam.id, now=later),
        )
        assert sorted(judged) == [False, True]
        rationale, audit = await stored_rationale(bot)
        assert rationale == text and len(audit) == 1
    finally:
        await other.stop()
        await bot.stop()


async def test_parts_nobody_claimed_before_are_not_taken_for_taken_over(harness):
    """A claim of fresh parts is no takeover: the UPDATE that claims them brings the session's rows to its
    own claim, which read afterwards made every paste « taken over » — then a paste typed while the bot was
    still saving the question came back as « a restart interrupted my reading » (the real process)."""
    sam = await join(harness, 7310, "fr", "Coop Claim", role="member")
    async with harness.database.transaction() as session:
        session.add(TextPart(user_id=sam.id, message_id=1, text="x" * 4096, received_at=NOW))
    async with harness.database.transaction() as session:
        claim = await claim_parts(session, sam.id, lambda parts: True, now=NOW, by="me")
    assert claim is not None and not claim.taken_over
