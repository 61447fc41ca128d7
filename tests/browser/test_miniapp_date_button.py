"""The calendar button beside a date is one Tab stop, its focus shown, named with its field (« Choisir la
date : Échéance »); Enter or Space opens the calendar, and a date typed there goes to the date's field.
A tap on it still opens the phone's own calendar (the date input is what is under the finger).

Before, the button took two Tab stops, the second with no focus shown; typing there did nothing; and
every button was « Choisir une date », whichever date it set."""

from __future__ import annotations

from tests.browser.test_miniapp_browser import bot, open_app, pytestmark  # noqa: F401
from tests.browser.test_miniapp_refused_described import with_an_action

FOCUSED = """() => {
  const button = document.activeElement;
  const shown = (element) => getComputedStyle(element).outlineStyle !== "none" ? element : null;
  const ring = shown(button) || [...button.parentElement.children].find(shown);
  return {tag: button.tagName, visible: button.matches(":focus-visible"), ring: Boolean(ring)};
}"""
# the calendar asked to open: recorded (a headless Chromium draws no calendar)
SPY = """() => { window.shown = [];
  HTMLInputElement.prototype.showPicker = function () { window.shown.push(this.dataset.pickerFor); }; }"""


async def test_the_calendar_button_is_one_stop_named_with_its_date(browser, bot):  # noqa: F811
    director, _, indicator, action = await with_an_action(bot, 7801)
    page = await open_app(browser, bot, director.id)
    await page.evaluate(SPY)
    target = f"indicator-{indicator}-target_date"
    await page.locator(f"#{target}").focus()
    await page.keyboard.press("Tab")
    assert await page.evaluate(FOCUSED) == {"tag": "BUTTON", "visible": True, "ring": True}
    name = await page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert name.replace("\u00a0", " ") == "Choisir la date : Date cible"
    await page.keyboard.press("Enter")
    await page.keyboard.press("Space")
    assert await page.evaluate("window.shown") == [target, target]
    await page.keyboard.press("Tab")  # one stop: on to the next field
    assert await page.evaluate("document.activeElement.id") == f"action-{action}-description"
    due = page.get_by_role("button", name="Choisir la date\u00a0: Échéance")
    assert await due.count() == 1
    await page.context.close()


async def test_a_date_typed_at_the_calendar_button_goes_to_its_field(browser, bot):  # noqa: F811
    director, _, _, action = await with_an_action(bot, 7811)
    page = await open_app(browser, bot, director.id)
    due = f"#action-{action}-due_date"
    await page.locator(due).focus()
    await page.keyboard.press("Tab")
    await page.keyboard.type("15/03/2027")
    assert await page.evaluate("document.activeElement.id") == due[1:]
    await page.keyboard.press("Enter")
    await page.locator(f"{due}-status.saved").wait_for()
    assert await page.input_value(due) == "15 mars 2027"
    await page.context.close()


async def test_the_calendar_buttons_are_named_in_english(browser, bot):  # noqa: F811
    director, _, _, _ = await with_an_action(bot, 7821, language="en")
    page = await open_app(browser, bot, director.id, language="en")
    assert await page.get_by_role("button", name="Choose the date: Due date", exact=True).count() == 1
    assert await page.get_by_role("button", name="Choose the date: Target date", exact=True).count() == 1
    await page.context.close()
