"""One headless Chromium per test process, shared by every Mini App test file it runs.

Launching it costs 1.2 s of CPU, and Playwright's driver more: once per file (26 files), it was a
quarter of these tests' CPU. Each test opens its own browser context, so nothing (cookies,
storage, the page) passes from one test to the next. The tests and their fixtures run on the session's
event loop, the one Chromium is driven from.
"""

from __future__ import annotations

import os
import shutil

import pytest_asyncio

# Chromium's headless shell (Debian's chromium-headless-shell, what Playwright itself runs headless) draws
# the same page as the full browser for half its CPU; the full one serves where the shell is missing.
SHELL = "chromium-headless-shell"
CHROMIUM = (
    os.environ.get("QUALICOOP_CHROMIUM")
    or shutil.which(SHELL)
    or shutil.which("chromium")
    or f"/usr/bin/{SHELL}"
)
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-quic"]


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser():
    """One headless Chromium for every test of this process."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        chromium = await playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield chromium
        await chromium.close()


@pytest_asyncio.fixture(autouse=True, loop_scope="session")
async def contexts_closed(browser):
    """Whatever a test left open (a failed test's page, a second window) is closed after it."""
    yield
    for context in browser.contexts:
        await context.close()
