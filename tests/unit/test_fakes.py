"""Tests proving the fake Telegram Bot API behaves like Telegram for PTB."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, RetryAfter
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
)

from tests.fakes import BotApiError, FakeBotApiServer, FakeRequest, FakeTelegram

TOKEN = "123:ABC"
# PTB drops Telegram's "Bad Request: " prefix and capitalises the rest, hence (?i) below.
CHAT = 4242
USER = {"id": CHAT, "is_bot": False, "first_name": "Camille", "language_code": "fr"}


def keyboard(*datas: str) -> InlineKeyboardMarkup:
    """One row of callback buttons."""
    return InlineKeyboardMarkup([[InlineKeyboardButton(d[:10], callback_data=d) for d in datas]])


@pytest.fixture
def fake() -> FakeTelegram:
    return FakeTelegram()


@pytest.fixture
async def bot(fake: FakeTelegram) -> AsyncIterator[Bot]:
    bot = Bot(token=TOKEN, request=FakeRequest(fake), get_updates_request=FakeRequest(fake))
    async with bot:
        yield bot


@pytest.fixture
async def server(fake: FakeTelegram) -> AsyncIterator[FakeBotApiServer]:
    async with FakeBotApiServer(fake) as server:
        yield server


@pytest.fixture
async def http_bot(server: FakeBotApiServer) -> AsyncIterator[Bot]:
    bot = Bot(TOKEN, base_url=server.base_url, base_file_url=server.base_file_url)
    async with bot:
        yield bot


# --- FakeTelegram on its own ---------------------------------------------------------------


def test_form_encoded_params_are_normalised(fake: FakeTelegram) -> None:
    result = fake.handle(
        "SENDMESSAGE",
        {
            "chat_id": "7",
            "text": "true",
            "disable_notification": "true",
            "reply_markup": '{"inline_keyboard": [[{"text": "A", "callback_data": "a"}]]}',
        },
    )
    call = fake.calls[-1]
    assert (call.method, call.chat_id, call.ok) == ("sendMessage", 7, True)
    assert call.params["disable_notification"] is True and call.params["text"] == "true"
    assert result["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "a"
    with pytest.raises(BotApiError) as error:
        fake.handle("sendSticker", {"chat_id": 7})
    assert (error.value.status, error.value.description) == (404, "Not Found")


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<b>bold", "Can't find end tag"),
        ("<b>x</i>", "Unmatched end tag"),
        ("<blink>x</blink>", "Unsupported start tag"),
        ("1 < 2", "Unsupported start tag"),
        ("fish & chips", 'Character "&"'),
        ('<span class="x">y</span>', 'must have class "tg-spoiler"'),
    ],
)
def test_html_parse_errors(fake: FakeTelegram, html: str, reason: str) -> None:
    with pytest.raises(BotApiError) as error:
        fake.handle("sendMessage", {"chat_id": CHAT, "text": html, "parse_mode": "HTML"})
    assert error.value.description.startswith("Bad Request: can't parse entities: ")
    assert reason in error.value.description


def test_html_entities_and_utf16_length(fake: FakeTelegram) -> None:
    sent = fake.handle(
        "sendMessage",
        {
            "chat_id": CHAT,
            "parse_mode": "HTML",
            "text": "  😀 <b>gras <i>it</i></b> &lt;&#39;&#x41;&gt; "
            '<a href="https://x.y/?a=1&amp;b=2">l</a> ',
        },
    )
    assert sent["text"] == "😀 gras it <'A> l"
    assert sent["entities"] == [
        {"type": "bold", "offset": 3, "length": 7},
        {"type": "italic", "offset": 8, "length": 2},
        {"type": "text_link", "offset": 16, "length": 1, "url": "https://x.y/?a=1&b=2"},
    ]
    fake.handle("sendMessage", {"chat_id": CHAT, "text": "😀" * 2048})  # 4096 UTF-16 units
    with pytest.raises(BotApiError, match="message is too long"):
        fake.handle("sendMessage", {"chat_id": CHAT, "text": "😀" * 2048 + "a"})


def test_incoming_updates_and_offsets(fake: FakeTelegram) -> None:
    update = fake.user_text(USER, "/start@qualicoop_test_bot hello")
    assert update["update_id"] == 1
    assert update["message"]["entities"] == [{"type": "bot_command", "offset": 0, "length": 25}]
    fake.user_text(USER, "second")
    assert [u["update_id"] for u in fake.handle("getUpdates", {"offset": "2"})] == [2]
    assert [u["update_id"] for u in fake.pending_updates()] == [2]


async def test_wait_for_message_sees_new_and_edited_messages(fake: FakeTelegram) -> None:
    fake.handle("sendMessage", {"chat_id": CHAT, "text": "old"})
    fake.user_text(USER, "hi")  # the user has now seen "old"

    async def reply_later() -> None:
        await asyncio.sleep(0.01)
        markup = keyboard("a").to_dict()
        fake.handle("sendMessage", {"chat_id": CHAT, "text": "menu", "reply_markup": markup})
        await asyncio.sleep(0.01)
        fake.handle("editMessageText", {"chat_id": CHAT, "message_id": 3, "text": "done"})

    task = asyncio.create_task(reply_later())
    assert (await fake.wait_for_message(CHAT, timeout=1))["text"] == "menu"
    edited = await fake.wait_for_message(CHAT, lambda m: m["text"] == "done", timeout=1)
    assert "edit_date" in edited and "reply_markup" not in edited  # no markup sent: removed
    await task
    with pytest.raises(TimeoutError, match="done"):
        await fake.wait_for_message(CHAT, timeout=0.05)


def test_fail_next_and_rate_measurement(fake: FakeTelegram) -> None:
    fake.fail_next("sendMessage", 500, "Internal Server Error", count=2, chat_id=2)
    fake.handle("sendMessage", {"chat_id": 1, "text": "a"})
    for _ in range(2):
        with pytest.raises(BotApiError):
            fake.handle("sendMessage", {"chat_id": 2, "text": "b"})
    fake.handle("sendMessage", {"chat_id": 2, "text": "c"})
    fake.handle("sendChatAction", {"chat_id": 2, "action": "typing"})  # not a message send
    assert [c.ok for c in fake.calls] == [True, False, False, True, True]
    assert fake.max_sends_in_window(1.0) == 2
    assert fake.sends_per_chat_min_gap(2) is None  # only one *successful* send so far
    time.sleep(0.02)
    fake.handle("sendMessage", {"chat_id": 2, "text": "d"})
    assert fake.max_sends_in_window(0.01) == 2  # "a" and "c", not "d"
    assert fake.sends_per_chat_min_gap(2) >= 0.02


def test_user_callback_checks_the_button(fake: FakeTelegram) -> None:
    markup = keyboard("yes").to_dict()
    message = fake.handle("sendMessage", {"chat_id": CHAT, "text": "Q?", "reply_markup": markup})
    with pytest.raises(ValueError, match="no button"):
        fake.user_callback(USER, message, "no")
    query = fake.user_callback(USER, message, "yes")["callback_query"]
    assert query["message"]["text"] == "Q?" and query["data"] == "yes"
    answer = {"callback_query_id": query["id"], "text": "ok"}
    assert fake.handle("answerCallbackQuery", answer) is True
    assert fake.callback_answers[query["id"]] == {"text": "ok"}
    with pytest.raises(BotApiError, match="query is too old"):
        fake.handle("answerCallbackQuery", {"callback_query_id": query["id"]})


def test_reply_keyboards_are_what_each_chat_shows(fake: FakeTelegram) -> None:
    shown = {"keyboard": [[{"text": "Oui"}, {"text": "Non"}]], "one_time_keyboard": True}
    sent = fake.handle("sendMessage", {"chat_id": CHAT, "text": "Q?", "reply_markup": shown})
    assert "reply_markup" not in sent  # Telegram never echoes a reply keyboard
    assert fake.reply_keyboards == {CHAT: shown}
    fake.handle("sendMessage", {"chat_id": CHAT, "text": "ok", "reply_markup": {"remove_keyboard": True}})
    assert fake.reply_keyboards == {}


def test_files_by_id_and_by_path(fake: FakeTelegram) -> None:
    document = fake.store_file(b"%PDF-1.4", "lettre.pdf", "application/pdf")
    found = fake.handle("getFile", {"file_id": document["file_id"]})
    assert found["file_size"] == 8 and fake.file_content(found["file_path"]) == b"%PDF-1.4"
    resent = fake.handle("sendDocument", {"chat_id": CHAT, "document": document["file_id"]})
    assert resent["document"] == document  # a known file_id is the same file, not a copy
    with pytest.raises(BotApiError, match="invalid file_id"):
        fake.handle("getFile", {"file_id": "nope"})
    with pytest.raises(BotApiError, match="wrong file identifier"):
        fake.handle("sendDocument", {"chat_id": CHAT, "document": "nope"})
    with pytest.raises(KeyError):
        fake.file_content("documents/unknown.pdf")


# --- a real PTB Bot through FakeRequest ----------------------------------------------------------


async def test_bot_send_and_edit(bot: Bot, fake: FakeTelegram) -> None:
    assert bot.username == "qualicoop_test_bot"
    sent = await bot.send_message(
        CHAT, "<b>Bonjour</b> Camille", parse_mode=ParseMode.HTML, reply_markup=keyboard("go")
    )
    assert sent.text == "Bonjour Camille" and sent.text_html == "<b>Bonjour</b> Camille"
    assert sent.from_user.id == fake.bot_user["id"]
    go = keyboard("go")
    edited = await bot.edit_message_text("Suite", CHAT, sent.message_id, reply_markup=go)
    assert edited.text == "Suite" and edited.edit_date is not None
    stored = fake.find_message(CHAT, sent.message_id)
    assert stored is fake.last_message(CHAT) and stored["text"] == "Suite"
    assert stored["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "go"
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await bot.edit_message_text("Suite", CHAT, sent.message_id, reply_markup=go)
    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await bot.edit_message_text("x", CHAT, 999)
    assert await bot.delete_message(CHAT, sent.message_id)
    assert fake.find_message(CHAT, sent.message_id) is None


async def test_bot_errors(bot: Bot, fake: FakeTelegram) -> None:
    await bot.send_message(CHAT, "a" * 4096)
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        await bot.send_message(CHAT, "a" * 4097)
    with pytest.raises(BadRequest, match="(?i)message text is empty"):
        await bot.send_message(CHAT, "<b> </b>", parse_mode=ParseMode.HTML)
    await bot.send_message(CHAT, "ok", reply_markup=keyboard("é" * 32))  # 64 bytes
    with pytest.raises(BadRequest, match="(?i)BUTTON_DATA_INVALID"):
        await bot.send_message(CHAT, "ko", reply_markup=keyboard("x" * 65))
    fake.blocked_chats.add(666)
    with pytest.raises(Forbidden, match="(?i)bot was blocked by the user"):
        await bot.send_message(666, "hello?")
    fake.fail_next("sendMessage", 429, "Too Many Requests: retry after 3", retry_after=3)
    with pytest.raises(RetryAfter, match="(?i)Retry in 3"):
        await bot.send_message(CHAT, "flood")
    await bot.send_message(CHAT, "after the flood")
    with pytest.raises(BadRequest, match="(?i)message caption is too long"):
        await bot.send_document(CHAT, b"x", filename="a.txt", caption="c" * 1025)


async def test_bot_document_round_trip(bot: Bot, fake: FakeTelegram) -> None:
    content = b"%PDF-1.4 dossier"
    message = await bot.send_document(CHAT, content, filename="dossier.pdf", caption="Dossier")
    assert message.document.file_name == "dossier.pdf" and message.caption == "Dossier"
    file = await bot.get_file(message.document.file_id)
    assert file.file_path.endswith("documents/file_1.pdf")
    assert bytes(await file.download_as_bytearray()) == content
    photo = await bot.send_photo(CHAT, b"\x89PNG fake")
    assert len(photo.photo) == 2
    big = fake.store_file(b"0" * (20 * 1024 * 1024 + 1), "big.zip", "application/zip")
    with pytest.raises(BadRequest, match="(?i)file is too big"):
        await bot.get_file(big["file_id"])


async def test_bot_reads_files_sent_by_users(bot: Bot, fake: FakeTelegram) -> None:
    fake.user_document(USER, "statuts.pdf", b"%PDF statuts", "application/pdf", "Nos statuts")
    fake.user_photo(USER, b"\xff\xd8 jpeg")
    document_update, photo_update = await bot.get_updates()
    document = document_update.message.document
    assert (document.file_name, document_update.message.caption) == ("statuts.pdf", "Nos statuts")
    file = await bot.get_file(document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"%PDF statuts"
    largest = await bot.get_file(photo_update.message.photo[-1].file_id)
    assert bytes(await largest.download_as_bytearray()) == b"\xff\xd8 jpeg"


async def test_bot_commands_per_language(bot: Bot, fake: FakeTelegram) -> None:
    await bot.set_my_commands([("start", "Start")])
    await bot.set_my_commands([("start", "Démarrer"), ("aide", "Aide")], language_code="fr")
    assert [c["command"] for c in fake.commands["fr"]] == ["start", "aide"]
    assert fake.commands[None] == [{"command": "start", "description": "Start"}]
    french = await bot.get_my_commands(language_code="fr")
    assert [c.description for c in french] == ["Démarrer", "Aide"]
    with pytest.raises(BadRequest, match="(?i)BOT_COMMAND_INVALID"):
        await bot.set_my_commands([("Start-Now", "bad")])


async def test_application_polls_and_answers(fake: FakeTelegram) -> None:
    async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.effective_chat.send_message("Bienvenue !", reply_markup=keyboard("menu"))

    async def press(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text(f"Choisi : {update.callback_query.data}")

    app: Application = (
        ApplicationBuilder()
        .token(TOKEN)
        .request(FakeRequest(fake))
        .get_updates_request(FakeRequest(fake))
        .build()
    )
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(press))
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0)
        fake.user_text(USER, "/start")
        welcome = await fake.wait_for_message(CHAT, timeout=3)
        assert welcome["text"] == "Bienvenue !"
        fake.user_callback(USER, welcome, "menu")
        assert (await fake.wait_for_message(CHAT, timeout=3))["text"] == "Choisi : menu"
        await app.updater.stop()
        await app.stop()
    assert fake.pending_updates() == []  # the updater confirmed what it processed


# --- a real PTB Bot over HTTP through FakeBotApiServer --------------------------------------------


async def test_http_send_edit_and_errors(http_bot: Bot, fake: FakeTelegram, server: FakeBotApiServer) -> None:
    sent = await http_bot.send_message(
        CHAT, "<i>Salut</i>", parse_mode=ParseMode.HTML, reply_markup=keyboard("a", "b")
    )
    assert sent.text == "Salut" and sent.reply_markup.inline_keyboard[0][1].callback_data == "b"
    assert fake.calls[-1].params["chat_id"] == CHAT  # the form posted "4242"
    await http_bot.edit_message_reply_markup(CHAT, sent.message_id, reply_markup=keyboard("c"))
    assert fake.last_message(CHAT)["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "c"
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        await http_bot.send_message(CHAT, "a" * 4097)
    fake.blocked_chats.add(CHAT)
    with pytest.raises(Forbidden):
        await http_bot.send_chat_action(CHAT, "typing")
    fake.fail_next("getMe", 429, "Too Many Requests: retry after 2", retry_after=2)
    with pytest.raises(RetryAfter, match="(?i)Retry in 2"):
        await http_bot.get_me()
    assert server.tokens_seen == {TOKEN}


async def test_http_document_upload_and_download(http_bot: Bot, fake: FakeTelegram) -> None:
    content = "Compte rendu du comité ✓".encode()
    message = await http_bot.send_document(
        CHAT, content, filename="compte-rendu.txt", reply_markup=keyboard("ok")
    )
    assert message.document.mime_type == "text/plain" and message.document.file_size == len(content)
    file = await http_bot.get_file(message.document.file_id)
    assert bytes(await file.download_as_bytearray()) == content
    assert fake.file_content(file.file_path.rsplit("/bot" + TOKEN + "/", 1)[1]) == content


async def test_http_get_updates_offsets(http_bot: Bot, fake: FakeTelegram) -> None:
    for text in ("un", "deux", "trois"):
        fake.user_text(USER, text)
    updates = await http_bot.get_updates()
    assert [u.message.text for u in updates] == ["un", "deux", "trois"]
    updates = await http_bot.get_updates(offset=updates[1].update_id)
    assert [u.update_id for u in updates] == [2, 3]
    assert [u["update_id"] for u in fake.pending_updates()] == [2, 3]
    assert await http_bot.get_updates(offset=4) == ()
    assert fake.pending_updates() == []


async def test_http_long_poll_returns_early_and_does_not_block(http_bot: Bot, fake: FakeTelegram) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(http_bot.get_updates(timeout=3))
    await asyncio.sleep(0.1)
    assert not poll.done()
    await http_bot.send_message(CHAT, "pendant le long poll")  # served while polling
    fake.user_text(USER, "réveil")
    updates = await asyncio.wait_for(poll, 2)
    assert [u.message.text for u in updates] == ["réveil"]
    assert time.monotonic() - started < 1.5


async def test_http_stop_ends_pending_long_polls(http_bot: Bot, server: FakeBotApiServer) -> None:
    poll = asyncio.create_task(http_bot.get_updates(timeout=5))
    await asyncio.sleep(0.1)
    started = time.monotonic()
    await server.stop()
    assert await asyncio.wait_for(poll, 1) == ()
    assert time.monotonic() - started < 0.5
