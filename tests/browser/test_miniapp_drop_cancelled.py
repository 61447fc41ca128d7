"""A drop the page asked to confirm again (a colleague's indicator counted since), then cancelled: the
page shows what the confirmation counted, the engagement still ticked, not the page drawn before."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from sqlmodel import select

from bot.web.miniapp.pages import TELEGRAM_SDK
from models.dossier.indicators import add_action, add_indicator
from models.dossier.writes import set_engagement
from models.tables import Dossier, Indicator
from tests.browser.test_miniapp_browser import NOW, PHONE, STUB, THEME, bot, pytestmark  # noqa: F401
from tests.dossier_steps import join
from tests.miniapp import signed_init_data


async def test_a_recounted_drop_cancelled_shows_the_colleagues_indicator(browser, bot):  # noqa: F811
    director = await join(bot, 7501, "en", "Green Coop")
    async with bot.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        await set_engagement(session, dossier, 1, True, actor_id=director.id, now=NOW)
        indicator = await add_indicator(session, dossier, 1, title="First", actor_id=director.id, now=NOW)
        await add_action(session, dossier, indicator, "Its action", actor_id=director.id, now=NOW)
    page = await (await browser.new_context(viewport=PHONE, locale="en-GB")).new_page()
    await page.route(TELEGRAM_SDK, lambda route: route.fulfill(path=STUB, content_type="text/javascript"))
    asked: list[str] = []

    async def answer(dialog) -> None:
        asked.append(dialog.message)
        if len(asked) == 1:  # while the first confirmation is shown, a colleague adds an indicator
            async with bot.database.transaction() as session:
                dossier = (await session.exec(select(Dossier))).one()
                await add_indicator(session, dossier, 1, title="Alex’s", actor_id=None, now=NOW)
            await dialog.accept()
        else:  # asked again with the new count: cancelled
            await dialog.dismiss()

    page.on("dialog", answer)
    launch = {"tgWebAppData": signed_init_data(director.id, language="en"), "tgWebAppVersion": "8.0"}
    await page.goto(f"{bot.web_url}/app#{urlencode({**launch, 'tgWebAppThemeParams': json.dumps(THEME)})}")
    await page.wait_for_selector("#dossier")
    assert await page.locator("#indicators").get_by_text("Alex’s").count() == 0
    await page.locator("[data-engagement='1']").uncheck()
    await page.locator("#indicators textarea", has_text="Alex’s").wait_for()  # drawn again
    assert len(asked) == 2
    box = page.locator("[data-engagement='1']")
    assert await box.is_checked() and not await box.is_disabled()
    assert await page.evaluate("document.activeElement.dataset.engagement") == "1"
    async with bot.database.transaction() as session:
        assert len((await session.exec(select(Indicator))).all()) == 2  # nothing removed
    await page.context.close()
