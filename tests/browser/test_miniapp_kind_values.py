"""A kind or unit picked in the page clears the indicator's values: it is sent with the values the page
showed, so a value a colleague saved since is not cleared unsaid. The chat's words under the menu, the
page drawn again as it stands (the menu on the kind or unit the row has), where the same choice, picked
again, is taken; a value of the row the page itself is still saving is no colleague's change."""

from __future__ import annotations

import asyncio
import json

from tests.browser.test_miniapp_browser import open_app, pytestmark, saved  # noqa: F401
from tests.browser.test_miniapp_terms_changed import bot, change, indicator_in_percent, stored  # noqa: F401

KIND_REFUSED = (
    "⚠️ Bob a modifié « Valeur actuelle » entre-temps : c’est désormais « 14 % ».\n"
    "Votre réponse « 👍 Oui / non » n’a pas été enregistrée."
)
UNIT_REFUSED = (
    "⚠️ Bob a modifié « Valeur actuelle » entre-temps : c’est désormais « 14 % ».\n"
    "Votre réponse « € » n’a pas été enregistrée."
)


def values(indicator) -> tuple:
    return (indicator.value_kind, indicator.unit, indicator.current_value, indicator.target_value)


async def said_under(page, selector: str, words: str) -> str:
    status = page.locator(f"{selector}-status")
    await status.filter(has_text=words).wait_for(timeout=5000)
    return (await status.inner_text()).replace("\u00a0", " ")


async def test_a_kind_picked_after_a_colleague_changed_a_value_clears_nothing(browser, bot):  # noqa: F811
    sam, bob, row = await indicator_in_percent(bot, 7401, "Coop Valeurs Genre", current="12.5")
    page = await open_app(browser, bot, sam.id)
    kind, value = f"#indicator-{row}-value_kind", f"#indicator-{row}-current_value"
    await change(bot, bob, row, "current_value", "14")  # Bob, while Sam's page shows 12,5 %
    await page.select_option(kind, "yes_no")
    assert await said_under(page, kind, "entre-temps") == KIND_REFUSED  # the chat's words
    assert values(await stored(bot, row)) == ("number", "percent", "14", None)  # nothing cleared
    # the page drawn again as it stands: Bob's value, the menu on the kind the row has
    assert (await page.input_value(value)).replace("\u00a0", " ") == "14 %"
    assert await page.input_value(kind) == "number"
    assert not await page.evaluate("window.Telegram.WebApp.isClosingConfirmationEnabled")
    await page.select_option(kind, "yes_no")  # picked again, knowing what it clears: taken
    await page.locator(f"{kind} option[value=yes_no][selected]").wait_for(state="attached")
    assert values(await stored(bot, row)) == ("yes_no", None, None, None)
    await page.context.close()


async def test_a_unit_picked_after_a_colleague_changed_a_value_clears_nothing(browser, bot):  # noqa: F811
    sam, bob, row = await indicator_in_percent(bot, 7411, "Coop Valeurs Unité", current="12.5")
    page = await open_app(browser, bot, sam.id)
    unit, value = f"#indicator-{row}-unit", f"#indicator-{row}-current_value"
    await change(bot, bob, row, "current_value", "14")
    await page.select_option(unit, "euro")
    assert await said_under(page, unit, "entre-temps") == UNIT_REFUSED
    assert values(await stored(bot, row)) == ("number", "percent", "14", None)
    assert (await page.input_value(value)).replace("\u00a0", " ") == "14 %"
    assert await page.input_value(unit) == "percent"
    await page.select_option(unit, "euro")
    await page.locator(f"{unit} option[value=euro][selected]").wait_for(state="attached")
    assert values(await stored(bot, row)) == ("number", "euro", None, None)
    await page.context.close()


async def test_the_pages_own_value_on_its_way_is_no_colleagues_change(browser, bot):  # noqa: F811
    """Sam types 14 and picks « Oui / non » before the value's answer came back (a slow network): the kind
    is taken, not refused as « changed elsewhere » by Sam's own value."""
    sam, _bob, row = await indicator_in_percent(bot, 7421, "Coop Valeurs Lente", current="12.5")
    page = await open_app(browser, bot, sam.id)
    kinds: list[dict] = []
    held: list[asyncio.Future] = []

    async def late(route, response) -> None:
        await asyncio.sleep(1)  # stored at once, its answer slow on the way back
        await route.fulfill(response=response)

    async def slow_value(route) -> None:
        body = json.loads(route.request.post_data or "{}")
        if body.get("field") == "value_kind":
            kinds.append(body)
            await route.continue_()
            return
        held.append(asyncio.ensure_future(late(route, await route.fetch())))

    await page.route("**/app/api/field", slow_value)
    kind, value = f"#indicator-{row}-value_kind", f"#indicator-{row}-current_value"
    await page.fill(value, "14")
    await page.locator(value).blur()
    await page.select_option(kind, "yes_no")
    await page.locator(f"{kind} option[value=yes_no][selected]").wait_for(state="attached", timeout=5000)
    assert values(await stored(bot, row)) == ("yes_no", None, None, None)
    assert len(kinds) == 1 and kinds[0]["values"]["current_value"] == "14", kinds
    await page.wait_for_timeout(400)  # a status line just drawn says its words a moment later
    said = (await page.locator(f"{kind}-status").inner_text()).replace("\u00a0", " ")
    assert "ailleurs" not in said and "entre-temps" not in said, said
    await asyncio.gather(*held)
    await page.context.close()
