"""A process killed after an answer was stored, while its reply (the next question) was on its way to
Telegram: the person is shown where they are, once, by whichever process goes on; the text they sent is
stored once, and nothing of it is taken as the next question's answer.

Before, in webhook mode the update was forgotten with its work, so the instance taking over knew
nothing of the reply lost: the person saw nothing, and the same sentence sent again was stored as the
next field's answer, whose question they had never seen. A long paste, judged by a job, left nothing
either, in polling mode as in webhook mode (no update is given again for it).
"""

from __future__ import annotations

import asyncio
import re
import signal

import pytest
from sqlmodel import select

from models.db import Database
from models.tables import Dossier, UnhandledUpdate
from tests.databases import database_url
from tests.e2e.processes import bot_env, healthy, post_update, start_bot, stop_bot, wait_until, webhook_env
from tests.e2e.test_end_to_end import cli
from tests.fakes import FakeBotApiServer, FakeTelegram

RESUMED = "ℹ️ L’assistant a redémarré juste après votre dernier message"
FIRST_QUESTION = "Expliquez votre démarche"
SECOND_QUESTION = "Comment les salariés ont-ils été informés"
ANSWER = "Nous voulons mesurer ce qui fait de nous une coopérative."
PASTE = "".join(f"mot{n} " for n in range(1000))[:5000]  # two messages: 4,096 characters, then the rest


@pytest.fixture
async def server():
    fake = FakeTelegram(bot_username="QualiCoopKillBot")
    api = FakeBotApiServer(fake)
    await api.start()
    yield api, fake
    await api.stop()


def person(user_id: int) -> dict:
    return {"id": user_id, "is_bot": False, "first_name": "Dominique", "language_code": "fr"}


class Chat:
    """One person's side of the chat, sending through the webhook of an instance (``port``) or by
    polling (None: the fake Telegram hands the updates out)."""

    def __init__(self, fake: FakeTelegram, user_id: int, port: int | None = None) -> None:
        self.fake, self.user, self.port = fake, person(user_id), port

    async def say(self, text: str) -> None:
        update = self.fake.user_text(self.user, text)
        if self.port is not None:
            assert await post_update(self.port, update) == 200

    async def press(self, label: str, message: dict, expect: str = "") -> dict:
        stored = self.fake.find_message(self.user["id"], message["message_id"])
        buttons = [b for row in stored["reply_markup"]["inline_keyboard"] for b in row]
        update = self.fake.user_callback(
            self.user, stored, next(b for b in buttons if label in b["text"])["callback_data"]
        )
        if self.port is not None:
            assert await post_update(self.port, update) == 200
        return await self.fake.wait_for_message(
            self.user["id"],
            lambda m: m["message_id"] == stored["message_id"] and expect in m.get("text", ""),
            30,
        )

    async def at_the_first_question(self, token: str) -> None:
        """Joined as the direction, at « Démarche » → « Répondre »: its first question."""
        await self.say(f"/start {token}")
        home = await self.fake.wait_for_message(
            self.user["id"], lambda m: "Dossier Quali’Coop" in m.get("text", ""), 30
        )
        screen = await self.press("👥 Démarche", home)
        await self.press("✍️ Répondre", screen, FIRST_QUESTION)

    def texts(self) -> list[str]:
        """What Telegram took to this person, in order."""
        calls = self.fake.calls
        return [
            c.params.get("text", "")
            for c in calls
            if c.ok and c.chat_id == self.user["id"] and c.method == "sendMessage"
        ]


async def approach(url: str) -> tuple[str | None, str | None]:
    """The dossier's first two fields, as any process reads them."""
    database = Database(url)
    try:
        async with database.transaction() as session:
            dossier = (await session.exec(select(Dossier))).one()
            return dossier.approach, dossier.staff_information
    finally:
        await database.dispose()


async def kept_updates(url: str) -> int:
    """The updates kept in the database, not handled or not answered yet."""
    database = Database(url)
    try:
        async with database.transaction() as session:
            return len((await session.exec(select(UnhandledUpdate.update_id))).all())
    finally:
        await database.dispose()


def direction_token(env: dict) -> str:
    return re.search(r"direction +token (\S+)", cli(env, "coop", "add", "Coop Interrompue")).group(1)


