"""A row added with Enter from its form is said added under the form (« ✓ indicateur ajouté », « ✓ action
ajoutée au plan », the chat's words), and the form, still in hand, is brought into view.

Before, the page said nothing unless the server sent a note, and the form, pushed down by the new row
(some 900 px on a phone), kept the focus off-screen: a keyboard or screen-reader user lost their place."""

from __future__ import annotations

from models.dossier.indicators import add_indicator
from models.tables import Dossier
from tests.browser.test_miniapp_browser import bot, open_app, pytestmark  # noqa: F401
from tests.browser.test_miniapp_refused_described import with_an_action
from tests.conftest import NOW

IN_VIEW = """() => {
  const box = document.activeElement.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= innerHeight;
}"""


async def added_with_enter(page, field: str, text: str, row: str) -> None:
    """The form's field reached and typed in, Enter pressed, the new row on the page."""
    await page.locator(field).focus()
    await page.keyboard.type(text)
    await page.keyboard.press("Enter")
    await page.locator(row).first.wait_for()


async def test_an_indicator_added_with_enter_is_said_and_its_form_stays_in_view(browser, bot):  # noqa: F811
    director, _, _, _ = await with_an_action(bot, 7601)
    page = await open_app(browser, bot, director.id)
    await added_with_enter(
        page, "#add-indicator-2", "Taux de satisfaction des locataires", "#engagement-2 .indicator"
    )
    status = page.locator("#add-indicator-2-status")
    await status.filter(has_text="ajouté").wait_for(timeout=2000)
    assert (await status.inner_text()).replace("\u00a0", " ") == "✓ indicateur ajouté"
    assert await page.evaluate("document.activeElement.id") == "add-indicator-2"
    assert await page.evaluate(IN_VIEW)
    await page.context.close()


async def test_an_action_added_with_enter_is_said_in_english_too(browser, bot):  # noqa: F811
    director, _, indicator, _ = await with_an_action(bot, 7611, language="en")
    page = await open_app(browser, bot, director.id, language="en")
    form = f"#add-action-{indicator}"
    await added_with_enter(page, form, "Train the sales team", f"#indicator-{indicator} .action >> nth=1")
    status = page.locator(f"{form}-status")
    await status.filter(has_text="added").wait_for(timeout=2000)
    assert await status.inner_text() == "✓ action added to the plan"
    assert await page.evaluate("document.activeElement.id") == form[1:]
    assert await page.evaluate(IN_VIEW)
    await page.context.close()


async def test_the_add_button_pressed_from_the_keyboard_keeps_the_focus(browser, bot):  # noqa: F811
    """➕ reached with Tab and pressed: disabled while it adds, it is given the focus back, in view."""
    director, _, _, _ = await with_an_action(bot, 7621)
    page = await open_app(browser, bot, director.id)
    await page.locator("#add-indicator-2").focus()
    await page.keyboard.type("Taux de satisfaction des locataires")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Space")
    await page.locator("#engagement-2 .indicator").first.wait_for()
    await page.locator("#add-indicator-2-status").filter(has_text="ajouté").wait_for(timeout=2000)
    focused = await page.evaluate(
        "[document.activeElement.tagName, document.activeElement.form?.dataset.code]"
    )
    assert focused == ["BUTTON", "2"]
    assert await page.evaluate(IN_VIEW)
    await page.context.close()


async def test_the_tenth_indicator_added_with_enter_leaves_the_limit_said_without_an_error(browser, bot):  # noqa: F811
    """The tenth fills the engagement: its form gives way to the limit's hint, which bears the form's id;
    the page goes on (before: « field.form » of that hint threw, and ➕ kept its focus lost)."""
    director, dossier_id, _, _ = await with_an_action(bot, 7621)
    async with bot.database.transaction() as session:
        dossier = await session.get(Dossier, dossier_id)
        for n in range(1, 10):
            await add_indicator(session, dossier, 2, title=f"Indicateur {n}", actor_id=director.id, now=NOW)
    page = await open_app(browser, bot, director.id)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    await added_with_enter(page, "#add-indicator-2", "Le dixième", "#engagement-2 .hint.limit")
    await page.wait_for_timeout(300)
    assert errors == []
    await page.context.close()
