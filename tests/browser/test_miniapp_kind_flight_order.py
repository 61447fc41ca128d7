"""A kind picked while a value of its row is still being saved waits for that save's answer, and is
marked as soon as it is picked: a value of the row typed during that wait is the page's own, sent after
the kind, never told back to the user as a change made elsewhere."""

from __future__ import annotations

import asyncio
import json

from tests.browser.test_miniapp_browser import open_app, pytestmark  # noqa: F401
from tests.browser.test_miniapp_kind_values import values
from tests.browser.test_miniapp_terms_changed import bot, indicator_in_percent, stored  # noqa: F401


async def test_a_value_typed_while_the_kind_waits_is_the_pages_own(browser, bot):  # noqa: F811
    sam, _bob, row = await indicator_in_percent(bot, 7431, "Coop Valeurs Attente", current="12.5")
    page = await open_app(browser, bot, sam.id)
    held: list[asyncio.Future] = []
    delays = {"target_value": 1.5, "current_value": 3}  # each stored at once, its answer slow on the way back

    async def late(route, response, delay: float) -> None:
        await asyncio.sleep(delay)
        await route.fulfill(response=response)

    async def slow_values(route) -> None:
        field = json.loads(route.request.post_data or "{}").get("field")
        if field not in delays:
            await route.continue_()
            return
        held.append(asyncio.ensure_future(late(route, await route.fetch(), delays[field])))

    await page.route("**/app/api/field", slow_values)
    kind, current, target = (
        f"#indicator-{row}-{name}" for name in ("value_kind", "current_value", "target_value")
    )
    await page.fill(target, "30")
    await page.locator(target).blur()
    await page.select_option(kind, "yes_no")  # waits for the target's answer
    await page.fill(current, "14")  # typed meanwhile: stored before the kind is sent
    await page.locator(current).blur()
    await page.locator(f"{kind} option[value=yes_no][selected]").wait_for(state="attached", timeout=8000)
    assert values(await stored(bot, row)) == ("yes_no", None, None, None)
    await page.wait_for_timeout(400)  # a status line just drawn says its words a moment later
    said = (await page.locator(f"{kind}-status").inner_text()).replace("\u00a0", " ")
    assert "ailleurs" not in said and "entre-temps" not in said, said
    await asyncio.gather(*held)
    await page.context.close()
