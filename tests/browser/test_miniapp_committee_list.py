"""The committee's list in the Mini App says what /comite says: a coop preparing its next cycle (renewed,
or its label refused after the visit) under « Cycle suivant en préparation », « cycle 2 en préparation ;
cycle 1 à relire », in the reader's language; its earlier cycle opens read-only, as the chat's « Relire ».
A coop refused on reading that prepares a new candidacy is named, not opened (its draft is its own).

Real headless Chromium, as in test_miniapp_browser.py (its Chromium and Telegram stand-in); the bot's
clock is moved by hand (a renewal opens three years after the label).
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
import pytest_asyncio

from bot.web.miniapp.pages import TELEGRAM_SDK
from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.browser import test_miniapp_browser as desktop
from tests.conftest import NOW
from tests.conversations.test_committee_applying_again import applying_again
from tests.conversations.test_committee_next_cycle import refused_and_applying_again, renewed_coop
from tests.harness import BotHarness, FakeClock
from tests.miniapp import signed_init_data

pytestmark = pytest.mark.asyncio(loop_scope="session")
COMMITTEE_ID = 8000001  # the committee member of tests/conversations/test_early_visit.py
ENGLISH_MEMBER = 8000077


@pytest_asyncio.fixture(loop_scope="session")
async def world(tmp_path):
    """The bot serving the Mini App, its clock moved by hand."""
    clock = FakeClock(NOW)
    harness = BotHarness(tmp_path, clock=clock, web=True)
    await harness.start()
    yield harness, clock
    await harness.stop()


async def open_list(browser, bot: BotHarness, user_id: int, clock: FakeClock, language: str = "fr"):
    """The Mini App as Telegram opens it for the committee (the list), signed at the bot's time."""
    context = await browser.new_context(viewport=desktop.PHONE, locale="fr-FR", device_scale_factor=1)
    page = await context.new_page()
    stub = desktop.STUB
    await page.route(TELEGRAM_SDK, lambda route: route.fulfill(path=stub, content_type="text/javascript"))
    launch = {
        "tgWebAppData": signed_init_data(user_id, language=language, auth_date=clock.now),
        "tgWebAppVersion": "8.0",
        "tgWebAppPlatform": "android",
        "tgWebAppThemeParams": json.dumps(desktop.THEME),
    }
    await page.goto(f"{bot.web_url}/app#{urlencode(launch)}")
    await page.wait_for_selector("#dossiers, .error")
    return page


async def groups_of(page) -> list[tuple[str, list[str]]]:
    """Each group's title and its lines, as the page shows them."""
    found = []
    for group in await page.locator("#dossiers section").all():
        lines = await group.locator("li").all_inner_texts()
        title = await group.locator("h2").inner_text()
        found.append((title, [line.replace("\u00a0", " ") for line in lines]))
    return found


async def test_a_renewed_coop_is_listed_as_preparing_its_next_cycle_and_its_cycle_1_opens(browser, world):
    bot, clock = world
    await renewed_coop(bot, clock)
    page = await open_list(browser, bot, COMMITTEE_ID, clock)
    assert await groups_of(page) == [
        ("Cycle suivant en préparation", ["Coop Horizon · cycle 2 en préparation ; cycle 1 à relire"])
    ]
    await desktop.shot(page, "08-committee-next-cycle")
    # each coop's link is a finger's tap (a 19 px line of text before), as every other on the page
    heights = await page.locator("#dossiers a[data-open]").evaluate_all(
        "links => links.map((link) => link.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 44, heights

    # the earlier cycle opens read-only, as the chat's « Relire »
    await page.get_by_role("link", name="Coop Horizon").click()
    await page.wait_for_selector("#dossier")
    header = (await page.inner_text("header")).replace("\u00a0", " ")
    assert "Cycle 1 · Clos" in header and "Lecture seule : ce cycle est clos" in header
    assert await page.locator("input, textarea, select").count() == 0
    await page.context.close()


async def test_a_label_refused_then_applied_for_again_is_listed_alike_in_english(browser, world):
    bot, clock = world
    await refused_and_applying_again(bot)
    async with bot.database.transaction() as session:
        await grant_federation_role(session, ENGLISH_MEMBER, FederationRoleName.COMMITTEE)
    page = await open_list(browser, bot, ENGLISH_MEMBER, clock, language="en")
    assert await groups_of(page) == [
        ("Next cycle in preparation", ["Coop Horizon · cycle 2 in preparation; cycle 1 to read"])
    ]
    await page.get_by_role("link", name="Coop Horizon").click()
    await page.wait_for_selector("#dossier")
    header = await page.inner_text("header")
    assert "Cycle 1 · Not retained by the committee" in header and "“Pas encore.”" in header
    assert "Read-only: the committee did not retain this candidacy." in header
    assert await page.locator("input, textarea, select").count() == 0
    await page.context.close()


async def test_a_coop_refused_on_reading_and_applying_again_is_named_not_opened(browser, world):
    bot, clock = world
    await applying_again(bot)  # its dossier a draft again: the coop's own work until submitted again
    page = await open_list(browser, bot, COMMITTEE_ID, clock)
    assert await groups_of(page) == [
        ("Nouvelle candidature en préparation", ["Coop Horizon · cycle 1, non retenu à la lecture"])
    ]
    assert (
        await page.get_by_role("link", name="Coop Horizon").count() == 0
    )  # its draft is not the committee's
    await page.context.close()
