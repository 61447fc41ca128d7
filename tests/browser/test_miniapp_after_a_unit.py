"""An indicator's kind and unit picked in the page, and what they leave said under the row's values.

A value refused because the indicator had no unit yet (« choisissez d’abord « % » comme unité ») is no
longer refused once the page itself stores that unit: it is sent at once, in the unit the user just chose
as told. A number's first unit clears what does not fit it, said as the chat says it (no unit « changed »,
nothing to retype in a « new » unit). A kind not stored while the database is away is not left shown as
chosen: the menu goes back to what the dossier holds, with words for a menu, to choose again.
"""

from __future__ import annotations

from sqlmodel import select

from models.dossier.indicators import add_indicator
from models.dossier.writes import set_engagement
from models.tables import Dossier
from tests.browser.test_miniapp_browser import NOW, bot, open_app, pytestmark, saved  # noqa: F401
from tests.browser.test_miniapp_terms_changed import stored
from tests.conversations.test_miniapp_database_away import cut_at
from tests.dossier_steps import join


async def fresh(bot, uid: int, coop: str):  # noqa: F811
    """A member whose dossier has one indicator with no kind nor unit yet."""
    sam = await join(bot, uid, "fr", coop)
    async with bot.database.transaction() as session:
        dossier = (
            await session.exec(select(Dossier).where(Dossier.coop_id == sam.invitations.coop.id))
        ).one()
        await set_engagement(session, dossier, 1, True, actor_id=sam.id, now=NOW)
        row = await add_indicator(session, dossier, 1, title="Taux de satisfaction", actor_id=sam.id, now=NOW)
    return sam, row.id


async def said(page, selector: str) -> str:
    return (await page.locator(f"{selector}-status").inner_text()).replace("\u00a0", " ")


async def test_a_value_refused_for_want_of_a_unit_is_sent_once_the_page_stores_that_unit(browser, bot):  # noqa: F811
    sam, row = await fresh(bot, 8931, "Coop Unité Après")
    page = await open_app(browser, bot, sam.id)
    unit, cur = f"#indicator-{row}-unit", f"#indicator-{row}-current_value"
    await page.select_option(f"#indicator-{row}-value_kind", "number")
    await page.locator(unit).wait_for()
    await page.fill(cur, "12,5 %")
    await page.locator(cur).blur()
    await page.locator(f"{cur}-status.error").wait_for()
    assert "choisissez d’abord « % » comme unité" in await said(page, cur)
    await page.select_option(unit, "percent")  # as the refusal says: the value goes with it, untouched
    await page.locator(f"{cur}-status.saved").wait_for(timeout=5000)
    assert "pas encore d’unité" not in await said(page, cur)
    indicator = await stored(bot, row)
    assert (indicator.unit, indicator.current_value) == ("percent", "12.5")
    assert (await page.input_value(cur)).replace("\u00a0", " ") == "12,5 %"  # as the server reads it
    await page.context.close()


async def test_a_first_unit_clearing_a_value_says_it_as_the_chat_does(browser, bot):  # noqa: F811
    sam, row = await fresh(bot, 8941, "Coop Première Unité")
    page = await open_app(browser, bot, sam.id)
    unit, tgt = f"#indicator-{row}-unit", f"#indicator-{row}-target_value"
    await page.select_option(f"#indicator-{row}-value_kind", "number")
    await page.locator(unit).wait_for()
    await page.fill(tgt, "150")
    await saved(page, tgt)
    await page.select_option(unit, "percent")
    await page.locator(f"{tgt}-status.cleared").wait_for(timeout=5000)
    assert await said(page, tgt) == "« Valeur cible » effacée : « 150 » ne convient pas à cette unité."
    assert (await stored(bot, row)).target_value is None
    await page.context.close()


async def test_a_unit_replaced_still_says_the_unit_changed(browser, bot):  # noqa: F811
    """Not a first unit: the values cleared are said as before, to type again in the new unit."""
    sam, row = await fresh(bot, 8951, "Coop Autre Unité")
    page = await open_app(browser, bot, sam.id)
    unit, tgt = f"#indicator-{row}-unit", f"#indicator-{row}-target_value"
    await page.select_option(f"#indicator-{row}-value_kind", "number")
    await page.locator(unit).wait_for()
    await page.select_option(unit, "percent")
    await page.locator(f"{unit} option[value=percent][selected]").wait_for(state="attached")
    await page.fill(tgt, "40")
    await saved(page, tgt)
    await page.select_option(unit, "euro")
    await page.locator(f"{tgt}-status.cleared").wait_for(timeout=5000)
    text = await said(page, tgt)
    assert "l’unité a changé" in text and "ne convient pas" not in text, text
    await page.context.close()


async def test_a_kind_not_stored_while_the_database_is_away_goes_back_to_the_stored_one(browser, bot):  # noqa: F811
    sam, row = await fresh(bot, 8961, "Coop Panne Menu")
    page = await open_app(browser, bot, sam.id)
    kind = f"#indicator-{row}-value_kind"
    with cut_at(bot, "UPDATE INDICATOR"):
        await page.select_option(kind, "number")
        await page.locator(f"{kind}-status.error").wait_for(timeout=5000)
    assert (
        await said(page, kind)
        == "Non enregistré : la connexion a été perdue. Choisissez de nouveau dans un instant."
    )
    assert await page.input_value(kind) == ""  # as stored: no kind
    assert (await stored(bot, row)).value_kind is None
    await page.select_option(kind, "number")  # the database back: chosen again, stored
    await page.locator(f"#indicator-{row}-unit").wait_for(timeout=5000)
    assert (await stored(bot, row)).value_kind == "number"
    await page.context.close()
