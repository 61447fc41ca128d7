"""A unit in the coop's own words is chosen in the page as in the chat: « ✏️ Autre unité… » opens a field
read by the chat's rule (a listed unit's word is that unit, a value is refused), and a mistaken tap in
the menu does not lose the coop's own unit: it is offered again."""

from __future__ import annotations

from sqlmodel import select

from models.dossier.indicators import add_indicator, update_indicator
from models.dossier.writes import set_engagement
from models.tables import Dossier, Indicator
from tests.browser.test_miniapp_browser import NOW, bot, open_app, pytestmark  # noqa: F401
from tests.dossier_steps import join

OWN = "pour 1000 habitants"


async def indicator_in(bot, user_id: int, unit: str):  # noqa: F811
    sam = await join(bot, user_id, "fr", "Coop Taux")
    async with bot.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        await set_engagement(session, dossier, 1, True, actor_id=sam.id, now=NOW)
        indicator = await add_indicator(session, dossier, 1, title="Taux d’impayés", actor_id=sam.id, now=NOW)
        for name, value in (("value_kind", "number"), ("unit", unit)):
            await update_indicator(session, dossier, indicator, name, value, actor_id=sam.id, now=NOW)
    return sam, indicator.id


async def unit_of(bot, indicator_id: int) -> str | None:  # noqa: F811
    async with bot.database.transaction() as session:
        return (await session.get(Indicator, indicator_id)).unit


async def options(page, menu: str) -> list[str]:
    return await page.eval_on_selector_all(f"{menu} option", "all => all.map(o => o.value)")


async def test_the_coops_own_unit_is_offered_again_after_a_mistaken_choice(browser, bot):  # noqa: F811
    sam, row = await indicator_in(bot, 7401, OWN)
    page = await open_app(browser, bot, sam.id)
    menu = f"#indicator-{row}-unit"
    await page.select_option(menu, "percent")
    await page.wait_for_function(f"document.querySelector('{menu}').dataset.saved === 'percent'")
    assert await unit_of(bot, row) == "percent"
    assert OWN in await options(page, menu)
    await page.select_option(menu, OWN)
    await page.wait_for_function(f"document.querySelector('{menu}').dataset.saved === '{OWN}'")
    assert await unit_of(bot, row) == OWN
    await page.context.close()


async def test_a_unit_typed_in_the_coops_words_as_in_the_chat(browser, bot):  # noqa: F811
    sam, row = await indicator_in(bot, 7411, "percent")
    page = await open_app(browser, bot, sam.id)
    menu, own = f"#indicator-{row}-unit", f"#indicator-{row}-unit-own"
    assert not await page.locator(own).is_visible()
    await page.select_option(menu, label="✏️ Autre unité…")
    assert await page.locator(own).is_visible()
    assert await page.evaluate("document.activeElement.id") == own[1:]
    assert await unit_of(bot, row) == "percent"  # nothing saved by opening it

    # a value typed as a unit: refused in the chat's words, nothing stored
    await page.fill(own, "30")
    await page.locator(own).press("Enter")
    await page.locator(f"{own}-status").filter(has_text="unité").wait_for()
    assert await unit_of(bot, row) == "percent"

    await page.fill(own, "jours ouvrés")
    await page.locator(own).press("Enter")
    await page.locator(f"{menu} option:checked", has_text="jours ouvrés").wait_for(state="attached")
    assert await unit_of(bot, row) == "jours ouvrés"
    assert "jours ouvrés" in await page.locator(f"#indicator-{row}-current_value-example").inner_text()
    assert not await page.locator(own).is_visible()

    # a listed unit's word is that unit, as in the chat
    await page.select_option(menu, label="✏️ Autre unité…")
    await page.fill(own, "jours")
    await page.locator(own).blur()
    await page.locator(f"{menu} option:checked[value='days']").wait_for(state="attached")
    assert await unit_of(bot, row) == "days"
    await page.context.close()
