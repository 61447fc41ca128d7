"""End to end: a request to the federation and its reply, with the real process stopped hard between
writing and sending; each arrives once."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sqlite3

from tests.e2e.processes import first_started
from tests.e2e.test_end_to_end import SCRIPT, TOKEN, cli, press, server, wait_until  # noqa: F401

ADMIN = 9000


async def start_bot(env: dict, cwd):
    """``qualicoop run`` in the background."""
    return await asyncio.create_subprocess_exec(
        str(SCRIPT), "run", env=env, cwd=cwd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )


async def stop(bot, hard: bool = False) -> None:
    """SIGKILL (nothing runs after it) or SIGINT (a clean stop)."""
    if bot.returncode is None:
        bot.send_signal(signal.SIGKILL if hard else signal.SIGINT)
        await asyncio.wait_for(bot.wait(), 15)


def received(fake, chat_id: int, needle: str) -> int:
    return sum(needle in (m.get("text") or m.get("caption") or "") for m in fake.messages.get(chat_id, []))


def settled(database, kind: str) -> list[str]:
    """The outbox's statuses of a kind, once none is still to send (pending or claimed)."""
    with sqlite3.connect(database) as connection:
        statuses = [
            row[0] for row in connection.execute("SELECT status FROM notification WHERE kind = ?", (kind,))
        ]
    return statuses if statuses and not {"PENDING", "SENDING"} & set(statuses) else []


async def arrives_at_most_once(fake, database, chat_id: int, kind: str, needle: str) -> None:
    """Sent once; or, if the hard stop fell during its very send, settled as uncertain and never resent."""
    await wait_until(lambda: settled(database, kind), what=f"the {kind} to be settled")
    await asyncio.sleep(4)  # more outbox runs go by: nothing is sent again
    expected = 1 if settled(database, kind) == ["SENT"] else received(fake, chat_id, needle)
    assert settled(database, kind) in (["SENT"], ["UNCERTAIN"])
    assert received(fake, chat_id, needle) == expected <= 1


async def test_a_request_and_its_reply_cross_hard_stops_once(server, tmp_path):  # noqa: F811
    api, fake = server
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "QUALICOOP_", "DATABASE_"))}
    database = tmp_path / "e2e.sqlite3"
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        DATABASE_URL=f"sqlite:///{database}",
        TELEGRAM_API_BASE_URL=api.base_url,
        TELEGRAM_API_FILE_URL=api.base_file_url,
        QUALICOOP_ADMIN_IDS=str(ADMIN),
        QUALICOOP_LEASE_SECONDS="4",  # the killed instance's sending lease expires soon: the restart sends
    )
    await first_started(env["DATABASE_URL"])
    token = re.search(r"member +token (\S+)", cli(env, "coop", "add", "Coop Demande")).group(1)
    member = {"id": 601, "is_bot": False, "first_name": "Lou", "language_code": "fr"}
    admin = {"id": ADMIN, "is_bot": False, "first_name": "Fédé", "language_code": "en"}
    bot = await start_bot(env, tmp_path)
    try:
        await wait_until(lambda: any(c.method == "deleteWebhook" for c in fake.calls), what="the bot to poll")
        fake.user_text(admin, "/start")
        fake.user_text(member, f"/start {token}")
        await fake.wait_for_message(601, lambda m: "Dossier Quali’Coop" in m.get("text", ""))
        fake.user_text(member, "/federation")
        screen = await fake.wait_for_message(601, lambda m: "Solliciter la fédération" in m.get("text", ""))
        screen = await press(fake, member, "✍️", screen, "Étape 1/2")
        await press(fake, member, "📊", screen, "Étape 2/2")
        fake.user_text(member, "Comment compter les associés usagers ?")
        draft = await fake.wait_for_message(601, lambda m: "pas encore envoyée" in m.get("text", ""))
        await press(fake, member, "📤", draft, "Envoyé à la fédération")
        await stop(bot, hard=True)  # maybe before the outbox sent it, maybe after: never twice

        bot = await start_bot(env, tmp_path)
        await wait_until(
            lambda: received(fake, ADMIN, "New request from Coop Demande") == 1, what="the request"
        )
        fake.user_text(admin, "/demandes")
        inbox = await fake.wait_for_message(ADMIN, lambda m: "Requests from the coops" in m.get("text", ""))
        thread = await press(fake, admin, "Coop Demande", inbox, "Comment compter")
        await press(fake, admin, "✍️", thread, "Your reply to Coop Demande")
        fake.user_text(admin, "Les locataires et accédants associés.")
        await fake.wait_for_message(ADMIN, lambda m: "Reply sent to 1 person." in m.get("text", ""))
        await stop(bot, hard=True)

        bot = await start_bot(env, tmp_path)
        await arrives_at_most_once(fake, database, 601, "request_reply", "Réponse de la fédération")
        assert received(fake, ADMIN, "New request from Coop Demande") <= 1
    finally:
        await stop(bot)
