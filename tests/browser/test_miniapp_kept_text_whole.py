"""The box « Votre réponse, non enregistrée » (after « Garder la sienne ») and the box of a text typed in a
row a colleague removed: a read-only text area, there for the person to copy their text from. It was sized
by a guess (60 characters a line, 12 lines at most) while every text area hides its overflow: on a phone
the end of a long answer was cut off and could not be scrolled to. It is now as tall as its text, the
phone upright or turned."""

from __future__ import annotations

import pytest

from models.dossier.attachments import attachments_of, remove_attachment
from models.dossier.reads import UNSET
from models.dossier.writes import update_involvement
from models.tables import Dossier
from tests.browser import test_miniapp_phone as phone
from tests.browser.test_miniapp_phone import a_dossier, open_phone

pytestmark = pytest.mark.asyncio(loop_scope="session")
bot = phone.bot

MINE = (
    "Nous réunissons l’équipe chaque premier mardi du mois pour faire le point sur le label. "
    "Les coopérateurs reçoivent un compte rendu par courriel et peuvent poser leurs questions. "
) * 4 + "FIN DE MA RÉPONSE"
UPRIGHT = {"width": 320, "height": 568}
TURNED = {"width": 568, "height": 320}
WHOLE = "t => ({ scroll: t.scrollHeight, client: t.clientHeight, width: t.clientWidth })"


async def whole(kept) -> dict:
    """The text area's sizes, once its text is all in view (no line below its bottom edge)."""
    await kept.evaluate("t => new Promise((done) => requestAnimationFrame(() => done()))")
    box = await kept.evaluate(WHOLE)
    assert box["scroll"] <= box["client"] + 2, box
    return box


async def test_the_answer_not_kept_is_whole_on_a_small_phone_upright_or_turned(browser, bot):
    director, dossier_id, _ = await a_dossier(bot, 7601)
    page = await open_phone(browser, bot, director.id, viewport=TURNED)
    await page.goto(page.launch)
    await page.wait_for_selector("#dossier")
    field = f"#dossier-{dossier_id}-staff_information"
    async with bot.database.transaction() as session:  # a colleague saves the same field meanwhile
        dossier = await session.get(Dossier, dossier_id)
        await update_involvement(
            session, dossier, "staff_information", "Texte de Dominique", actor_id=1, expected=UNSET
        )
    await page.fill(field, MINE)
    await page.locator(field).blur()
    await page.locator(f"{field}-conflict").wait_for()
    await page.get_by_role("button", name="Garder la sienne").click()
    kept = page.get_by_role("textbox", name="Votre réponse, non enregistrée")
    assert await kept.input_value() == MINE
    turned = await whole(kept)
    # the phone turned upright: the text wraps on more lines, the box grows with it
    await page.set_viewport_size(UPRIGHT)
    await page.wait_for_function(f"document.querySelector('{field}-kept').clientWidth < {turned['width']}")
    upright = await whole(kept)
    assert upright["client"] > turned["client"]
    await page.context.close()


async def test_a_long_text_typed_in_a_removed_row_is_whole_on_a_small_phone(browser, bot):
    director, dossier_id, _ = await a_dossier(bot, 7602)
    page = await open_phone(browser, bot, director.id, viewport=UPRIGHT)
    await page.goto(page.launch)
    await page.wait_for_selector("#dossier")
    field = "#" + await page.locator("#documents textarea").first.get_attribute("id")
    async with bot.database.transaction() as session:  # the letter taken off in the chat meanwhile
        for attachment in await attachments_of(session, dossier_id):
            dossier = await session.get(Dossier, dossier_id)
            await remove_attachment(session, dossier, attachment, actor_id=director.id, by_direction=True)
    await page.fill(field, MINE)
    await page.locator(field).blur()
    box = page.locator(f"{field}-gone")
    await box.wait_for(timeout=5000)
    kept = box.locator("textarea")
    assert await kept.input_value() == MINE
    await whole(kept)
    # the page opened again: the text kept on the phone is drawn whole too
    await page.reload()
    await page.wait_for_selector("#dossier")
    assert await kept.input_value() == MINE
    await whole(kept)
    await page.context.close()
