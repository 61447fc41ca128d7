"""Shared fixtures: a started bot on a fresh database, with a fake Telegram."""

from __future__ import annotations

import pytest

from tests.harness import BotHarness

ADMIN_ID = 7000001


@pytest.fixture
async def harness(tmp_path):
    """A running bot application (not polling) on a fresh database."""
    bot = BotHarness(tmp_path, admin_ids=(ADMIN_ID,))
    await bot.start()
    yield bot
    await bot.stop()
