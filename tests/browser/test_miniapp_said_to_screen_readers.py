"""What the page shows is also said to a screen reader: on a read-only dossier, whether each engagement is
chosen (« choisi » / « non choisi », the ✅ / ⬜ hidden from it); and a note or « ✓ ajouté » said in a status
line the page has just drawn comes once the line is there, empty: a live region filled as it is made is not
read.

Before, a screen reader read the marks as « coche blanche sur fond vert » and « grand carré blanc », and
the note after a tick came in a line made and filled in the same instant."""

from __future__ import annotations

import pytest

from models.tables import Dossier, DossierStatus
from tests.browser.test_miniapp_browser import bot, open_app  # noqa: F401
from tests.browser.test_miniapp_refused_described import with_an_action
from tests.conversations.test_ready_dossier_draft_again import ready_dossier

pytestmark = pytest.mark.asyncio(loop_scope="session")

# what each status line of these ids held when it came on the page (after the page's task), in order
WATCH = """(ids) => {
  window.seen = [];
  const last = {};
  new MutationObserver(() => {
    for (const id of ids) {
      const line = document.getElementById(id);
      if (line && line !== last[id]) { last[id] = line; window.seen.push([id, line.textContent]); }
    }
  }).observe(document.getElementById("app"), {childList: true, subtree: true});
}"""


@pytest.mark.parametrize(
    ("language", "chosen", "not_chosen"), [("fr", "choisi", "non choisi"), ("en", "chosen", "not chosen")]
)
async def test_a_read_only_dossier_says_which_engagements_are_chosen(
    browser,
    bot,  # noqa: F811
    language,
    chosen,
    not_chosen,
):
    director, dossier_id, _, _ = await with_an_action(bot, 7901 if language == "fr" else 7902, language)
    async with bot.database.transaction() as session:
        dossier = await session.get(Dossier, dossier_id)
        dossier.status = DossierStatus.SUBMITTED
        session.add(dossier)
    page = await open_app(browser, bot, director.id, language=language)
    said = await page.locator("#axis-1").aria_snapshot()
    assert "✅" not in said and "⬜" not in said
    assert f"text: {chosen} 1. " in said and f"{not_chosen} 3. " in said, said
    assert await page.locator("#axis-1 .unseen").first.is_visible()  # in the page, only not seen
    await page.context.close()


async def test_a_tick_note_comes_in_a_line_already_there(browser, bot):  # noqa: F811
    member = await ready_dossier(bot, 7911, "Coop Région")
    page = await open_app(browser, bot, member.id)
    await page.evaluate(WATCH, ["engagement-3-box-status", "add-indicator-1-status"])
    await page.locator("#engagement-3-box").check()
    note_id = "engagement-3-box-status"
    note = page.locator(f"#{note_id}")
    await note.filter(has_text="brouillon").wait_for()
    seen = await page.evaluate("window.seen")
    assert [text for id, text in seen if id == note_id] == [""]  # on the page empty, then filled
    await page.fill("#add-indicator-1", "Part des achats locaux")
    await page.locator("#add-indicator-1").press("Enter")
    await page.locator("#add-indicator-1-status").filter(has_text="ajouté").wait_for()
    seen = await page.evaluate("window.seen")
    assert seen[-1] == ["add-indicator-1-status", ""], seen  # the form's line too, drawn again with the page
    await page.context.close()
