"""A menu (« Unité », « Type de valeur ») browsed with the keyboard saves the choice the person settles on,
once: when they confirm it (Enter) or leave the menu (Tab, a tap elsewhere, the page closed); Escape puts
back the choice it had. A pick in the opened list (a tap, a click) is saved at once, as before.

Before, every arrow key saved the option it passed: a single ↓ on « Unité » stored € and erased the
indicator's current and target values (a new unit clears them), ↑ back saved % again with the values gone,
and arrowing through « Type de valeur » saved every kind on the way."""

from __future__ import annotations

import asyncio

from tests.browser.test_miniapp_browser import open_app, pytestmark  # noqa: F401
from tests.browser.test_miniapp_terms_changed import (  # noqa: F401
    bot,
    change,
    indicator_in_percent,
    stored,
    values_sent,
)


async def in_percent_with_values(bot, user_id: int, coop: str):  # noqa: F811
    """Sam's indicator in %, its current value 12,5 and its target 25 saved, and his page open on it."""
    sam, _, row = await indicator_in_percent(bot, user_id, coop, current="12.5")
    await change(bot, sam, row, "target_value", "25")
    return sam, row


async def values_shown(page, row: int) -> tuple[str, str]:
    shown = [await page.input_value(f"#indicator-{row}-{name}") for name in ("current_value", "target_value")]
    return tuple(value.replace("\u00a0", " ").replace("\u202f", " ") for value in shown)


async def test_arrows_on_the_unit_save_only_the_unit_left_on(browser, bot):  # noqa: F811
    sam, row = await in_percent_with_values(bot, 7401, "Coop Flèches")
    page = await open_app(browser, bot, sam.id)
    sent = values_sent(page)
    unit = f"#indicator-{row}-unit"
    await page.locator(unit).focus()
    await page.keyboard.press("ArrowDown")  # € …
    await page.keyboard.press("ArrowDown")  # … then logements
    await page.wait_for_timeout(800)
    assert sent == []  # browsing: nothing stored, nothing erased
    assert await page.input_value(unit) == "homes"
    assert await values_shown(page, row) == ("12,5 %", "25 %")
    assert (await stored(bot, row)).unit == "percent"
    async with page.expect_response("**/app/api/field"):
        await page.keyboard.press("Tab")  # left: the choice it is on is the person's
    await page.locator(f"#indicator-{row}-current_value-status").filter(has_text="Effacée").wait_for()
    assert sent == ["homes"]  # once, with the unit left on
    indicator = await stored(bot, row)
    assert (indicator.unit, indicator.current_value, indicator.target_value) == ("homes", None, None)
    await page.context.close()


async def test_enter_confirms_the_unit_and_escape_puts_it_back(browser, bot):  # noqa: F811
    sam, row = await in_percent_with_values(bot, 7411, "Coop Entrée")
    page = await open_app(browser, bot, sam.id)
    sent = values_sent(page)
    unit = f"#indicator-{row}-unit"
    await page.locator(unit).focus()
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("Escape")  # changed their mind: the unit saved, the values kept
    assert await page.input_value(unit) == "percent"
    await page.keyboard.press("Tab")
    await page.wait_for_timeout(800)
    assert sent == []
    assert await values_shown(page, row) == ("12,5 %", "25 %")

    await page.locator(unit).focus()
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("ArrowUp")
    async with page.expect_response("**/app/api/field"):
        await page.keyboard.press("Enter")  # confirmed: saved at once, the menu still in hand
    await page.locator(f"#indicator-{row}-target_value-status").filter(has_text="Effacée").wait_for()
    assert sent == ["euro"]
    assert (await stored(bot, row)).unit == "euro"
    assert await page.evaluate("document.activeElement.id") == f"indicator-{row}-unit"
    await page.keyboard.press("Tab")
    await page.wait_for_timeout(500)
    assert sent == ["euro"]  # leaving it after: nothing more to save
    await page.context.close()


