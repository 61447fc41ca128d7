"""Running real ``qualicoop run`` processes against the fake Bot API server, for end-to-end tests."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sys
from pathlib import Path

import httpx

from models.db import Database
from tests.fakes import FakeBotApiServer
from tests.miniapp import local_client

SCRIPT = Path(sys.executable).parent / "qualicoop"
TOKEN = "424242:END-TO-END"
SECRET = "a-webhook-secret-of-some-length"
PUBLIC_URL = "https://qualicoop.example.org"


def free_port() -> int:
    """A TCP port nobody listens on, on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bot_env(api: FakeBotApiServer, database_url: str, **settings: str) -> dict[str, str]:
    """The environment of a bot process: our settings only, the token, the fake API, the database."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "QUALICOOP_", "DATABASE_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        DATABASE_URL=database_url,
        TELEGRAM_API_BASE_URL=api.base_url,
        TELEGRAM_API_FILE_URL=api.base_file_url,
    )
    env.update(settings)
    return env


def webhook_env(api: FakeBotApiServer, database_url: str, **settings: str) -> dict[str, str]:
    """The environment of an instance in webhook mode, on a port of its own."""
    return bot_env(
        api,
        database_url,
        QUALICOOP_PUBLIC_URL=PUBLIC_URL,
        QUALICOOP_WEB_PORT=str(free_port()),
        QUALICOOP_WEBHOOK_SECRET=SECRET,
        **settings,
    )


class BotProcess:
    """A running ``qualicoop run``, whose output is read as it comes (a full pipe would block it)."""

    def __init__(self, process: asyncio.subprocess.Process) -> None:
        self.process = process
        self.lines: list[str] = []
        self.reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        while line := await self.process.stdout.readline():
            self.lines.append(line.decode(errors="replace"))

    @property
    def pid(self) -> int:
        return self.process.pid

    @property
    def returncode(self) -> int | None:
        return self.process.returncode

    @property
    def output(self) -> str:
        return "".join(self.lines)

    async def stop(self, how: int = signal.SIGTERM) -> str:
        """Stop the process (SIGTERM by default, unless it ended) and return all it printed."""
        if self.process.returncode is None:
            self.process.send_signal(how)
        try:
            await asyncio.wait_for(self.process.wait(), 30)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()
        await self.reader
        return self.output


async def start_bot(env: dict[str, str], cwd: Path, *args: str) -> BotProcess:
    """``qualicoop run [args]`` in the background, its output (stdout and stderr) collected."""
    process = await asyncio.create_subprocess_exec(
        str(SCRIPT), "run", *args, env=env, cwd=cwd,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    return BotProcess(process)


async def stop_bot(bot: BotProcess, how: int = signal.SIGTERM) -> str:
    """Stop a bot process and return what it printed."""
    return await bot.stop(how)


async def wait_until(predicate, timeout: float = 20.0, what: str = "condition") -> None:
    """Poll a predicate (sync or async) until it holds."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        result = predicate()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        await asyncio.sleep(0.1)


async def healthy(port: int) -> bool:
    """Whether an instance's /healthz answers 200."""
    try:
        async with local_client() as client:
            return (await client.get(f"http://127.0.0.1:{port}/healthz", timeout=2)).status_code == 200
    except httpx.HTTPError:
        return False


async def post_update(port: int, update: dict, secret: str | None = SECRET) -> int:
    """Post an update to an instance's webhook as Telegram (or a forger) would; the HTTP status."""
    headers = {} if secret is None else {"X-Telegram-Bot-Api-Secret-Token": secret}
    async with local_client() as client:
        answer = await client.post(
            f"http://127.0.0.1:{port}/webhook", json=update, headers=headers, timeout=10
        )
    return answer.status_code


async def first_started(database_url: str) -> None:
    """The database as the bot's first start (or ``qualicoop db upgrade``) leaves it: the other commands
    refuse a SQLite file that is not there."""
    database = Database(database_url)
    try:
        await database.upgrade()
    finally:
        await database.dispose()
