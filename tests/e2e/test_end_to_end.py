"""End to end: the real ``qualicoop run`` process against a fake Bot API server on 127.0.0.1."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import select

from models.db import Database
from models.tables import StoredFile
from tests.databases import database_url
from tests.e2e.processes import first_started
from tests.fakes import FakeBotApiServer, FakeTelegram

SCRIPT = Path(sys.executable).parent / "qualicoop"
TOKEN = "424242:END-TO-END"


def cli(env: dict, *args: str) -> str:
    """Run the installed console script and return what it printed."""
    result = subprocess.run([str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture
async def server():
    fake = FakeTelegram(bot_username="QualiCoopE2EBot")
    api = FakeBotApiServer(fake)
    await api.start()
    yield api, fake
    await api.stop()


async def press(fake: FakeTelegram, user: dict, label: str, message: dict, expect: str = "") -> dict:
    """Press the button of ``message`` whose label contains ``label``; wait for the screen."""
    stored = fake.find_message(user["id"], message["message_id"])
    data = next(
        b["callback_data"]
        for row in stored["reply_markup"]["inline_keyboard"]
        for b in row
        if label in b["text"]
    )
    fake.user_callback(user, stored, data)
    return await fake.wait_for_message(
        user["id"], lambda m: m["message_id"] == stored["message_id"] and expect in m.get("text", "")
    )


async def stored_files(url: str) -> list[bytes]:
    """The uploaded files the bot keeps, as any instance reads them."""
    database = Database(url)
    try:
        async with database.transaction() as session:
            return [bytes(c) for c in (await session.exec(select(StoredFile.content))).all()]
    finally:
        await database.dispose()


async def wait_until(predicate, timeout: float = 20.0, what: str = "condition") -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def test_join_through_invitation_link_and_reach_home_in_french_and_english(server, tmp_path):
    api, fake = server
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "QUALICOOP_", "DATABASE_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        DATABASE_URL=database_url(tmp_path, "e2e"),
        TELEGRAM_API_BASE_URL=api.base_url,
        TELEGRAM_API_FILE_URL=api.base_file_url,
        QUALICOOP_ADMIN_IDS="9000",
    )
    await first_started(env["DATABASE_URL"])
    out = cli(env, "coop", "add", "Coop Habitat Bretagne", "--region", "Bretagne")
    token = re.search(r"member +token (\S+)", out).group(1)

    bot = await asyncio.create_subprocess_exec(
        str(SCRIPT),
        "run",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        # run_polling deletes any webhook right before its first getUpdates
        await wait_until(lambda: any(c.method == "deleteWebhook" for c in fake.calls), what="the bot to poll")
        assert api.tokens_seen == {TOKEN}
        assert fake.commands[None][0]["description"] == "Ouvrir le dossier de ma coopérative"
        assert fake.commands["en"][0]["description"] == "Open my coop’s dossier"

        french = {"id": 501, "is_bot": False, "first_name": "Camille", "language_code": "fr"}
        fake.user_text(french, f"/start {token}")
        home = await fake.wait_for_message(501, lambda m: "Dossier Quali’Coop" in m.get("text", ""))
        assert "Coop Habitat Bretagne" in home["text"] and "Axe 1 — 0/4" in home["text"]

        english = {"id": 502, "is_bot": False, "first_name": "Sam", "language_code": "en"}
        fake.user_text(english, f"/start {token}")
        home = await fake.wait_for_message(502, lambda m: "Quali’Coop dossier" in m.get("text", ""))
        assert "Coop Habitat Bretagne" in home["text"] and "Axis 1 — 0/4" in home["text"]

        # choose engagements with the buttons and enter one indicator, through the real process
        home = await press(fake, french, "Axe 1", home)
        assert "Axe 1 — 0/4" in home["text"]
        screen = await press(fake, french, "⬜ 1 · ", home, "Axe 1 — 1/4")
        screen = await press(fake, french, "⬜ 2 · ", screen, "Axe 1 — 2/4")
        screen = await press(fake, french, "🏠 Mon dossier", screen, "Engagements\u00a0: 2/8")
        screen = await press(fake, french, "📊 Indicateurs", screen, "Indicateurs et plans")
        screen = await press(fake, french, " 1 · ", screen, "Engagement 1")
        screen = await press(fake, french, "➕ Ajouter un indicateur", screen, "indicateur proposé")
        await press(fake, french, "1 · ", screen, "Étape 2/5")
        for answer, next_question in (
            ("Nos logements restent abordables.", "valeur actuelle\u00a0?"),
            ("12,5 %", "Valeur actuelle\u00a0: 12,5\u00a0%"),
            ("25 %", "Valeur cible\u00a0: 25\u00a0%"),
            ("mai 2028", "Date cible\u00a0: mai 2028 (31 mai 2028)"),
            ("Former l’équipe", "Action\u00a0: Former l’équipe"),
            ("La direction", "Qui la porte\u00a0: La direction"),
            ("mars 2027", "Plan d’actions"),
        ):
            fake.user_text(french, answer)
            await fake.wait_for_message(501, lambda m, q=next_question: q in m.get("text", ""))

        # a document: the bot fetches it with getFile and the file endpoint, and stores it
        letter = b"%PDF-1.4\n% lettre d'engagement\n%%EOF\n"
        fake.user_document(french, "lettre.pdf", letter, "application/pdf")
        await fake.wait_for_message(501, lambda m: "Document enregistré" in m.get("text", ""))
        assert await stored_files(env["DATABASE_URL"]) == [letter]  # in the database, for every instance
        # the PDF goes back up as a multipart upload
        fake.user_text(french, "/pdf")
        sent = await fake.wait_for_message(501, lambda m: "document" in m)
        pdf = fake.file_content(fake.handle("getFile", {"file_id": sent["document"]["file_id"]})["file_path"])
        assert pdf.startswith(b"%PDF") and sent["document"]["file_name"].endswith(".pdf")

        # the bot learned its username at start: new links are complete t.me links
        out = cli(env, "coop", "invite", "Coop Habitat Bretagne")
        assert "https://t.me/QualiCoopE2EBot?start=" in out
    finally:
        if bot.returncode is None:
            bot.send_signal(signal.SIGINT)
            try:
                await asyncio.wait_for(bot.wait(), 15)
            except TimeoutError:
                bot.kill()
                await bot.wait()
    log = (await bot.stdout.read()).decode()
    assert bot.returncode == 0, log
    assert TOKEN not in log  # the token never reaches the logs
    # the job queue's runs (every 2 s, 3 s, 5 s, each typed answer) are not logged line by line
    assert not [line for line in log.splitlines() if " INFO apscheduler" in line]
