"""Shared fixtures: a started bot on a fresh database, with a fake Telegram."""

from __future__ import annotations

import gc
from datetime import UTC, datetime

import pytest

from models.db import Database
from tests.databases import POSTGRES_URL, compiling_once, database_url, drop_made
from tests.harness import BotHarness, FakeClock
from tests.statements import SQLITE_ONLY

ADMIN_ID = 7000001
# every conversation test lives on the same Monday morning, so typed dates stay in the future
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _databases_dropped_after_each_test():
    """On PostgreSQL, the databases a test made are dropped when it ends (after its own fixtures)."""
    yield
    drop_made()


def pytest_addoption(parser):
    parser.addoption(
        "--postgres-subset",
        action="store_true",
        help="on PostgreSQL, leave out the tests whose statements others run (tests/statements.py)",
    )


def pytest_collection_modifyitems(config, items):
    """With ``--postgres-subset`` on PostgreSQL, the tests listed in tests/sqlite_only.txt are deselected."""
    if not config.getoption("--postgres-subset") or POSTGRES_URL is None:
        return
    lines = SQLITE_ONLY.read_text(encoding="utf-8").splitlines()
    sqlite_only = {line for line in lines if line and not line.startswith("#")}
    kept = [item for item in items if item.nodeid not in sqlite_only]
    if len(kept) < len(items):
        config.hook.pytest_deselected(items=[item for item in items if item.nodeid in sqlite_only])
        items[:] = kept


@pytest.hookimpl(trylast=True)
def pytest_collection_finish(session):
    """The modules imported by then (a few hundred thousand objects that live as long as the process) are
    left out of the collector's full passes, and its passes are fewer: a twentieth of a test's time went to
    walking them again and again."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 10)


def pytest_sessionfinish(session, exitstatus):
    """The template database goes too."""
    drop_made(template=True)


@pytest.fixture
def db_url(tmp_path) -> str:
    """The URL of a new, migrated database for this test (SQLite, or PostgreSQL in the second run)."""
    return database_url(tmp_path)


@pytest.fixture
async def db(db_url):
    """A migrated database for this test, its connections closed after it."""
    database = compiling_once(Database(db_url))
    await database.upgrade()
    yield database
    await database.dispose()


@pytest.fixture
async def harness(tmp_path):
    """A running bot application (not polling) on a fresh database."""
    bot = BotHarness(tmp_path, admin_ids=(ADMIN_ID,), clock=lambda: NOW)
    await bot.start()
    yield bot
    await bot.stop()


@pytest.fixture
async def web_harness(tmp_path):
    """A bot that also serves the Mini App: a public URL and a local port are set."""
    bot = BotHarness(tmp_path, admin_ids=(ADMIN_ID,), clock=lambda: NOW, web=True)
    await bot.start()
    yield bot
    await bot.stop()


@pytest.fixture
async def world(tmp_path):
    """A running bot whose clock the test moves by hand (``clock.advance(days=…)``), from NOW."""
    clock = FakeClock(NOW)
    bot = BotHarness(tmp_path, clock=clock)
    await bot.start()
    yield bot, clock
    await bot.stop()
