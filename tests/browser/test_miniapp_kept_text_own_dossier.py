"""In real Chromium: Inès is on the committee and on Coop Maison's team. She types her coop's approach in
the Mini App and the connection drops: the text is kept on her phone only. She then opens Coop Suivie's
submitted dossier from the committee's list.

Before, Coop Suivie's page showed her text in a box « Le dossier a été soumis au comité… Votre texte est
gardé ci-dessous pour le copier. », as if it were Coop Suivie's, or her own dossier had been submitted.
Now the phone keeps texts by dossier: nothing of hers shows on another coop's page, and her text comes back
in its own field on her coop's dossier. A text kept by an earlier release (by person and field only) comes
back there too, never on another coop's page."""

from __future__ import annotations

import json

from models.tables import DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.browser import test_miniapp_browser as desktop
from tests.browser.test_miniapp_committee_in_a_coop import open_app
from tests.conversations.test_miniapp_api import coop_with_indicator
from tests.conversations.test_miniapp_visitors import with_status
from tests.dossier_steps import join

pytestmark = desktop.pytestmark
bot = desktop.bot

APPROACH = "textarea[data-entity=dossier][data-name=approach]"
HERS = "Notre démarche : un comité de pilotage réunit salariés et coopérateurs chaque trimestre."


async def committee_member_on_a_team(bot, user_id: int):
    """Inès, on Coop Maison's team and on the committee, which follows Coop Suivie's submitted dossier."""
    _director, followed = await coop_with_indicator(bot, user_id + 1, "Coop Suivie")
    await with_status(bot, followed["dossier"]["id"], DossierStatus.SUBMITTED)
    ines = await join(bot, user_id, "fr", "Coop Maison")
    async with bot.database.transaction() as session:
        await grant_federation_role(session, ines.id, FederationRoleName.COMMITTEE)
    return ines


async def open_followed_dossier(page) -> None:
    """From her coop's dossier, the committee's list, then Coop Suivie's dossier."""
    await page.get_by_role("link", name="📋 Dossiers suivis par le comité").click()
    await page.wait_for_selector("#dossiers")
    await page.get_by_role("link", name="Coop Suivie").click()
    await page.wait_for_selector("#dossier")
    assert await page.locator("h1").inner_text() == "Dossier Quali’Coop — Coop Suivie"


async def back_to_her_dossier(page, launched: str) -> str:
    """Her coop's dossier opened again from the chat; what its approach field holds."""
    await page.goto(launched)
    await page.wait_for_selector("#dossier")
    assert await page.locator("h1").inner_text() == "Dossier Quali’Coop — Coop Maison"
    return await page.locator(APPROACH).input_value()


async def test_a_text_kept_on_the_phone_shows_only_on_its_own_dossier(browser, bot):
    ines = await committee_member_on_a_team(bot, 9561201)
    page = await open_app(browser, bot, ines.id, "fr")
    launched = page.url
    field = page.locator(APPROACH)
    await page.route("**/app/api/field", lambda route: route.abort())  # the connection drops as she saves
    await field.fill(HERS)
    await field.blur()
    status = page.locator("#" + await field.get_attribute("id") + "-status")
    await status.filter(has_text="connexion").wait_for()  # said not saved: kept on the phone
    await page.unroute("**/app/api/field")

    await open_followed_dossier(page)
    await page.wait_for_timeout(300)  # the kept texts are drawn just after the page
    assert await page.locator(".conflict.gone").count() == 0  # nothing of hers under Coop Suivie's dossier

    assert await back_to_her_dossier(page, launched) == HERS  # back in its own field
    await page.context.close()


async def test_a_text_kept_by_an_earlier_release_comes_back_on_her_own_dossier_only(browser, bot):
    ines = await committee_member_on_a_team(bot, 9561211)
    page = await open_app(browser, bot, ines.id, "fr")
    launched = page.url
    field_id = await page.locator(APPROACH).get_attribute("id")
    older = f"qualicoop:{ines.id}:{field_id}"  # by person and field, as kept before dossiers were told apart
    draft = json.dumps({"value": HERS, "expected": "null", "label": "Démarche", "section": "involvement"})
    await page.evaluate("([key, draft]) => localStorage.setItem(key, draft)", [older, draft])

    await open_followed_dossier(page)
    await page.wait_for_timeout(300)
    assert await page.locator(".conflict.gone").count() == 0

    assert await back_to_her_dossier(page, launched) == HERS
    assert await page.evaluate("(key) => localStorage.getItem(key)", older) is None  # kept by dossier now
    await page.context.close()