async def shown_where_they_are_once(chat: Chat, told: int) -> None:
    """The person is told where they are, at the question after their answer, once."""
    resumed = await chat.fake.wait_for_message(
        chat.user["id"], lambda m: RESUMED in m.get("text", ""), timeout=60
    )
    assert SECOND_QUESTION in resumed["text"] and "Étape 2/4" in resumed["text"], resumed["text"]
    await asyncio.sleep(3)  # a few more beats: nothing more
    assert [RESUMED in text for text in chat.texts()[told:]] == [True], chat.texts()[told:]


async def test_webhook_an_instance_killed_before_the_next_question_went_out(server, tmp_path):
    """Two instances; A stores the answer and is killed while Telegram is slow to take the next question;
    B shows the person where they are, once. Another person answered just before is shown nothing more."""
    api, fake = server
    url = database_url(tmp_path)
    envs = [webhook_env(api, url, QUALICOOP_LEASE_SECONDS="3") for _ in "ab"]
    a_port, b_port = (int(env["QUALICOOP_WEB_PORT"]) for env in envs)
    token = direction_token(envs[0])
    a = await start_bot(envs[0], tmp_path, "--webhook")
    b = None
    dominique, sam = Chat(fake, 811, a_port), Chat(fake, 812, a_port)
    try:
        await wait_until(lambda: healthy(a_port), timeout=60, what="A")
        await dominique.at_the_first_question(token)
        await sam.say("/aide")  # answered normally: nothing more is owed to Sam
        await fake.wait_for_message(812, timeout=30)
        await asyncio.sleep(2)  # A's next beats
        api.hold_next("sendMessage")
        await dominique.say(ANSWER)
        await wait_until(lambda: api.held, timeout=30, what="the next question under way")
        await stop_bot(a, signal.SIGKILL)
        assert await approach(url) == (ANSWER, None)
        told, sam_told = len(dominique.texts()), len(sam.texts())
        b = await start_bot(envs[1], tmp_path, "--webhook")
        await wait_until(lambda: healthy(b_port), timeout=60, what="B")
        await shown_where_they_are_once(dominique, told)
        assert len(sam.texts()) == sam_told, sam.texts()[sam_told:]
        dominique.port = b_port
        await dominique.say("Par une réunion d’équipe en mars.")  # the question shown: its answer
        await fake.wait_for_message(811, lambda m: "Étape 3/4" in m.get("text", ""), timeout=30)
        assert await approach(url) == (ANSWER, "Par une réunion d’équipe en mars.")
    finally:
        await stop_bot(a, signal.SIGKILL)
        log = await stop_bot(b) if b is not None else ""
    assert b.returncode == 0, log
    assert await kept_updates(url) == 0, log  # a clean stop owes nobody a reply: the next start shows nothing


@pytest.mark.parametrize("mode", ["polling", "webhook"])
async def test_a_paste_stored_before_a_kill_is_not_lost_nor_taken_again(server, tmp_path, mode):
    """A paste in two messages, judged and stored; killed while the next question was on its way: the
    next process (polling: the restart; webhook: the other instance) shows the person where they are."""
    api, fake = server
    url = database_url(tmp_path)
    if mode == "polling":
        envs = [bot_env(api, url)] * 2
        ports, args = [None, None], ()
    else:
        envs = [webhook_env(api, url, QUALICOOP_LEASE_SECONDS="3") for _ in "ab"]
        ports, args = [int(env["QUALICOOP_WEB_PORT"]) for env in envs], ("--webhook",)
    token = direction_token(envs[0])
    a = await start_bot(envs[0], tmp_path, *args)
    b = None
    dominique = Chat(fake, 813, ports[0])
    try:
        if mode == "webhook":
            await wait_until(lambda: healthy(ports[0]), timeout=60, what="A")
        await dominique.at_the_first_question(token)
        api.hold_next("sendMessage")  # the paste's answer: the next question, slow to go
        await dominique.say(PASTE[:4096])
        await dominique.say(PASTE[4096:])
        await wait_until(lambda: api.held, timeout=30, what="the next question under way")
        await stop_bot(a, signal.SIGKILL)
        assert await approach(url) == (PASTE.strip(), None)
        told = len(dominique.texts())
        b = await start_bot(envs[1], tmp_path, *args)
        await shown_where_they_are_once(dominique, told)
        assert await approach(url) == (PASTE.strip(), None)
    finally:
        await stop_bot(a, signal.SIGKILL)
        log = await stop_bot(b) if b is not None else ""
    assert b.returncode == 0, log
