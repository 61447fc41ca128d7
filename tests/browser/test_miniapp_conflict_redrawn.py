"""A « Garder ma réponse / Garder la sienne » box open when the page is drawn again (an engagement ticked,
a new row) stays with its field: the choice is still the person's, and either button does what it says.
Before, the box vanished with the redraw and nothing said the text was not saved.

Real headless Chromium at 360 × 740, as in test_miniapp_taps.py (its Chromium, bot and conflict).
"""

from __future__ import annotations

import pytest

from tests.browser import test_miniapp_browser as desktop
from tests.browser.test_miniapp_taps import MINE, THEIRS, conflicting, stored_title

pytestmark = pytest.mark.asyncio(loop_scope="session")
bot = desktop.bot


async def redrawn(page) -> None:
    """Tick engagement 3 and wait until the page is drawn again with it."""
    async with page.expect_response("**/app/api/engagement") as answered:
        await page.locator("[data-engagement='3']").check()
    assert (await answered.value).status == 200
    await page.wait_for_function("() => !document.querySelector(\"[data-engagement='3']\").disabled")


async def test_keep_mine_after_a_redraw_saves_mine(browser, bot):
    page, title, indicator = await conflicting(browser, bot, 7501)
    await redrawn(page)
    box = page.locator(f"{title}-conflict")
    assert await box.count() == 1  # still there, with its field
    assert await page.input_value(title) == MINE
    async with page.expect_response("**/app/api/field") as answered:
        await box.get_by_role("button", name="Garder ma réponse").click()
    assert (await answered.value).status == 200
    await page.locator(f"{title}-status").filter(has_text="enregistré").wait_for()
    assert await stored_title(bot, indicator) == MINE
    assert await box.count() == 0
    await page.context.close()


async def test_keep_theirs_after_a_redraw_leaves_mine_to_copy(browser, bot):
    page, title, indicator = await conflicting(browser, bot, 7511)
    await redrawn(page)
    assert await page.locator(f"{title}-conflict").count() == 1
    await page.locator(f"{title}-conflict").get_by_role("button", name="Garder la sienne").click()
    assert await page.input_value(title) == THEIRS
    assert await page.input_value(f"{title}-kept") == MINE
    assert await stored_title(bot, indicator) == THEIRS
    await page.context.close()


async def test_leaving_the_field_after_a_redraw_sends_nothing_until_a_choice(browser, bot):
    """The box kept, leaving the field is no choice: nothing sent; the choice made, it is saved."""
    page, title, indicator = await conflicting(browser, bot, 7521)
    await redrawn(page)
    sent: list[str] = []
    page.on(
        "request",
        lambda request: sent.append(request.post_data or "") if "/api/field" in request.url else None,
    )
    await page.locator(title).focus()
    await page.locator(title).blur()
    async with page.expect_response("**/app/api/field"):
        await page.locator(f"{title}-conflict").get_by_role("button", name="Garder ma réponse").click()
    assert len(sent) == 1, sent  # only the choice's; the leaving before it sent nothing
    assert await stored_title(bot, indicator) == MINE
    await page.context.close()
