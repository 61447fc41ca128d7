"""What Telegram refuses or no longer knows: a screen it will not edit, a bot unblocked, an older version's
buttons. Each time the person gets their screen (or their reminders) back, and the admins hear of nothing."""

from __future__ import annotations

import time

import pytest

from models.chat_state import load_where
from models.tables import User
from tests.conftest import ADMIN_ID
from tests.dossier_steps import join, open_home

SORRY = "Sorry, something went wrong"
OUT_OF_DATE_FR = "Ce menu n’est plus à jour\u00a0: voici où vous en êtes."
NOT_YOURS_FR = "ne concerne pas le dossier de votre coopérative"


async def saved_screen_message(harness, user_id: int) -> int | None:
    """The id of the message the user's live menu is saved in."""
    async with harness.database.transaction() as session:
        return (await load_where(session, user_id)).screen_message_id


@pytest.mark.parametrize(
    "refusal", ["Bad Request: message to edit not found", "Bad Request: message can't be edited"]
)
async def test_a_screen_telegram_will_not_edit_comes_as_a_new_message_saved_as_the_live_menu(
    harness, refusal
):
    director = await join(harness, 9810001, "en")
    await open_home(director)
    home = director.last
    alerts_before = len(harness.fake.messages.get(ADMIN_ID, []))
    harness.fake.fail_next("editMessageText", 400, refusal, chat_id=director.id)
    replies = await director.press("👥 Approach", home)
    assert not any(SORRY in (reply.get("text") or "") for reply in replies)
    assert director.last["message_id"] != home["message_id"]  # drawn anew, below
    assert "✍️ Answer" in " ".join(director.buttons(director.last))
    assert await saved_screen_message(harness, director.id) == director.last["message_id"]
    assert len(harness.fake.messages.get(ADMIN_ID, [])) == alerts_before  # nothing for the admins
    # the new message is the live menu: its buttons edit it in place, as any screen's
    shown = director.last
    await director.press("🏠 My dossier", shown)
    assert director.last["message_id"] == shown["message_id"] and "👥 Approach" in " ".join(
        director.buttons()
    )


def my_chat_member(user_id: int, old: str, new: str, update_id: int) -> dict:
    """The update Telegram sends when a user blocks (« kicked ») or unblocks (« member ») the bot."""
    bot = {"id": 999000, "is_bot": True, "first_name": "Bot"}
    return {
        "update_id": update_id,
        "my_chat_member": {
            "chat": {"id": user_id, "type": "private", "first_name": "Camille"},
            "from": {"id": user_id, "is_bot": False, "first_name": "Camille"},
            "date": int(time.time()),
            "old_chat_member": {"status": old, "user": bot, **({"until_date": 0} if old == "kicked" else {})},
            "new_chat_member": {"status": new, "user": bot, **({"until_date": 0} if new == "kicked" else {})},
        },
    }


async def is_active(harness, user_id: int) -> bool:
    async with harness.database.transaction() as session:
        return (await session.get(User, user_id)).is_active


async def test_a_member_who_unblocks_the_bot_is_reachable_again_without_a_word(harness):
    member = await join(harness, 9810002, "fr")
    await open_home(member)
    harness.fake.blocked_chats.add(member.id)
    await harness.deliver(member.id, my_chat_member(member.id, "member", "kicked", 881001))
    assert not await is_active(harness, member.id)
    harness.fake.blocked_chats.discard(member.id)
    said = await harness.deliver(member.id, my_chat_member(member.id, "kicked", "member", 881002))
    assert await is_active(harness, member.id)  # checkpoint reminders and announcements reach them again
    assert said == []  # quietly: Telegram shows them the chat, its « Restart » sends /start


async def test_a_stranger_unblocking_the_bot_is_no_failure(harness):
    said = await harness.deliver(9810003, my_chat_member(9810003, "kicked", "member", 881003))
    assert said == [] and not harness.errors


@pytest.mark.parametrize("data", ["oldscreen:3", "ax:1:0:9:9:9", "ax:abc", "home:1"])
async def test_a_button_of_an_older_version_says_so_and_opens_the_current_screen(harness, data):
    member = await join(harness, 9810004, "fr")
    await open_home(member)
    await member.press("👥 Démarche")
    menu = member.last
    replies = await member.press_data(menu, data)
    assert member.alerts == [OUT_OF_DATE_FR]
    assert replies and member.last["message_id"] != menu["message_id"]  # where they are, as a new message
    assert "✍️ Répondre" in " ".join(member.buttons(member.last))
    assert await saved_screen_message(harness, member.id) == member.last["message_id"]
    assert not member.buttons(menu)  # the old menu's buttons are gone


async def test_an_unknown_button_on_an_older_message_retires_that_message_too(harness):
    member = await join(harness, 9810005, "fr")
    await open_home(member)
    older = member.last
    await member.send("/dossier")
    await member.press_data(older, "oldscreen:3")
    assert member.alerts == [OUT_OF_DATE_FR] and "Démarche" in " ".join(member.buttons(member.last))
    assert not member.buttons(older)


async def test_a_well_formed_button_naming_another_coops_row_is_still_not_yours(harness):
    member = await join(harness, 9810006, "fr")
    await open_home(member)
    await member.press_data(member.last, "en:999999:1")  # another dossier's engagement
    assert member.alerts and NOT_YOURS_FR in member.alerts[0]


async def test_someone_in_no_coop_pressing_an_old_button_gets_the_welcome(harness):
    camille = harness.user(9810007)
    await camille.send("/start")
    replies = await camille.press_data(camille.last, "eng:t:99")
    assert camille.alerts == ["Ce menu n’est plus à jour."]
    assert replies and "Bienvenue" in camille.last_text
