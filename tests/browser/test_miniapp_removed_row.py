"""A row a colleague removed while the page was open (a document taken off in the chat) leaves the page as
soon as a save to it is refused: the page is drawn again without it, and what was typed in it stays beside
the page to copy, under a sentence that says what was removed (not the chat's « what you were answering »)."""

from __future__ import annotations

from models.dossier.attachments import attachments_of, remove_attachment
from models.dossier.writes import set_engagement
from models.tables import Dossier
from tests.browser.test_miniapp_browser import bot, open_app, pytestmark  # noqa: F401
from tests.conftest import NOW
from tests.dossier_steps import choose, join, upload_letter

SAID = (
    "Ce document a été retiré entre-temps, peut-être par un collègue : votre texte est gardé ci-dessous "
    "pour le copier."
)


async def test_a_document_removed_by_a_colleague_leaves_the_page_its_label_kept_to_copy(browser, bot):  # noqa: F811
    director = await join(bot, 9781000, "fr", "Coop Retrait")
    await upload_letter(director)
    page = await open_app(browser, bot, director.id)
    field = "#" + await page.locator("#documents textarea").first.get_attribute("id")
    async with bot.database.transaction() as session:  # the letter taken off in the chat meanwhile
        for attachment in await attachments_of(session, 1):
            dossier = await session.get(Dossier, attachment.dossier_id)
            await remove_attachment(session, dossier, attachment, actor_id=director.id, by_direction=True)
    await page.fill(field, "Lettre renommée")
    await page.locator(field).blur()
    box = page.locator(f"{field}-gone")
    await box.wait_for(timeout=5000)  # at once, not at the page's next drawing
    assert await page.locator(field).count() == 0, "the removed document is still on the page"
    assert (await box.locator("p").inner_text()).replace("\u00a0", " ") == SAID
    assert await box.locator("textarea").input_value() == "Lettre renommée"
    assert "répondiez" not in await page.inner_text("#app")  # the chat's words do not fit a page

    # the page opened again: the phone kept the text, with the same sentence, until it is closed
    await page.reload()
    await page.wait_for_selector("#dossier")
    assert (await box.locator("p").inner_text()).replace("\u00a0", " ") == SAID
    assert await box.locator("textarea").input_value() == "Lettre renommée"
    await box.get_by_role("button", name="Fermer").click()
    assert await box.count() == 0
    await page.context.close()


async def test_an_indicator_added_to_an_engagement_unticked_meanwhile_is_kept_to_copy(browser, bot):  # noqa: F811
    # before: refused with no page drawn again, the engagement still ticked with its form, refused again
    director = await join(bot, 9781001, "fr", "Coop Décochée")
    await choose(director, [1, 2])
    page = await open_app(browser, bot, director.id)
    field = "#add-indicator-2"
    async with bot.database.transaction() as session:  # a colleague unticks engagement 2 in the chat
        await set_engagement(session, await session.get(Dossier, 1), 2, False, actor_id=director.id, now=NOW)
    await page.fill(field, "Taux de satisfaction")
    await page.locator(f"form:has({field}) button").click()
    box = page.locator(f"{field}-gone")
    await box.wait_for(timeout=5000)
    assert await page.locator(field).count() == 0, "the form of the engagement unticked is still there"
    said = (await box.locator("p").inner_text()).replace("\u00a0", " ")
    assert said.startswith("Cet engagement a été décoché entre-temps"), said
    assert await box.locator("textarea").input_value() == "Taux de satisfaction"
    await page.context.close()
