"""A unit picked in the page after a colleague made the indicator a text one: the page is drawn again without
the unit menu (a text has no unit), and the chat's words saying so are not lost with it: they are said under
the row's kind, in view, and nothing is stored."""

from __future__ import annotations

from tests.browser.test_miniapp_browser import open_app, pytestmark  # noqa: F401
from tests.browser.test_miniapp_terms_changed import bot, change, indicator_in_percent, stored  # noqa: F401

TOLD = (
    "⚠️ Bob a modifié « Type de valeur » entre-temps : c’est désormais « 📝 Un jalon en texte court ».\n"
    "Les valeurs éventuellement déjà saisies ont été effacées.\n"
    "Votre réponse « € » n’a pas été enregistrée."
)


async def test_a_unit_picked_after_the_kind_became_text_is_said_under_the_kind(browser, bot):  # noqa: F811
    sam, bob, row = await indicator_in_percent(bot, 7291, "Coop Genre Texte")
    page = await open_app(browser, bot, sam.id)
    unit = f"#indicator-{row}-unit"
    await change(bot, bob, row, "value_kind", "text")  # Bob, in the chat, while Sam's page shows the unit
    await page.select_option(unit, "euro")
    kind = page.locator(f"#indicator-{row}-value_kind-status")
    await kind.filter(has_text="entre-temps").wait_for(timeout=5000)
    assert (await kind.inner_text()).replace("\u00a0", " ") == TOLD
    assert await kind.is_visible()
    assert await page.locator(unit).count() == 0  # drawn again: a text has no unit
    assert await page.input_value(f"#indicator-{row}-value_kind") == "text"
    indicator = await stored(bot, row)
    assert (indicator.value_kind, indicator.unit) == ("text", None)
    await page.context.close()


async def test_a_unit_typed_after_the_kind_became_yes_no_is_kept_under_the_same_words(browser, bot):  # noqa: F811
    """Typed in the coop's words (« Other unit… »): said under the kind too, and the text, gone with the
    menu, kept to copy under the chat's words, not as removed meanwhile."""
    sam, bob, row = await indicator_in_percent(bot, 7301, "Coop Genre Oui")
    page = await open_app(browser, bot, sam.id)
    await change(bot, bob, row, "value_kind", "yes_no")
    await page.select_option(f"#indicator-{row}-unit", label="✏️ Autre unité…")
    own = f"#indicator-{row}-unit-own"
    await page.fill(own, "jours ouvrés")
    await page.locator(own).press("Enter")
    kind = page.locator(f"#indicator-{row}-value_kind-status")
    await kind.filter(has_text="entre-temps").wait_for(timeout=5000)
    said = (await kind.inner_text()).replace("\u00a0", " ")
    assert said.startswith(
        "⚠️ Bob a modifié « Type de valeur » entre-temps : c’est désormais « 👍 Oui / non »."
    ), said
    assert said.endswith("Votre réponse « jours ouvrés » n’a pas été enregistrée."), said
    box = page.locator(f"{own}-gone")
    assert (await box.locator("p").inner_text()).replace("\u00a0", " ") == said
    assert await box.locator("textarea").input_value() == "jours ouvrés"
    assert (await stored(bot, row)).unit is None
    await page.context.close()
