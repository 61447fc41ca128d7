"""A value the server refuses is tied to its field for a screen reader: the field is marked invalid
(``aria-invalid``) until a value of it is saved, and its status line (what is wrong, one example) is part
of its description, read when the field is reached again.

Before, « un jour » in « Échéance » or a 6,009-character text showed the refusal under the field, but the
field said nothing of it: no ``aria-invalid``, and ``aria-describedby`` pointed only to its example."""

from __future__ import annotations

from sqlmodel import select

from models.dossier.indicators import add_action, add_indicator
from models.dossier.writes import set_engagement
from models.tables import Dossier
from tests.browser.test_miniapp_browser import bot, open_app, pytestmark  # noqa: F401
from tests.conftest import NOW
from tests.dossier_steps import join

# the field's own words for a screen reader: what describes it, and whether it is marked invalid
SAID = """(id) => {
  const field = document.getElementById(id);
  const by = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
  return {invalid: field.getAttribute("aria-invalid"), by: by,
          described: by.map((part) => (document.getElementById(part) || {textContent: "?"}).textContent).join(" | ")};
}"""


async def with_an_action(bot, user_id: int, language: str = "fr", coop: str = "Coop Habitat"):  # noqa: F811
    """A dossier with engagements 1, 2 and 5, an indicator of 1 and its action; its director, the rows."""
    director = await join(bot, user_id, language, coop)
    async with bot.database.transaction() as session:
        dossier = (
            await session.exec(select(Dossier).where(Dossier.coop_id == director.invitations.coop.id))
        ).one()
        for code in (1, 2, 5):
            await set_engagement(session, dossier, code, True, actor_id=director.id, now=NOW)
        indicator = await add_indicator(
            session, dossier, 1, title="Part de logements BRS", actor_id=director.id, now=NOW
        )
        action = await add_action(
            session, dossier, indicator, "Former l’équipe", actor_id=director.id, now=NOW
        )
        return director, dossier.id, indicator.id, action.id


async def left(page, selector: str, kind: str) -> None:
    """The field left (it saves), its answer shown: ``saved`` or ``error``."""
    await page.locator(selector).blur()
    await page.locator(f"{selector}-status.{kind}").wait_for()


async def test_a_refused_date_marks_its_field_until_a_date_is_saved(browser, bot):  # noqa: F811
    director, _, _, action = await with_an_action(bot, 7501)
    page = await open_app(browser, bot, director.id)
    due = f"action-{action}-due_date"
    said = await page.evaluate(SAID, due)
    assert said["invalid"] is None and f"{due}-status" in said["by"]
    await page.fill(f"#{due}", "un jour")
    await left(page, f"#{due}", "error")
    said = await page.evaluate(SAID, due)
    assert said["invalid"] == "true"
    assert "Je ne reconnais pas de date dans" in said["described"]
    await page.fill(f"#{due}", "mars 2027")
    await left(page, f"#{due}", "saved")
    assert (await page.evaluate(SAID, due))["invalid"] is None
    await page.context.close()


async def test_a_text_too_long_marks_its_field_until_it_is_shortened(browser, bot):  # noqa: F811
    director, _, indicator, _ = await with_an_action(bot, 7511)
    page = await open_app(browser, bot, director.id)
    rationale = f"indicator-{indicator}-rationale"
    await page.fill(f"#{rationale}", "Texte. " * 858 + "fin")  # 6,009 characters, the limit 6,000
    await left(page, f"#{rationale}", "error")
    said = await page.evaluate(SAID, rationale)
    assert said["invalid"] == "true"
    assert "la limite est de" in said["described"]
    await page.fill(f"#{rationale}", "Texte. " * 10 + "fin")
    await left(page, f"#{rationale}", "saved")
    assert (await page.evaluate(SAID, rationale))["invalid"] is None
    await page.context.close()


async def test_a_refused_new_row_marks_its_form_field(browser, bot):  # noqa: F811
    """A new indicator's title refused (too long): its field too, until it is added."""
    director, _, _, _ = await with_an_action(bot, 7521)
    page = await open_app(browser, bot, director.id)
    add = "add-indicator-2"
    assert f"{add}-status" in (await page.evaluate(SAID, add))["by"]
    await page.fill(f"#{add}", "Titre " * 100)
    await page.locator(f"#{add}").press("Enter")
    await page.locator(f"#{add}-status.error").wait_for()
    assert (await page.evaluate(SAID, add))["invalid"] == "true"
    await page.fill(f"#{add}", "Taux de satisfaction des locataires")
    await page.locator(f"#{add}").press("Enter")
    await page.locator("#engagement-2 .indicator").first.wait_for()
    assert (await page.evaluate(SAID, add))["invalid"] is None
    await page.context.close()
