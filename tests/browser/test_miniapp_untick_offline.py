"""A tick lost with the connection says to do again what the person was doing, either way.

Before, an engagement unticked while the connection was down came back ticked with « Non enregistré : la
connexion a été perdue. Cochez à nouveau dans un instant. »: « tick it again », the opposite of what they
meant. Now an untick says « Décochez à nouveau dans un instant. », a tick still « Cochez à nouveau »."""

from __future__ import annotations

from tests.browser.test_miniapp_browser import bot, open_app, pytestmark  # noqa: F401
from tests.browser.test_miniapp_phone import a_dossier


async def pressed_offline(page, code: int) -> str:
    """The engagement's box pressed while the connection is down: what the pop-up said, spaces plain."""
    async with page.expect_event("dialog") as told:  # the person is told the change was not saved
        await page.locator(f"[data-engagement='{code}']").click()
    await page.wait_for_function(f"() => !document.querySelector(\"[data-engagement='{code}']\").disabled")
    return (await told.value).message.replace("\u00a0", " ")


async def test_an_untick_lost_offline_says_to_untick_again(browser, bot):  # noqa: F811
    director, _, _ = await a_dossier(bot, 9501)  # engagements 1, 2 and 5 ticked
    page = await open_app(browser, bot, director.id)
    await page.route("**/app/api/engagement", lambda route: route.abort())
    said = await pressed_offline(page, 5)
    assert await page.is_checked("[data-engagement='5']")  # as stored: still ticked
    assert "Décochez à nouveau dans un instant." in said and "Cochez" not in said, said
    await page.context.close()


async def test_a_tick_lost_offline_still_says_to_tick_again(browser, bot):  # noqa: F811
    director, _, _ = await a_dossier(bot, 9502)
    page = await open_app(browser, bot, director.id)
    await page.route("**/app/api/engagement", lambda route: route.abort())
    said = await pressed_offline(page, 3)
    assert not await page.is_checked("[data-engagement='3']")  # as stored: still unticked
    assert "Cochez à nouveau dans un instant." in said and "Décochez" not in said, said
    await page.context.close()
