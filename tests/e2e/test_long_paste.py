"""End to end: a paste Telegram cuts in three parts, judged by the real process's job queue as one answer;
the same process serves the Mini App when a port and a public address are set."""

from __future__ import annotations

import asyncio
import os
import re
import sqlite3

from tests.e2e.processes import first_started
from tests.e2e.test_end_to_end import SCRIPT, TOKEN, cli, press, server, wait_until  # noqa: F401
from tests.harness import free_port
from tests.miniapp import local_client


async def test_a_long_paste_is_judged_once_the_user_is_quiet(server, tmp_path):  # noqa: F811
    api, fake = server
    database = tmp_path / "paste.sqlite3"
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "QUALICOOP_", "DATABASE_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        DATABASE_URL=f"sqlite:///{database}",
        TELEGRAM_API_BASE_URL=api.base_url,
        TELEGRAM_API_FILE_URL=api.base_file_url,
        QUALICOOP_PUBLIC_URL="https://qualicoop.example.org",
        QUALICOOP_WEB_PORT=str(port),
    )
    await first_started(env["DATABASE_URL"])
    token = re.search(r"direction +token (\S+)", cli(env, "coop", "add", "Coop Longue")).group(1)
    bot = await asyncio.create_subprocess_exec(
        str(SCRIPT),
        "run",
        env=env,
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        await wait_until(lambda: any(c.method == "deleteWebhook" for c in fake.calls), what="the bot to poll")
        assert fake.menu_buttons[None]["web_app"]["url"] == "https://qualicoop.example.org/app"
        async with local_client() as http:
            page = await http.get(f"http://127.0.0.1:{port}/app")
        assert page.status_code == 200 and "telegram-web-app.js" in page.text

        user = {"id": 601, "is_bot": False, "first_name": "Dominique", "language_code": "fr"}
        fake.user_text(user, f"/start {token}")
        home = await fake.wait_for_message(601, lambda m: "Dossier Quali’Coop" in m.get("text", ""))
        screen = await press(fake, user, "👥 Démarche", home)
        await press(fake, user, "✍️ Répondre", screen, "Expliquez votre démarche")
        text = "".join(f"mot{n} " for n in range(1500))[:9000]
        for start in range(0, 9000, 4096):  # the three messages of the paste, queued together
            fake.user_text(user, text[start : start + 4096])
        refused = await fake.wait_for_message(601, lambda m: "9\u202f000 caractères" in m.get("text", ""))
        assert "la limite est de 6\u202f000" in refused["text"]
        await fake.wait_for_message(601, lambda m: "Expliquez votre démarche" in m.get("text", ""))
        given_back = [m["text"] for m in fake.messages[601] if m["message_id"] > refused["message_id"]][:-1]
        assert " ".join(given_back) == text.strip()
        fitting = text[:4096] + text[4096:5000]
        fake.user_text(user, fitting[:4096])
        fake.user_text(user, fitting[4096:])
        await fake.wait_for_message(601, lambda m: "Comment les salariés" in m.get("text", ""))
        with sqlite3.connect(database) as connection:
            stored = connection.execute("SELECT approach FROM dossier").fetchone()[0]
        assert stored == fitting.strip()

        def parts_left() -> int:  # emptied with the answer, dropped once its reply is sent (ui.pastes)
            with sqlite3.connect(database) as connection:
                return connection.execute("SELECT COUNT(*) FROM textpart").fetchone()[0]

        await wait_until(lambda: parts_left() == 0, what="the parts dropped")
    finally:
        bot.terminate()
        try:
            await asyncio.wait_for(bot.wait(), 15)
        except TimeoutError:
            bot.kill()
            await bot.wait()
