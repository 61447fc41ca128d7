"""The page's text follows the browser's font-size setting (Chrome's « Taille de police », Android's text
size): labels, typed text, examples and counters grow with it, as the headings did; at the default size a
360 × 640 phone still has no horizontal scroll, nor at the larger one.

Before, the body's text was fixed at 16 px: with the setting at 24 px the headings grew and every label,
field and hint stayed at 16 px (or 14.4 px)."""

from __future__ import annotations

from tests.browser import test_miniapp_phone as phone
from tests.browser.test_miniapp_browser import bot, pytestmark  # noqa: F401

SIZES = """() => Object.fromEntries([
  ["body", "body"], ["choice", "label.choice"], ["label", ".field > label"], ["field", "textarea[data-field]"],
  ["example", "p.example"], ["hint", ".hint"], ["heading", "h1"],
].map(([name, selector]) => [name, parseFloat(getComputedStyle(document.querySelector(selector)).fontSize)]))"""
WIDE = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"


async def test_every_text_follows_the_browsers_font_size(browser, bot):  # noqa: F811
    director, _, _ = await phone.a_dossier(bot, 7701)
    page = await phone.open_phone(browser, bot, director.id, viewport={"width": 360, "height": 640})
    await page.goto(page.launch)
    await page.wait_for_selector("#dossier")
    default = await page.evaluate(SIZES)
    assert default["body"] == 16
    assert await page.evaluate(WIDE) == 0
    cdp = await page.context.new_cdp_session(page)
    await cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 24, "fixed": 20}})
    await page.wait_for_function("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize) > 20")
    larger = await page.evaluate(SIZES)
    assert {name: round(larger[name] / size, 2) for name, size in default.items()} == dict.fromkeys(
        default, 1.5
    )
    assert await page.evaluate(WIDE) == 0
    await page.context.close()
