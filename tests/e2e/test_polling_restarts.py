"""Polling through a kill, with the real process against the fake Bot API: an update fetched and not
handled yet is not lost (Telegram is told it was received only once it is handled), and a text whose
work was stored just before the kill is not taken a second time when Telegram gives it again."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess

import pytest
from sqlmodel import select

from models.db import Database
from models.tables import Indicator
from tests.databases import database_url
from tests.e2e.processes import SCRIPT, bot_env, first_started, start_bot, stop_bot, wait_until
from tests.e2e.test_end_to_end import press
from tests.fakes import FakeBotApiServer, FakeTelegram


@pytest.fixture
async def server():
    fake = FakeTelegram(bot_username="QualiCoopPollingBot")
    api = FakeBotApiServer(fake)
    await api.start()
    yield api, fake
    await api.stop()


def person(user_id: int) -> dict:
    return {"id": user_id, "is_bot": False, "first_name": "Camille", "language_code": "fr"}


def sent_to(fake: FakeTelegram, chat_id: int) -> list:
    """The messages the bot sent to one chat."""
    return [c for c in fake.calls if c.method == "sendMessage" and c.ok and c.chat_id == chat_id]


async def polling(fake: FakeTelegram) -> None:
    """Wait until the bot polls (PTB deletes any webhook right before its first getUpdates)."""
    await wait_until(lambda: any(c.method == "deleteWebhook" for c in fake.calls), timeout=60, what="polling")


async def rationales(url: str) -> list[str]:
    """The rationales of the indicators stored, as any process reads them."""
    database = Database(url)
    try:
        async with database.transaction() as session:
            return list((await session.exec(select(Indicator.rationale))).all())
    finally:
        await database.dispose()


async def test_an_update_fetched_when_the_process_is_killed_is_answered_after_the_restart(server, tmp_path):
    """Killed while its answer is on the way: Telegram gives the update again to the next start."""
    api, fake = server
    env = bot_env(api, database_url(tmp_path))
    killed = await start_bot(env, tmp_path)
    again = None
    try:
        await polling(fake)
        api.hold_next("sendMessage")  # Telegram slow to take the answer: the process is killed meanwhile
        fake.user_text(person(606), "/help")
        await wait_until(lambda: api.held, what="the answer under way")
        await asyncio.sleep(0.5)  # PTB asked getUpdates again at once: that confirmed it, before
        assert fake.pending_updates(), "confirmed before it was handled"
        await stop_bot(killed, signal.SIGKILL)
        again = await start_bot(env, tmp_path)
        await fake.wait_for_message(606, timeout=30)
    finally:
        await stop_bot(killed, signal.SIGKILL)  # (already, unless the test failed before)
        log = await stop_bot(again) if again is not None else ""
    assert again.returncode == 0, log
    assert len(sent_to(fake, 606)) == 1, [c.params.get("text", "")[:60] for c in sent_to(fake, 606)]
    assert "/aide — Ce que fait cet assistant" in sent_to(fake, 606)[0].params["text"]


async def test_a_typed_answer_stored_before_the_kill_is_not_taken_again(server, tmp_path):
    """An indicator's rationale typed, stored, killed before the next question reached them: given
    again by Telegram, the text is not taken as the answer to that next question, which is shown."""
    api, fake = server
    env = bot_env(api, database_url(tmp_path))
    await first_started(env["DATABASE_URL"])
    added = subprocess.run(
        [str(SCRIPT), "coop", "add", "Coop Habitat Bretagne"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    token = re.search(r"member +token (\S+)", added.stdout).group(1)
    camille = person(607)
    killed = await start_bot(env, tmp_path)
    again = None
    try:
        await polling(fake)
        fake.user_text(camille, f"/start {token}")
        screen = await fake.wait_for_message(607, lambda m: "Dossier Quali’Coop" in m.get("text", ""))
        for label, expect in (
            ("Axe 1", "Axe 1 — 0/4"), ("⬜ 1 · ", "Axe 1 — 1/4"), ("🏠 Mon dossier", "Engagements"),
                ("📊 Indicateurs", "Indicateurs et plans"),
            (" 1 · ", "Engagement 1"), ("➕ Ajouter un indicateur", "indicateur proposé"), ("1 · ", "Étape 2/5"),
        ):  # fmt: skip
            screen = await press(fake, camille, label, screen, expect)
        api.hold_next("sendMessage")  # the next question: slow to go, the process killed meanwhile
        fake.user_text(camille, "Nos logements restent abordables.")
        await wait_until(lambda: api.held, what="the next question under way")
        await stop_bot(killed, signal.SIGKILL)
        assert await rationales(env["DATABASE_URL"]) == ["Nos logements restent abordables."]
        told = len(sent_to(fake, 607))
        again = await start_bot(env, tmp_path)
        # a process starting on a busy machine: as long as the first restart's wait above
        resumed = await fake.wait_for_message(
            607, lambda m: "a redémarré juste après" in m.get("text", ""), timeout=30
        )
        assert "valeur actuelle\u00a0?" in resumed["text"], resumed["text"]  # the question they are at
        await wait_until(lambda: not fake.pending_updates(), timeout=30, what="the update confirmed")
        fake.user_text(camille, "12,5 %")
        await fake.wait_for_message(607, lambda m: "Valeur actuelle\u00a0: 12,5\u00a0%" in m.get("text", ""))
    finally:
        await stop_bot(killed, signal.SIGKILL)  # (already, unless the test failed before)
        log = await stop_bot(again) if again is not None else ""
    assert again.returncode == 0, log
    assert len(sent_to(fake, 607)) == told + 2, log  # where they are; no refusal of the rationale as a value
    assert await rationales(env["DATABASE_URL"]) == ["Nos logements restent abordables."]
    assert "was handled before the last stop: its sender is shown where they are" in log, log
