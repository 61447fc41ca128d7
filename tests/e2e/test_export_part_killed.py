"""/export in two ZIPs, the real process killed (SIGKILL) while part 1, the one with the dossier's PDF, is
uploading: the next start sends part 1 again, then part 2, in that order, each once (the held upload
never reached Telegram). A duplicate ZIP part harms nobody; a missing one loses the PDF. With two
instances left (PostgreSQL), only the one that takes the sending over sends it again.

Before, the part cut short was settled as « uncertain » (maybe received, never resent), like a chat
message: the direction got « … (2 sur 2).zip » alone, without the PDF, and nobody was told.

The files weigh what splits a bundle in two (three of 17.5 MB, over the 50 MB a bot may send), but each
is one byte repeated: the ZIPs shrink to almost nothing, so the test uploads kilobytes, not 50 MB.
"""

from __future__ import annotations

import asyncio
import io
import re
import signal
import subprocess
import zipfile

import pytest
from sqlmodel import select

from models.db import Database
from models.outbox import BUNDLE_PART
from models.tables import DeliveryStatus, Notification
from tests.databases import database_url, needs_postgres
from tests.e2e.processes import (
    SCRIPT,
    bot_env,
    healthy,
    post_update,
    start_bot,
    stop_bot,
    wait_until,
    webhook_env,
)
from tests.e2e.test_instances import sender_pid
from tests.fakes import FakeBotApiServer, FakeTelegram

DIRECTOR = 1201
SCAN = 17_500_000  # bytes: three such files and the PDF need two parts of 50 MB
DIRECTOR_TG = {"id": DIRECTOR, "is_bot": False, "first_name": "Dominique", "language_code": "fr"}
PARTS = [f"Dossier de candidature Quali’Coop - Coop Lourde - cycle 1 ({n} sur 2).zip" for n in (1, 2)]


@pytest.fixture
async def server():
    fake = FakeTelegram(bot_username="QualiCoopExportBot")
    api = FakeBotApiServer(fake)
    await api.start()
    yield api, fake
    await api.stop()


def direction_token(env: dict[str, str]) -> str:
    """A new coop's direction invitation, from the CLI."""
    added = subprocess.run(
        [str(SCRIPT), "coop", "add", "Coop Lourde"], env=env, capture_output=True, text=True, timeout=60
    )
    assert added.returncode == 0, added.stderr
    return re.search(r"direction +token (\S+)", added.stdout).group(1)


def zips_received(fake: FakeTelegram) -> list[str]:
    """The ZIPs the direction received, in order."""
    messages = fake.messages.get(DIRECTOR, [])
    return [
        m["document"]["file_name"]
        for m in messages
        if m.get("document", {}).get("file_name", "")[-4:] == ".zip"
    ]


def zip_names(fake: FakeTelegram, file_name: str) -> list[str]:
    """The names held in the ZIP received under ``file_name``."""
    message = next(m for m in fake.messages[DIRECTOR] if m.get("document", {}).get("file_name") == file_name)
    path = fake.handle("getFile", {"file_id": message["document"]["file_id"]})["file_path"]
    return zipfile.ZipFile(io.BytesIO(fake.file_content(path))).namelist()


async def parts_status(url: str) -> list[DeliveryStatus]:
    """The bundle's parts, in order, by status."""
    database = Database(url)
    try:
        async with database.transaction() as session:
            rows = await session.exec(select(Notification).where(Notification.kind == BUNDLE_PART))
            return [DeliveryStatus(row.status) for row in sorted(rows.all(), key=lambda row: row.id)]
    finally:
        await database.dispose()


async def all_sent(url: str) -> bool:
    """Whether both parts are recorded as sent."""
    return await parts_status(url) == [DeliveryStatus.SENT] * 2


async def exported(fake: FakeTelegram, api: FakeBotApiServer, token: str, tell) -> None:
    """The direction joins, adds three scans and sends /export (each update handed over by ``tell``):
    the upload of part 1 is held, as when Telegram is slow."""
    await tell(fake.user_text(DIRECTOR_TG, f"/start {token}"))
    await fake.wait_for_message(DIRECTOR, lambda m: "Dossier Quali’Coop" in m.get("text", ""), timeout=30)
    for number in range(3):
        content = b"%PDF-1.4\n" + str(number).encode() * SCAN + b"\n%%EOF\n"  # not the same file twice
        await tell(fake.user_document(DIRECTOR_TG, f"scan{number}.pdf", content, "application/pdf"))
        await fake.wait_for_message(
            DIRECTOR, lambda m: "Document enregistré" in m.get("text", ""), timeout=30
        )
    api.hold_next("sendDocument")
    await tell(fake.user_text(DIRECTOR_TG, "/export"))
    await wait_until(lambda: api.held, timeout=60, what="part 1 uploading")
    assert "il arrive en 2 fichiers ZIP" in fake.messages[DIRECTOR][-1]["text"]


async def both_parts_arrive(fake: FakeTelegram, url: str) -> None:
    """Part 1, with the PDF, then part 2, each once, both recorded as sent."""
    await wait_until(lambda: PARTS[1] in zips_received(fake), timeout=60, what="the last part")
    assert zips_received(fake) == PARTS
    assert zip_names(fake, PARTS[0])[0] == PARTS[0].replace(" (1 sur 2).zip", ".pdf")
    assert [name[:2] for name in zip_names(fake, PARTS[1])] == ["03"]
    await wait_until(lambda: all_sent(url), timeout=10, what="both parts recorded as sent")
    await asyncio.sleep(2)  # a delivery run or two more
    assert zips_received(fake) == PARTS  # none twice


async def queued(update: dict) -> None:
    """Polling: the update waits in the fake's queue for getUpdates."""


async def test_a_part_cut_short_by_a_kill_is_sent_again_before_the_next(server, tmp_path):
    api, fake = server
    url = database_url(tmp_path)
    env = bot_env(api, url, QUALICOOP_LEASE_SECONDS="3")
    token = direction_token(env)
    first = await start_bot(env, tmp_path)
    second = None
    try:
        await exported(fake, api, token, queued)
        await stop_bot(first, signal.SIGKILL)
        second = await start_bot(env, tmp_path)
        await both_parts_arrive(fake, url)
    finally:
        output = await stop_bot(second) if second is not None else ""
        await stop_bot(first)
    assert "Traceback" not in output, output


@needs_postgres
async def test_two_instances_left_send_the_part_cut_short_once(server, tmp_path):
    """The sender killed beside another instance, a third started at once: the one that takes the sending
    over sends part 1 again, the other never (one lease, one claim)."""
    api, fake = server
    url = database_url(tmp_path)
    envs = [webhook_env(api, url, QUALICOOP_LEASE_SECONDS="3") for _ in "abc"]
    ports = [int(env["QUALICOOP_WEB_PORT"]) for env in envs]
    token = direction_token(envs[0])
    bots = [await start_bot(env, tmp_path, "--webhook") for env in envs[:2]]
    try:
        for port in ports[:2]:
            await wait_until(lambda port=port: healthy(port), timeout=60, what="the instances")

        async def posted(update: dict) -> None:
            """Webhook: Telegram posts the update to the first instance."""
            assert await post_update(ports[0], update) == 200

        await exported(fake, api, token, posted)
        holder = await sender_pid(url)
        sender = next(bot for bot in bots if bot.pid == holder)
        await stop_bot(sender, signal.SIGKILL)
        bots.append(await start_bot(envs[2], tmp_path, "--webhook"))
        await both_parts_arrive(fake, url)
    finally:
        outputs = [await stop_bot(bot) for bot in bots]
    assert not any("Traceback" in output for output in outputs), outputs
