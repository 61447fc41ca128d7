"""Shared fixtures: a started bot on a fresh database, with a fake Telegram."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.harness import BotHarness

ADMIN_ID = 7000001
# every conversation test lives on the same Monday morning, so typed dates stay in the future
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)


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
