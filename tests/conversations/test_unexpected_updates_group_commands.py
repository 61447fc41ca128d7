"""Commands in a coop's staff group: the assistant's get the one-line pointer, other bots' get nothing.

A staff group often holds other bots. With privacy mode, Telegram gives this bot the group's unaddressed
commands whenever it was the last bot to speak there, which it is after its « I work in a private chat ».
Before: « /meteo » or « /roll 2d6 », meant for another bot, got « Je ne réponds qu’en conversation
privée… » quoting them; and an administrator posting anonymously (Telegram gives their message as from
« GroupAnonymousBot », a bot, with the group as sender_chat) got nothing at all for « /dossier@bot ».
Now: a command the assistant has not got is another bot's, left alone; the anonymous administrator gets
the pointer as anyone does (once a minute at most); another bot's own message still gets nothing.
"""

from __future__ import annotations

from models.tables import User
from tests.conversations.test_groups_and_inline_presses import GROUP, LINK, _in_group, _sent
from tests.dossier_steps import join

ANONYMOUS_ADMIN = {"id": 1087968824, "is_bot": True, "first_name": "Group", "username": "GroupAnonymousBot"}
OTHER_BOT = {"id": 777000111, "is_bot": True, "first_name": "Meteo", "username": "meteo_bot"}


def as_anonymous_admin(harness, text: str) -> dict:
    """A command typed in the group by an administrator who remains anonymous."""
    typed = _in_group(harness, {"id": 1500, "first_name": "x"}, text)
    typed["message"]["from"] = ANONYMOUS_ADMIN
    typed["message"]["sender_chat"] = GROUP
    return typed


async def test_other_bots_unaddressed_commands_get_nothing_and_the_assistant_s_own_the_pointer(harness):
    sam = await join(harness, 1201, "fr")
    first = len(harness.fake.calls)
    await harness.deliver(GROUP["id"], _in_group(harness, sam.tg, "/meteo"))
    await harness.deliver(GROUP["id"], _in_group(harness, sam.tg, "/roll 2d6"))
    assert _sent(harness, first) == []
    await harness.deliver(GROUP["id"], _in_group(harness, sam.tg, "/progress"))  # its own, in English too
    [(chat, said)] = _sent(harness, first)
    assert chat == GROUP["id"] and "conversation privée" in said and LINK in said


async def test_an_anonymous_admin_s_command_gets_the_pointer_once_a_minute_and_nothing_is_recorded(harness):
    first = len(harness.fake.calls)
    await harness.deliver(GROUP["id"], as_anonymous_admin(harness, "/dossier@qualicoop_test_bot"))
    again = as_anonymous_admin(harness, "/dossier")
    await harness.deliver(GROUP["id"], again)  # said a moment ago: not again
    [(chat, said)] = _sent(harness, first)
    assert chat == GROUP["id"] and "conversation privée" in said and LINK in said
    async with harness.database.transaction() as session:
        assert await session.get(User, ANONYMOUS_ADMIN["id"]) is None


async def test_another_bot_s_own_message_gets_nothing(harness):
    first = len(harness.fake.calls)
    typed = _in_group(harness, OTHER_BOT, "/dossier@qualicoop_test_bot")
    await harness.deliver(GROUP["id"], typed)
    assert _sent(harness, first) == []
