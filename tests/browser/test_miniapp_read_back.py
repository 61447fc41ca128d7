"""A value saved while the member stays in its field is shown as the server read it once they are done:
« 06/2028 » becomes « 30 juin 2028 », « 12,5 » in a percentage « 12,5 % », after Enter (the keyboard's
« done ») or on leaving the field after a pause in typing, as after leaving it at once. Before, only the
last showed it: a save answered while the field had the focus left « 06/2028 » there until a reload.
Never while they type: the caret would jump, and what they type after a pause stays theirs.

Real headless Chromium, as in test_miniapp_browser.py (its Chromium, bot and Telegram stand-in).
"""

from __future__ import annotations

import asyncio
from datetime import date as date_type

import pytest

from models.dossier.indicators import update_indicator
from models.tables import Dossier, Indicator
from tests.browser import test_miniapp_browser as desktop
from tests.browser.test_miniapp_reading import a_dossier, opened
from tests.conftest import NOW

pytestmark = pytest.mark.asyncio(loop_scope="session")
bot = desktop.bot


async def a_percentage(bot, user_id: int):
    """A dossier whose indicator is a number in percent: (director, indicator id)."""
    director, dossier_id, indicator_id = await a_dossier(bot, user_id)
    async with bot.database.transaction() as session:
        dossier, indicator = (
            await session.get(Dossier, dossier_id),
            await session.get(Indicator, indicator_id),
        )
        for name, value in (("value_kind", "number"), ("unit", "percent")):
            await update_indicator(session, dossier, indicator, name, value, actor_id=director.id, now=NOW)
    return director, indicator_id


async def stored(bot, row: int, day: date_type) -> None:
    """Wait until the indicator's target date is ``day`` (a pause's save, sent 2.5 s after the last key)."""
    for _ in range(100):
        async with bot.database.transaction() as session:
            if (await session.get(Indicator, row, populate_existing=True)).target_date == day:
                return
        await asyncio.sleep(0.1)
    raise AssertionError(f"target date never {day}")


async def typed(page, selector: str, text: str) -> None:
    await page.locator(selector).click()
    await page.keyboard.type(text)


async def test_enter_shows_the_date_and_the_number_as_read(browser, bot):
    director, row = await a_percentage(bot, 7701)
    page = await opened(browser, bot, director.id)
    for field, text, read in (
        ("target_date", "06/2028", "30 juin 2028"),
        ("current_value", "12,5", "12,5 %"),
    ):
        selector = f"#indicator-{row}-{field}"
        await typed(page, selector, text)
        await page.keyboard.press("Enter")
        await page.locator(f"{selector}-status").filter(has_text="enregistré").wait_for()
        await page.wait_for_function(
            f"document.querySelector('{selector}').value.replace(/\\s/g, ' ') == '{read}'"
        )
        assert await page.evaluate("document.activeElement.id") == selector[1:]  # still there, as on a phone
    await page.context.close()


async def test_a_pause_shows_it_on_leaving_the_field_not_while_typing(browser, bot):
    director, row = await a_percentage(bot, 7702)
    page = await opened(browser, bot, director.id)
    date = f"#indicator-{row}-target_date"
    await typed(page, date, "06/2028")
    await page.locator(f"{date}-status").filter(has_text="enregistré").wait_for()  # saved by the pause
    assert await page.input_value(date) == "06/2028"  # still in the field: left as typed
    await page.locator(f"#indicator-{row}-rationale").click()
    assert await page.input_value(date) == "30 juin 2028"

    await typed(page, date, "")  # a pause, then typing again: what they type stays theirs
    await page.keyboard.press("Control+A")
    await page.keyboard.type("07/2028")
    await stored(bot, row, date_type(2028, 7, 31))  # saved by the pause, its answer read in the field
    await page.wait_for_timeout(300)
    await page.keyboard.type("x")
    await page.locator(f"#indicator-{row}-rationale").click()
    assert await page.input_value(date) == "07/2028x"  # refused as typed, never replaced by a reading
    await page.context.close()
