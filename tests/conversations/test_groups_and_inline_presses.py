"""Outside a private chat: a coop's staff group the bot is added to, and a press on an inline message.

The bot works in private chats only (a dossier is its coop's alone). Added to a group, it says so once
with the link to its private chat; a command addressed to it there gets one line pointing to it, in the
sender's language, never a dossier nor the link typed; chatter gets nothing. A press with no message
(an inline message's) is answered with a pop-up, nothing else.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from sqlmodel import select

from models.tables import User
from tests.dossier_steps import join, open_home
from tests.harness import FakeClock

GROUP = {"id": -100123, "type": "supergroup", "title": "Coop staff"}
SMALL_GROUP = {"id": -4567, "type": "group", "title": "Bureau"}
BOT = {"id": 999000, "is_bot": True, "first_name": "Bot", "username": "qualicoop_test_bot"}
LINK = "https://t.me/qualicoop_test_bot"
RIGHTS = (
    "can_be_edited is_anonymous can_manage_chat can_delete_messages can_manage_video_chats "
    "can_restrict_members can_promote_members can_change_info can_invite_users can_post_stories "
    "can_edit_stories can_delete_stories"
)


def _number(harness) -> int:
    return 6 * 10**8 + len(harness.fake.calls)


def _bot_as(status: str) -> dict:
    rights = dict.fromkeys(RIGHTS.split(), False) if status == "administrator" else {}
    return {"status": status, "user": BOT, **rights}


def _membership(harness, chat: dict, by: dict, old: str, new: str) -> dict:
    change = {"chat": chat, "from": by, "date": int(time.time())}
    change |= {"old_chat_member": _bot_as(old), "new_chat_member": _bot_as(new)}
    return {"update_id": _number(harness), "my_chat_member": change}


def _in_group(harness, user: dict, text: str, chat: dict = GROUP) -> dict:
    typed = harness.fake.user_text(user, text)
    typed["message"]["chat"] = chat
    return typed


def _sent(harness, first: int) -> list[tuple[int, str]]:
    return [
        (c.chat_id, c.params.get("text", "")) for c in harness.fake.calls[first:] if c.method == "sendMessage"
    ]


async def test_added_to_a_group_it_says_once_in_the_adder_s_language_that_it_works_in_private(harness):
    sam = await join(harness, 1201, "en")
    first = len(harness.fake.calls)
    await harness.deliver(GROUP["id"], _membership(harness, GROUP, sam.tg, "left", "member"))
    [(chat, said)] = _sent(harness, first)
    assert chat == GROUP["id"]
    assert "private chat" in said and LINK in said and "nothing of a dossier is ever shown" in said
    first = len(harness.fake.calls)  # made an administrator, then taken off: nothing more said
    await harness.deliver(GROUP["id"], _membership(harness, GROUP, sam.tg, "member", "administrator"))
    await harness.deliver(GROUP["id"], _membership(harness, GROUP, sam.tg, "administrator", "left"))
    assert _sent(harness, first) == []
    stranger = {"id": 1300, "is_bot": False, "first_name": "Zed"}  # no language: French
    await harness.deliver(
        SMALL_GROUP["id"], _membership(harness, SMALL_GROUP, stranger, "left", "administrator")
    )
    [(chat, said)] = _sent(harness, first)
    assert chat == SMALL_GROUP["id"] and "conversation privée" in said and LINK in said
    async with harness.database.transaction() as session:  # nothing written for a group's update
        assert await session.get(User, 1300) is None
        assert (await session.get(User, 1201)).is_active


async def test_a_command_in_a_group_points_to_the_private_chat_and_shows_nothing_of_the_dossier(harness):
    sam = await join(harness, 1201, "en")
    await open_home(sam)
    mate = harness.user(1202, first_name="Zoé", language_code="fr")
    first = len(harness.fake.calls)
    await harness.deliver(GROUP["id"], _in_group(harness, sam.tg, "/dossier@qualicoop_test_bot"))
    [(chat, said)] = _sent(harness, first)
    assert chat == GROUP["id"] and LINK in said and "private chat" in said
    assert "Coop Habitat" not in said and "Sam" not in said
    first = len(harness.fake.calls)
    await harness.deliver(GROUP["id"], _in_group(harness, mate.tg, "/mesdonnees"))  # another's language
    await harness.deliver(GROUP["id"], _in_group(harness, sam.tg, "/pdf@QualiCoop_Test_Bot"))  # just said
    await harness.deliver(GROUP["id"], _in_group(harness, sam.tg, "/dossier@another_bot"))  # not for it
    await harness.deliver(GROUP["id"], _in_group(harness, sam.tg, "see you at the /dossier meeting"))
    await harness.deliver(GROUP["id"], _in_group(harness, sam.tg, "lol see you tomorrow"))
    harness.clock = FakeClock(datetime.now(UTC) + timedelta(minutes=1))  # a minute on: said again
    await harness.deliver(GROUP["id"], _in_group(harness, sam.tg, "/pdf"))
    said = _sent(harness, first)
    assert [chat for chat, _ in said] == [GROUP["id"], GROUP["id"]]
    assert "conversation privée" in said[0][1] and "private chat" in said[1][1]
    assert all(LINK in text for _, text in said)
    quoted = [
        c.params.get("reply_parameters") for c in harness.fake.calls[first:] if c.method == "sendMessage"
    ]
    assert all(quoted), quoted  # each quoting the command it answers
    assert (
        harness.fake.messages.get(sam.id, [])[-1]["message_id"] == sam.last["message_id"]
    )  # nothing private


async def test_an_invitation_typed_in_a_group_is_not_repeated_and_is_said_better_shared_privately(harness):
    boss = await join(harness, 1201, "en")
    token = boss.invitations.member_token
    mate = harness.user(1202, first_name="Zoé", language_code="fr")
    first = len(harness.fake.calls)
    await harness.deliver(GROUP["id"], _in_group(harness, mate.tg, f"/start {token}"))
    [(chat, said)] = _sent(harness, first)
    assert chat == GROUP["id"] and token not in said and LINK in said
    assert "partager en privé" in said
    async with harness.database.transaction() as session:  # not joined, not even known
        assert await session.get(User, 1202) is None
    first = len(harness.fake.calls)
    await harness.deliver(GROUP["id"], _in_group(harness, boss.tg, "/start"))  # no link: the pointer only
    [(_, said)] = _sent(harness, first)
    assert "privately" not in said and LINK in said


async def test_a_press_on_an_inline_message_gets_a_pop_up_and_nothing_else(harness):
    sam = await join(harness, 1201, "en")
    await open_home(sam)
    axis = sam.find_button("Axis 1")[1]
    for number, data in enumerate((axis, "zz:never-made")):
        query_id = f"77{number}"
        harness.fake._open_callback_queries.add(query_id)  # as the fake opens the queries it builds
        query = {
            "id": query_id,
            "from": sam.tg,
            "chat_instance": "1",
            "inline_message_id": "AAAAAQ",
            "data": data,
        }
        first = len(harness.fake.calls)
        await harness.deliver(sam.id, {"update_id": _number(harness), "callback_query": query})
        assert [c.method for c in harness.fake.calls[first:]] == ["answerCallbackQuery"]
        answer = harness.fake.callback_answers[query_id]
        assert answer["text"] == "Open our private chat to continue: @qualicoop_test_bot"
        assert answer["show_alert"] is True
    assert harness.errors == []
    async with harness.database.transaction() as session:
        assert (await session.exec(select(User).where(User.id == 1201))).one().is_active
