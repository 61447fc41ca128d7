"""A text typed in a field a colleague removed meanwhile (its engagement dropped in the chat) is never
dropped by the page: its save refused, the page is drawn again at once without the indicator, and the text
stays beside it, to copy, and on the phone across reopenings, until the person closes it."""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.dossier.indicators import add_indicator
from models.dossier.reads import ConfirmationNeeded
from models.dossier.writes import set_engagement
from models.tables import Dossier
from tests.browser.test_miniapp_browser import NOW, bot, open_app, pytestmark  # noqa: F401
from tests.dossier_steps import join

LONG = (
    "Nous avons réuni les locataires du quartier des Tilleuls trois soirs de suite pour recueillir leur avis "
    "sur la qualité des logements. "
) * 12
SAID = (
    "Cet indicateur a été supprimé entre-temps, peut-être par un collègue : votre texte est gardé ci-dessous "
    "pour le copier."
)


async def test_a_text_typed_in_a_removed_indicator_stays_to_copy_until_closed(browser, bot):  # noqa: F811
    sam = await join(bot, 7201, "fr", "Coop Perte")
    async with bot.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        for code in (1, 2):
            await set_engagement(session, dossier, code, True, actor_id=sam.id, now=NOW)
        indicator = await add_indicator(session, dossier, 1, title="Part de BRS", actor_id=sam.id, now=NOW)
    page = await open_app(browser, bot, sam.id)
    field = f"#indicator-{indicator.id}-rationale"
    await page.fill(field, LONG)
    async with bot.database.transaction() as session:  # a colleague drops engagement 1 in the chat
        dossier = (await session.exec(select(Dossier))).one()
        with pytest.raises(ConfirmationNeeded) as asked:
            await set_engagement(session, dossier, 1, False, actor_id=sam.id, now=NOW)
        await set_engagement(
            session, dossier, 1, False, actor_id=sam.id, confirmed=True, seen=asked.value.seen, now=NOW
        )
    await page.locator(field).blur()
    box = page.locator(f"{field}-gone")
    await box.wait_for(timeout=5000)  # its save refused: the page drawn again at once, without the indicator
    await page.locator("[data-engagement='9']").check()  # the page is drawn again
    await page.locator("[data-engagement='9']:checked:not([disabled])").wait_for()
    assert await page.locator(field).count() == 0
    assert (await box.locator("p").inner_text()).replace("\u00a0", " ") == SAID
    assert await box.locator("textarea").input_value() == LONG
    assert await box.locator("textarea").get_attribute("readonly") is not None
    await page.locator("[data-engagement='10']").check()  # and again: still there
    await page.locator("[data-engagement='10']:checked:not([disabled])").wait_for()
    assert await box.locator("textarea").input_value() == LONG

    # closed and opened again from the chat: the phone kept it
    await page.reload()
    await page.wait_for_selector("#dossier")
    assert await page.locator(f"{field}-gone textarea").input_value() == LONG
    await page.locator(f"{field}-gone").get_by_role("button", name="Fermer").click()
    assert await page.locator(f"{field}-gone").count() == 0
    await page.reload()
    await page.wait_for_selector("#dossier")
    assert await page.locator(f"{field}-gone").count() == 0  # closed: forgotten
    await page.context.close()
