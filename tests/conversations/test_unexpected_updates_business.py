"""A member's Telegram Business chats are not the bot's.

A coop member who connects the assistant to their Telegram Business account makes Telegram send the bot
every message of their business chats: theirs to their clients, their clients' to them, each in a private
chat that is not the member's chat with the bot.

Before: the runner asked Telegram for every update type, and the middleware took a business message for
the member's private chat. Mid-question, « Bonjour, votre logement est prêt » written to a client became
the indicator's name and the next question went into the client's chat; a client writing to the member
got a row of their own and the bot's welcome.
Now: business updates are not asked for (polling and webhook alike), and any that comes anyway (a webhook
set by hand with every type) is dropped before anything: nothing read, written or sent.
"""

from __future__ import annotations

import time
from types import SimpleNamespace

from telegram import Update

from bot.runner import ALLOWED_UPDATES, Stop, register_webhook, start_polling
from models.tables import User
from tests.dossier_steps import choose, join, start_own_indicator

CLIENT = {"id": 5555, "is_bot": False, "first_name": "Client", "language_code": "fr"}
CLIENT_CHAT = {"id": 5555, "type": "private", "first_name": "Client"}
BUSINESS_TYPES = {
    "business_connection",
    "business_message",
    "edited_business_message",
    "deleted_business_messages",
}


def business_message(update_id: int, sender: dict, text: str, kind: str = "business_message") -> dict:
    """A message of a business chat with a client, as Telegram gives it to the connected bot."""
    message = {
        "message_id": update_id % 1000, "from": sender, "chat": CLIENT_CHAT, "date": int(time.time()),
        "text": text, "business_connection_id": "bc1",
    }  # fmt: skip
    if kind == "edited_business_message":
        message["edit_date"] = int(time.time())
    return {"update_id": update_id, kind: message}


async def test_a_member_s_message_to_a_client_answers_no_question_and_nothing_reaches_the_client(harness):
    sam = await join(harness, 1201, "fr")
    await choose(sam, [1])
    await start_own_indicator(sam, 1)
    first = len(harness.fake.calls)
    await harness.deliver(sam.id, business_message(900_000_101, sam.tg, "Bonjour, votre logement est prêt"))
    await harness.deliver(sam.id, business_message(900_000_102, sam.tg, "/dossier"))
    assert harness.fake.calls[first:] == []  # nothing sent, to the client nor to the member
    await sam.send("Part des logements en BRS")  # the question open is still the name's
    assert "Indicateur\u00a0: Part des logements en BRS" in sam.reply_text()
    assert "votre logement est prêt" not in sam.reply_text()


async def test_a_client_s_message_its_edit_and_deletion_are_neither_answered_nor_recorded(harness):
    sam = await join(harness, 1201, "fr")
    first = len(harness.fake.calls)
    await harness.deliver(CLIENT["id"], business_message(900_000_201, CLIENT, "Bonjour, avez-vous un T3 ?"))
    edited = business_message(900_000_202, CLIENT, "Bonjour, un T4 ?", "edited_business_message")
    await harness.deliver(CLIENT["id"], edited)
    deleted = {"business_connection_id": "bc1", "chat": CLIENT_CHAT, "message_ids": [201]}
    await harness.deliver(CLIENT["id"], {"update_id": 900_000_203, "deleted_business_messages": deleted})
    connection = {"id": "bc1", "user": sam.tg, "user_chat_id": sam.id, "date": int(time.time())}
    connection["is_enabled"] = True
    await harness.deliver(sam.id, {"update_id": 900_000_204, "business_connection": connection})
    assert harness.fake.calls[first:] == []
    async with harness.database.transaction() as session:
        assert await session.get(User, CLIENT["id"]) is None  # a stranger's message leaves no person


async def test_business_updates_are_asked_for_neither_by_the_webhook_nor_by_polling(harness, monkeypatch):
    assert set(Update.ALL_TYPES) - set(ALLOWED_UPDATES) == BUSINESS_TYPES  # every other kind still asked
    settings = SimpleNamespace(public_url="https://bot.example.org", webhook_secret="s3cret")
    await register_webhook(harness.application, settings)
    assert harness.fake.webhook["allowed_updates"] == ALLOWED_UPDATES
    asked = {}

    async def poll(**kwargs) -> None:
        asked.update(kwargs)

    updater = SimpleNamespace(bot=harness.application.bot, start_polling=poll)  # getUpdates as asked
    monkeypatch.setattr(harness.application, "updater", updater)
    await start_polling(harness.application, Stop())
    assert asked["allowed_updates"] == ALLOWED_UPDATES
