"""A committee member who opened a dossier from the list has a way back to it: « ⬅️ Retour à la liste » on
the page, and Telegram's own ⬅ in its header; a coop's own dossier, the app's first page, has neither."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from bot.web.miniapp.pages import TELEGRAM_SDK
from tests.browser import test_miniapp_browser as desktop
from tests.browser.test_miniapp_committee_list import COMMITTEE_ID, pytestmark, world  # noqa: F401
from tests.conversations.test_committee_next_cycle import renewed_coop
from tests.dossier_steps import join
from tests.miniapp import signed_init_data

# Telegram's BackButton, recorded: whether it is shown, and what a tap on it runs
BACK_BUTTON = """
window.Telegram.WebApp.BackButton = {
  isVisible: false, taps: [],
  show() { this.isVisible = true; },
  hide() { this.isVisible = false; },
  onClick(callback) { this.taps.push(callback); },
};
"""


async def open_app(browser, bot, user_id: int, clock):
    """The Mini App as Telegram opens it, its script with a BackButton."""
    page = await (await browser.new_context(viewport=desktop.PHONE, locale="fr-FR")).new_page()
    script = desktop.STUB.read_text(encoding="utf-8") + BACK_BUTTON
    await page.route(TELEGRAM_SDK, lambda route: route.fulfill(body=script, content_type="text/javascript"))
    launch = {
        "tgWebAppData": signed_init_data(user_id, language="fr", auth_date=clock.now),
        "tgWebAppVersion": "8.0",
        "tgWebAppThemeParams": json.dumps(desktop.THEME),
    }
    await page.goto(f"{bot.web_url}/app#{urlencode(launch)}")
    await page.wait_for_selector("#dossiers, #dossier, .error")
    return page


async def back_shown(page) -> bool:
    return await page.evaluate("Telegram.WebApp.BackButton.isVisible")


async def test_a_dossier_opened_from_the_committees_list_leads_back_to_it(browser, world):  # noqa: F811
    bot, clock = world
    await renewed_coop(bot, clock)
    page = await open_app(browser, bot, COMMITTEE_ID, clock)
    assert not await back_shown(page)  # the list is the app's first page
    await page.get_by_role("link", name="Coop Horizon").click()
    await page.wait_for_selector("#dossier")
    assert await back_shown(page)
    back = page.get_by_role("link", name="⬅️ Retour à la liste")
    assert await back.is_visible()
    await back.click()
    await page.wait_for_selector("#dossiers")
    assert not await back_shown(page)
    # Telegram's ⬅ does the same
    await page.get_by_role("link", name="Coop Horizon").click()
    await page.wait_for_selector("#dossier")
    await page.evaluate("Telegram.WebApp.BackButton.taps.at(-1)()")
    await page.wait_for_selector("#dossiers")
    await page.context.close()


async def test_a_coops_own_dossier_has_no_way_back_to_a_list(browser, world):  # noqa: F811
    bot, clock = world
    sam = await join(bot, 7301, "fr", "Coop Seule")
    page = await open_app(browser, bot, sam.id, clock)
    await page.wait_for_selector("#dossier")
    assert await page.locator("#to-list").count() == 0
    assert not await back_shown(page)
    await page.context.close()
