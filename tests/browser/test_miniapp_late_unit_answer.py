"""A unit change's answer that comes back after a value of its row was saved since: the page it brings was
drawn before that value was stored, so it neither empties the field nor says the value was erased while
the server holds it; a value the unit change really cleared (stored before it) is still said erased."""

from __future__ import annotations

import asyncio

from tests.browser.test_miniapp_browser import open_app, pytestmark, saved  # noqa: F401
from tests.browser.test_miniapp_terms_changed import bot, indicator_in_percent, stored, values_sent  # noqa: F401


def unit_answer_held(page, value_answered: asyncio.Event, *, before_the_server: bool) -> list:
    """The unit's request held until the value's save has answered: its answer only (the unit stored at
    once, a slow network on the way back), or the request itself (the value stored first)."""
    held: list[asyncio.Future] = []

    async def late(route, response) -> None:
        await value_answered.wait()
        await route.fulfill(response=response)

    async def sent_late(route) -> None:
        await value_answered.wait()
        await route.continue_()

    async def slow_unit(route) -> None:
        if '"field":"unit"' not in (route.request.post_data or ""):
            await route.continue_()
        elif before_the_server:
            held.append(asyncio.ensure_future(sent_late(route)))
        else:
            held.append(asyncio.ensure_future(late(route, await route.fetch())))

    return held, slow_unit


async def unit_then_twelve(page, row: int, *, before_the_server: bool) -> str:
    """Sam picks « Nombre », types 12 and leaves the field before the unit's answer; the unit's answer
    then draws the page again. The value's field selector."""
    value_answered = asyncio.Event()
    held, slow_unit = unit_answer_held(page, value_answered, before_the_server=before_the_server)
    await page.route("**/app/api/field", slow_unit)
    unit = f"#indicator-{row}-unit"
    await page.eval_on_selector(unit, "select => { select.dataset.drawnBefore = ''; }")
    await page.select_option(unit, "count")
    value = f"#indicator-{row}-current_value"
    await page.fill(value, "12")
    await page.locator(value).blur()
    await page.locator(f"{value}-status").filter(has_text="enregistré").wait_for()
    value_answered.set()
    await page.wait_for_function(f"() => document.querySelector('{unit}').dataset.drawnBefore === undefined")
    await asyncio.gather(*held)
    return value


async def test_a_late_unit_answer_does_not_erase_a_value_stored_since(browser, bot):  # noqa: F811
    sam, _bob, row = await indicator_in_percent(bot, 7231, "Coop Lente Deux")
    page = await open_app(browser, bot, sam.id)
    value = await unit_then_twelve(page, row, before_the_server=False)
    indicator = await stored(bot, row)
    assert (indicator.unit, indicator.current_value) == ("count", "12")
    # the page shows what the server holds: 12, no erasure said
    assert await page.input_value(value) == "12"
    await page.wait_for_timeout(400)  # a status line just drawn says its words a moment later
    said = (await page.locator(f"{value}-status").inner_text()).replace("\u00a0", " ")
    assert "Effacée" not in said, said
    # and knows it is stored: leaving the field again sends nothing, Telegram does not ask before closing
    sent = values_sent(page)
    await page.locator(value).focus()
    await page.locator(value).blur()
    await page.fill(value, "13")
    await saved(page, value)
    assert sent == ["13"], sent
    assert (await stored(bot, row)).current_value == "13"  # no conflict with the 12 the page knew
    await page.context.close()


async def test_a_value_stored_before_the_unit_change_is_still_said_erased(browser, bot):  # noqa: F811
    """The value's save reached the server first: the unit change that followed cleared it (12 %, read in
    the unit the server still had), as said."""
    sam, _bob, row = await indicator_in_percent(bot, 7241, "Coop Lente Trois")
    page = await open_app(browser, bot, sam.id)
    value = await unit_then_twelve(page, row, before_the_server=True)
    indicator = await stored(bot, row)
    assert (indicator.unit, indicator.current_value) == ("count", None)
    assert await page.input_value(value) == ""
    # said a moment after the line is drawn, once a screen reader knows it
    await page.locator(f"{value}-status:not(:empty)").wait_for()
    said = (await page.locator(f"{value}-status").inner_text()).replace("\u00a0", " ")
    assert said.startswith("Effacée : l’unité a changé (c’était « 12 % »)"), said
    await page.context.close()
