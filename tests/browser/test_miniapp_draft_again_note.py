"""The page shows what the chat says after a tick or an addition (the answer's ``note``): under the engagement
ticked and under the form that added, as a saved field's note is under its « ✓ enregistré ». Before, a
ready dossier made a draft again by a tick only changed its status line."""

from __future__ import annotations

import pytest

from tests.browser.test_miniapp_browser import bot, open_app  # noqa: F401 (fixtures)
from tests.conversations.test_ready_dossier_draft_again import ready_dossier

pytestmark = pytest.mark.asyncio(loop_scope="session")
DRAFT_AGAIN = "Le dossier n’est plus prêt à soumettre : il est repassé en brouillon."


async def test_a_tick_says_the_dossier_is_a_draft_again_under_its_engagement(browser, bot):  # noqa: F811
    member = await ready_dossier(bot, 9741201, "Coop Case")
    page = await open_app(browser, bot, member.id)
    await page.locator("#engagement-3-box").check()
    note = page.locator("#engagement-3-box-status")
    await note.wait_for()
    assert (await note.inner_text()).replace("\u00a0", " ") == DRAFT_AGAIN
    assert "Brouillon" in await page.locator("#status-line").inner_text()
    await page.context.close()


async def test_an_addition_says_the_dossier_is_a_draft_again_under_its_form(browser, bot):  # noqa: F811
    member = await ready_dossier(bot, 9741202, "Coop Ajout")
    page = await open_app(browser, bot, member.id)
    await page.fill("#add-indicator-1", "Part des achats locaux")
    async with page.expect_response("**/app/api/indicator"):
        await page.locator("#add-indicator-1").press("Enter")
    status = page.locator("#add-indicator-1-status")
    await status.filter(has_text="brouillon").wait_for()
    # under « ✓ indicateur ajouté », as a saved field's note is under its « ✓ enregistré »
    assert (await status.inner_text()).replace("\u00a0", " ") == "✓ indicateur ajouté\n" + DRAFT_AGAIN
    await page.context.close()