async def test_arrows_through_the_kind_save_the_kind_left_on_once(browser, bot):  # noqa: F811
    sam, row = await in_percent_with_values(bot, 7421, "Coop Genres")
    page = await open_app(browser, bot, sam.id)
    sent = values_sent(page)
    kind = f"#indicator-{row}-value_kind"
    await page.locator(kind).focus()
    await page.keyboard.press("ArrowDown")  # 👍 Oui / non …
    await page.keyboard.press("ArrowDown")  # … then 📝 un jalon en texte court
    await page.wait_for_timeout(800)
    assert sent == []
    assert (await stored(bot, row)).value_kind == "number"
    async with page.expect_response("**/app/api/field"):
        await page.locator(f"#indicator-{row}-title").click()  # left with a click elsewhere
    await page.locator(f"{kind} option[value=text][selected]").wait_for(state="attached")  # drawn again
    assert sent == ["text"]
    assert (await stored(bot, row)).value_kind == "text"
    await page.context.close()


async def test_a_pick_in_the_opened_list_is_saved_at_once(browser, bot):  # noqa: F811
    """A tap or a click in the list (what select_option does: the value changes, no key pressed)."""
    sam, row = await in_percent_with_values(bot, 7431, "Coop Liste")
    page = await open_app(browser, bot, sam.id)
    sent = values_sent(page)
    async with page.expect_response("**/app/api/field"):
        await page.select_option(f"#indicator-{row}-unit", "euro")
    assert sent == ["euro"]
    await page.context.close()


async def test_other_unit_reached_with_the_keys_opens_its_field_once_confirmed(browser, bot):  # noqa: F811
    """« Autre unité… » reached with End (or a letter typed) and confirmed: its field opens, in hand."""
    sam, row = await in_percent_with_values(bot, 7441, "Coop Autre")
    page = await open_app(browser, bot, sam.id)
    sent = values_sent(page)
    unit = f"#indicator-{row}-unit"
    await page.locator(unit).focus()
    await page.keyboard.press("l")  # logements, by its first letter
    assert await page.input_value(unit) == "homes"
    await page.keyboard.press("End")
    assert await page.locator(f"{unit}-own-wrap").is_hidden()  # browsing: nothing opens yet
    await page.keyboard.press("Enter")
    assert await page.evaluate("document.activeElement.id") == f"indicator-{row}-unit-own"
    await page.wait_for_timeout(500)
    assert sent == []  # nothing to store until the unit is typed
    assert await values_shown(page, row) == ("12,5 %", "25 %")
    await page.context.close()


async def test_a_unit_left_while_the_confirmed_one_is_on_its_way_is_saved_after_it(browser, bot):  # noqa: F811
    """Enter on €, then ↓ and Tab before €'s answer: « logements » is saved once € is, not shown unsaved."""
    sam, row = await in_percent_with_values(bot, 7451, "Coop Suite")
    page = await open_app(browser, bot, sam.id)
    sent = values_sent(page)
    left = asyncio.Event()

    async def late(route) -> None:  # €'s answer comes back once the menu is left
        response = await route.fetch()
        await left.wait()
        await route.fulfill(response=response)

    await page.route("**/app/api/field", late)
    unit = f"#indicator-{row}-unit"
    await page.locator(unit).focus()
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("Enter")
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("Tab")
    left.set()
    await page.locator(f"{unit} option[value=homes][selected]").wait_for(state="attached")
    assert sent == ["euro", "homes"]
    assert (await stored(bot, row)).unit == "homes"
    await page.context.close()


async def test_a_unit_browsed_while_the_confirmed_one_is_on_its_way_is_saved_when_left(browser, bot):  # noqa: F811
    """Enter on €, ↓ before €'s answer, the page drawn again by it, then Tab: « logements » is saved then."""
    sam, row = await in_percent_with_values(bot, 7461, "Coop Suite Deux")
    page = await open_app(browser, bot, sam.id)
    sent = values_sent(page)
    answered = asyncio.Event()

    async def late(route) -> None:
        response = await route.fetch()
        await answered.wait()
        await route.fulfill(response=response)

    await page.route("**/app/api/field", late)
    unit = f"#indicator-{row}-unit"
    await page.locator(unit).focus()
    await page.keyboard.press("ArrowDown")
    await page.keyboard.press("Enter")
    await page.keyboard.press("ArrowDown")
    answered.set()
    await page.locator(f"{unit} option[value=euro][selected]").wait_for(state="attached")  # drawn again
    assert await page.input_value(unit) == "homes"  # still browsed, in hand
    assert await page.evaluate("document.activeElement.id") == unit[1:]
    await page.keyboard.press("Tab")
    await page.locator(f"{unit} option[value=homes][selected]").wait_for(state="attached")
    assert sent == ["euro", "homes"]
    assert (await stored(bot, row)).unit == "homes"
    await page.context.close()
