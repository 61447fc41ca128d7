"""A text milestone is read whole on a phone, as a title or an owner is.

Before, « 📝 Un jalon en texte court » (up to 200 characters) took its values in a one-line input: at
360 px « Charte de la participation adoptée » showed and the rest was cut at the field's edge, saved or
not. Now its current and target values are one-line text areas that grow with their text (Enter still
saves), with the characters counted near the limit, as the server counts them."""

from __future__ import annotations

from tests.browser.test_miniapp_browser import THEME, bot, pytestmark  # noqa: F401
from tests.browser.test_miniapp_phone import a_dossier, open_phone

MILESTONE = "Charte de la participation adoptée par le conseil d’administration et publiée sur notre site"
# whether the field shows its whole text: nothing scrolled away, across or down
WHOLE = "e => e.scrollWidth <= e.clientWidth + 1 && e.scrollHeight <= e.clientHeight + 4"


async def test_a_text_milestone_is_read_whole_on_a_phone(browser, bot):  # noqa: F811
    director, _, row = await a_dossier(bot, 9521)
    page = await open_phone(browser, bot, director.id, THEME, "light", {"width": 360, "height": 740})
    await page.goto(page.launch)
    await page.wait_for_selector("#dossier")
    await page.select_option(f"#indicator-{row}-value_kind", "text")
    target = f"#indicator-{row}-target_value"
    await page.locator(target).wait_for()
    await page.fill(target, MILESTONE)
    await page.locator(target).press("Enter")  # one line: Enter saves, no line break
    await page.locator(f"{target}-status").filter(has_text="enregistré").wait_for()
    assert await page.input_value(target) == MILESTONE
    await page.locator(target).blur()
    assert await page.eval_on_selector(target, WHOLE)
    assert await page.get_attribute(target, "data-limit") == "200"  # counted near its limit
    await page.context.close()


async def test_a_yes_or_no_value_stays_a_plain_input(browser, bot):  # noqa: F811
    director, _, row = await a_dossier(bot, 9522)
    page = await open_phone(browser, bot, director.id, THEME, "light", {"width": 360, "height": 740})
    await page.goto(page.launch)
    await page.wait_for_selector("#dossier")
    await page.select_option(f"#indicator-{row}-value_kind", "yes_no")
    target = f"#indicator-{row}-target_value"
    await page.locator(target).wait_for()
    assert await page.eval_on_selector(target, "e => e.tagName") == "INPUT"
    await page.context.close()
