"""A read-only dossier's headings name no form field that is not there.

Before, each value the committee read (and a coop its submitted dossier) was headed by a <label for=…>
pointing at a plain text block: some 570 labels of nothing on a full dossier, which a screen reader
takes for a form's, with no field to find. Now a read value's heading is plain text before it; while
the dossier is being prepared, each label still names its field."""

from __future__ import annotations

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.browser.test_miniapp_browser import bot, open_app, pytestmark  # noqa: F401
from tests.conversations.test_label_journey import COMMITTEE_ID
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import join, submit

# the labels pointing at no form field (an id missing, or a text block's)
LABELS_OF_NOTHING = """() => [...document.querySelectorAll('label[for]')].filter((label) => {
  const named = document.getElementById(label.htmlFor);
  return !named || !named.matches('input, textarea, select, button, meter, output, progress');
}).map((label) => label.htmlFor)"""


async def test_a_read_dossiers_headings_name_no_field(browser, bot):  # noqa: F811
    director = await join(bot, 9640, "fr", "Coop Lecture")
    await complete_dossier(director)
    preparing = await open_app(browser, bot, director.id)
    assert await preparing.locator("#dossier .field > label[for]").count() > 10
    assert await preparing.evaluate(LABELS_OF_NOTHING) == []
    assert await preparing.get_by_label("Échéance").first.evaluate("e => e.matches('input, textarea')")
    await preparing.context.close()

    await submit(director)
    async with bot.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    bot.user(COMMITTEE_ID, "Claude", "fr")
    for reader in (director.id, COMMITTEE_ID):
        page = await open_app(browser, bot, reader)
        if reader == COMMITTEE_ID:
            await page.get_by_role("link", name="Coop Lecture").click()
        await page.wait_for_selector("#dossier.read-only")
        assert await page.evaluate(LABELS_OF_NOTHING) == []
        headings = page.locator("#dossier .field > label")
        assert await headings.count() > 10  # still each value's heading, read before it
        assert await page.locator("#dossier .field > label[for]").count() == 0
        await page.context.close()
