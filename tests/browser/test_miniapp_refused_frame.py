"""The Mini App refused by the server (someone not yet in a coop opens it from the menu button, a member
another coop's dossier) is framed as the other pages that cannot be shown: ⚠️, the server's words, and
« Close », the way on being in the chat."""

from __future__ import annotations

from tests.browser.test_miniapp_browser import bot, open_app, pytestmark  # noqa: F401


async def test_someone_not_yet_in_a_coop_gets_the_frame_and_a_way_out(browser, bot):  # noqa: F811
    newcomer = bot.user(7301, language_code="en")
    await newcomer.send("/start")
    page = await open_app(browser, bot, newcomer.id, language="en")
    said = await page.inner_text("#app .error")
    assert said.startswith("⚠️ You are not part of a coop yet."), said
    assert await page.locator("#app button").all_inner_texts() == ["Close"]
    await page.click("#app button")
    assert await page.evaluate("window.Telegram.WebApp.calls.includes('close')")
    await page.context.close()
