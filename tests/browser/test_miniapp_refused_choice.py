"""A kind of value refused by the server (here: Bob taken off his coop's team while his page was open) is
never left showing in its menu: the menu goes back on the kind stored, the one whose unit and values the
row shows below it, and the refusal is said under it.

Before, only a lost connection put the menu back: any other refusal left « 👍 Yes / no » showing above the
unit and values of the number the indicator still was."""

from __future__ import annotations

from models.tables import Coop
from models.team import remove_teammate
from tests.browser.test_miniapp_browser import NOW, bot, open_app, pytestmark  # noqa: F401
from tests.browser.test_miniapp_terms_changed import indicator_in_percent, stored


async def test_a_refused_kind_puts_the_menu_back_on_the_stored_one(browser, bot):  # noqa: F811
    sam, bob, row = await indicator_in_percent(bot, 7531, "Coop Menu Refusé", current="12.5")
    page = await open_app(browser, bot, bob.id)
    kind = f"#indicator-{row}-value_kind"
    async with bot.database.transaction() as session:  # Sam takes Bob off the team, in the chat
        coop = await session.get(Coop, sam.invitations.coop.id)
        await remove_teammate(session, coop, bob.id, sam.id, NOW)
    await page.select_option(kind, "yes_no")
    status = page.locator(f"{kind}-status")
    await status.filter(has_text="équipe").wait_for(timeout=5000)  # why, in the chat's words
    assert await page.input_value(kind) == "number"  # the kind stored, not the one refused
    assert await page.locator(f"#indicator-{row}-unit").count() == 1  # its unit, below it
    assert (await stored(bot, row)).value_kind == "number"
    await page.context.close()
