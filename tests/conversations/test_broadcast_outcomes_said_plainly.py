"""What a federation admin reads of a broadcast, as it went: the progress counts who has it, and a
failure is said as Telegram's answer means it.

Before: the progress message, finished with ✅ right above the report, said « 2 / 2 envoyés » over
« Distribuées : 0 » (one blocked the bot, one failed); and Telegram unreachable (a 503, a 504, a connection
lost: PTB's « httpx.ConnectError… ») read « envoi refusé par Telegram », as if the recipient were the cause.
"""

from __future__ import annotations

import pytest
from telegram.error import NetworkError, TimedOut

from bot.delivery.announcements import deliver_announcements
from conversations.federation.announcements import failure_reason
from locales import translator
from models.tables import Announcement
from tests.conftest import ADMIN_ID
from tests.conversations.test_broadcast import approved_announcement, seed_members
from tests.sends import retries_due

UNREACHABLE = "Telegram était injoignable"


async def test_the_finished_progress_counts_those_who_have_it(harness):
    coop = await harness.add_coop("Coop Silence")
    await seed_members(harness.database, coop.member_token, range(46000, 46003))
    harness.fake.blocked_chats.add(46000)
    harness.fake.fail_next("sendMessage", 400, "Bad Request: chat not found", count=10, chat_id=46001)
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/start")
    announcement_id = await approved_announcement(harness.database)
    progress = await harness.application.bot.send_message(ADMIN_ID, "📤 …")  # as the composer leaves it
    async with harness.database.transaction() as session:
        announcement = await session.get(Announcement, announcement_id)
        announcement.progress_chat_id, announcement.progress_message_id = ADMIN_ID, progress.message_id
        session.add(announcement)
    await deliver_announcements(harness.application)
    while await retries_due(harness.database):
        await deliver_announcements(harness.application)
    report = admin.last_text
    assert "Distribuées\u00a0: 1" in report and "Ont bloqué le bot\u00a0: 1" in report, report
    edited = next(m["text"] for m in admin.messages if m.get("message_id") == progress.message_id)
    assert edited.startswith("✅") and edited.endswith("1 / 3 envoyés"), edited


@pytest.mark.parametrize("status, description", [(503, "Service Unavailable"), (504, "Gateway Timeout")])
async def test_telegram_down_is_said_unreachable_not_refused(harness, status, description):
    coop = await harness.add_coop("Coop Panne")
    await seed_members(harness.database, coop.member_token, range(43000, 43002))
    harness.fake.fail_next("sendMessage", status, description, count=10, chat_id=43001)
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/start")
    await approved_announcement(harness.database)
    await deliver_announcements(harness.application)
    while await retries_due(harness.database):
        await deliver_announcements(harness.application)
    assert "En échec\u00a0: 1" in admin.last_text
    await admin.press("⚠️ Voir les échecs")
    assert UNREACHABLE in admin.last_text and "refusé" not in admin.last_text, admin.last_text


@pytest.mark.parametrize(
    "error",
    [
        NetworkError("httpx.ConnectError: All connection attempts failed"),
        NetworkError("httpx.RemoteProtocolError: Server disconnected without sending a response."),
        NetworkError("httpx.ReadError: "),
        TimedOut("Pool timeout: All connections in the connection pool are occupied."),
        NetworkError("Service Unavailable (503)"),
        NetworkError("Gateway Timeout (504)"),
    ],
)
def test_every_network_error_reads_unreachable(error):
    assert failure_reason(translator("fr"), str(error)) == UNREACHABLE


def test_a_refusal_by_telegram_is_still_said_so():
    assert failure_reason(translator("fr"), "Bad Request: message is too long") == "envoi refusé par Telegram"


async def test_the_progress_says_where_it_stands_while_a_recipient_waits_for_another_try(harness):
    coop = await harness.add_coop("Coop Patience")
    await seed_members(harness.database, coop.member_token, range(46100, 46102))
    harness.fake.fail_next("sendMessage", 502, "Bad Gateway", count=1, chat_id=46100)
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/start")
    announcement_id = await approved_announcement(harness.database)
    progress = await harness.application.bot.send_message(ADMIN_ID, "📤 …")
    async with harness.database.transaction() as session:
        announcement = await session.get(Announcement, announcement_id)
        announcement.progress_chat_id, announcement.progress_message_id = ADMIN_ID, progress.message_id
        session.add(announcement)
    await deliver_announcements(harness.application)  # the first failed, the second went: not finished
    edited = next(m["text"] for m in admin.messages if m.get("message_id") == progress.message_id)
    assert edited.startswith("📤") and edited.endswith("1 / 2 envoyés"), edited
