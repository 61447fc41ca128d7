"""The two bots as real processes on the fake Bot API: started, measured through /proc, stopped.

The product runs as ``python -m bot run`` (what ``qualicoop run`` does) and the baseline as
``python -m benchmark.echo_bot``, with the same interpreter, the same settings from the environment
and the same fake server, so that the only difference left is the code between update and reply.
CPU time and resident memory are read from /proc/<pid>: they include every thread of the process
(aiosqlite, when asked for, runs its queries in one), and nothing of the benchmark's own process.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.fakes import FakeBotApiServer

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "424242:BENCHMARK"
PRODUCT = "product"
ECHO = "echo"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and all its threads, from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime (fields 14 and 15)


def rss_bytes(pid: int) -> int:
    """Resident memory now, from /proc/<pid>/statm (pages)."""
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE_SIZE


def peak_rss_bytes(pid: int) -> int:
    """The largest resident memory so far (VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def bot_environment(server: FakeBotApiServer, database: Path, *, rate_limit: bool, plan: Path | None) -> dict:
    """The settings both bots read; nothing of the developer's own TELEGRAM_/QUALICOOP_ settings."""
    inherited = ("TELEGRAM_", "QUALICOOP_", "DATABASE_")
    env = {key: value for key, value in os.environ.items() if not key.startswith(inherited)}
    env.update(
        TELEGRAM_BOT_TOKEN=TOKEN,
        DATABASE_URL=f"sqlite:///{database}",
        TELEGRAM_API_BASE_URL=server.base_url,
        TELEGRAM_API_FILE_URL=server.base_file_url,
        QUALICOOP_RATE_LIMIT="true" if rate_limit else "false",
        QUALICOOP_FILES_DIR=str(database.parent / "files"),
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
    )
    if plan is not None:
        env["QUALICOOP_BENCH_PLAN"] = str(plan)
    return env


@dataclass
class BotProcess:
    """One bot process: its command, when it was started and where its output goes."""

    kind: str
    env: dict
    workdir: Path
    started: float = 0.0
    process: asyncio.subprocess.Process | None = None
    log: Path = field(init=False)

    def __post_init__(self) -> None:
        self.log = self.workdir / f"{self.kind}.log"

    @property
    def command(self) -> list[str]:
        """The same interpreter for both bots: only the module differs."""
        module = "bot" if self.kind == PRODUCT else "benchmark.echo_bot"
        args = ["run"] if self.kind == PRODUCT else []
        return [sys.executable, "-m", module, *args]

    @property
    def pid(self) -> int:
        """The process id, to read /proc."""
        assert self.process is not None, "not started"
        return self.process.pid

    def alive(self) -> bool:
        """Started and not yet ended."""
        return self.process is not None and self.process.returncode is None

    async def start(self) -> None:
        """Spawn the bot; its output goes to a file so that a full pipe never stalls it."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as log:
            self.started = time.monotonic()
            self.process = await asyncio.create_subprocess_exec(
                *self.command, env=self.env, cwd=self.workdir, stdout=log, stderr=asyncio.subprocess.STDOUT
            )

    async def stop(self) -> None:
        """Ctrl-C, as an operator would; killed if it does not end within 15 s."""
        if not self.alive():
            return
        self.process.send_signal(signal.SIGINT)
        try:
            await asyncio.wait_for(self.process.wait(), 15)
        except TimeoutError:
            self.process.kill()
            await self.process.wait()

    def tail(self, lines: int = 15) -> str:
        """The end of the bot's output, for an error message."""
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


class BotFailed(RuntimeError):
    """A bot process died or never polled: the benchmark says so with the end of its log."""


async def started(bot: BotProcess, fake, timeout: float = 180.0) -> float:
    """Start a bot and return the seconds from spawn to its first getUpdates.

    The timeout is generous: on a shared machine whose other sessions run their test suites, a
    start of a few seconds has been seen to take over a minute; only a bot that never polls fails.
    """
    await bot.start()
    try:
        first_poll = await fake.wait_first_poll(timeout, bot.alive)
    except TimeoutError as error:
        await bot.stop()
        raise BotFailed(f"{bot.kind} bot did not start:\n{bot.tail()}") from error
    return first_poll - bot.started
