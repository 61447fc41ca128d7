"""In real Chromium: a committee member who is on a coop's team goes between her coop's dossier and the
committee's list (« ⬅️ Retour à la liste » led to her own coop's draft), sees how to get a dossier's
files; a page too old, and the frame's « Close » under a refusal, speak the language the server spoke
(the one chosen in the chat), not the Telegram app's."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import urlencode

from bot.web.miniapp.pages import TELEGRAM_SDK
from models.tables import DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.browser import test_miniapp_browser as desktop
from tests.browser.test_miniapp_back_to_list import BACK_BUTTON, back_shown
from tests.conftest import NOW
from tests.conversations.test_miniapp_api import coop_with_indicator
from tests.conversations.test_miniapp_visitors import with_status
from tests.dossier_steps import join
from tests.miniapp import signed_init_data

pytestmark = desktop.pytestmark
bot = desktop.bot


async def open_app(browser, bot, user_id: int, language: str, query: str = "", auth_date=NOW):
    """The Mini App as Telegram opens it (its BackButton recorded), the phone's browser in French."""
    page = await (await browser.new_context(viewport=desktop.PHONE, locale="fr-FR")).new_page()
    script = desktop.STUB.read_text(encoding="utf-8") + BACK_BUTTON
    await page.route(TELEGRAM_SDK, lambda route: route.fulfill(body=script, content_type="text/javascript"))
    launch = {
        "tgWebAppData": signed_init_data(user_id, language=language, auth_date=auth_date),
        "tgWebAppVersion": "8.0",
        "tgWebAppThemeParams": json.dumps(desktop.THEME),
    }
    await page.goto(f"{bot.web_url}/app{query}#{urlencode(launch)}")
    await page.wait_for_selector("#dossiers, #dossier, .error")
    return page


async def test_a_committee_member_on_a_coops_team_goes_between_her_dossier_and_the_list(browser, bot):
    director, followed = await coop_with_indicator(bot, 9541201, "Coop Suivie")
    await with_status(bot, followed["dossier"]["id"], DossierStatus.SUBMITTED)
    ines = await join(bot, 9541202, "fr", "Coop Maison")
    async with bot.database.transaction() as session:
        await grant_federation_role(session, ines.id, FederationRoleName.COMMITTEE)
    page = await open_app(browser, bot, ines.id, "fr")
    assert await page.locator("h1").inner_text() == "Dossier Quali’Coop — Coop Maison"  # the menu's page
    assert not await back_shown(page)
    await desktop.shot(page, "committee-in-a-coop-own")
    await page.get_by_role("link", name="📋 Dossiers suivis par le comité").click()
    await page.wait_for_selector("#dossiers")
    await desktop.shot(page, "committee-in-a-coop-list")
    assert await back_shown(page)  # Telegram's ⬅: back to her coop's dossier
    await page.get_by_role("link", name="Coop Suivie").click()
    await page.wait_for_selector("#dossier")
    assert await page.locator("h1").inner_text() == "Dossier Quali’Coop — Coop Suivie"
    files = (await page.locator("#documents #files").inner_text()).replace("\u00a0", " ")
    await page.locator("#files").scroll_into_view_if_needed()
    await desktop.shot(page, "committee-in-a-coop-files")
    assert files.startswith(f"📦 Les fichiers : envoyez /export {director.invitations.coop.id} dans le chat")
    await page.get_by_role("link", name="⬅️ Retour à la liste").click()
    await page.wait_for_selector("#dossiers")  # the list, not her own coop's draft
    await page.get_by_role("link", name="Coop Suivie").click()
    await page.wait_for_selector("#dossier")
    await page.evaluate("Telegram.WebApp.BackButton.taps.at(-1)()")  # Telegram's ⬅ does the same
    await page.wait_for_selector("#dossiers")
    await page.evaluate("Telegram.WebApp.BackButton.taps.at(-1)()")  # and from the list, her coop's
    await page.wait_for_selector("#dossier")
    assert await page.locator("h1").inner_text() == "Dossier Quali’Coop — Coop Maison"
    assert not await back_shown(page)
    await page.context.close()


async def test_the_expired_page_speaks_the_language_chosen_in_the_chat(browser, bot):
    """Telegram in French, English chosen with /langue: the dossier page is English, and once the launch
    data is too old, so is the page that says so (it said « Cette page a expiré »), and its button."""
    cam = await join(bot, 9541203, "fr", "Coop Bilingue")
    await cam.send("/langue")
    await cam.press("English")
    page = await open_app(browser, bot, cam.id, "fr", auth_date=NOW - timedelta(days=2))
    said = await page.inner_text("#app .error")
    assert said == "⚠️ This page has expired: close it and open it again from the chat.", said
    assert await page.locator("#app button").all_inner_texts() == ["Close"]
    assert await page.evaluate("document.documentElement.lang") == "en"
    await page.context.close()


async def test_a_refusals_close_is_in_the_language_of_its_sentence(browser, bot):
    """French chosen with /langue, Telegram in English: another coop's dossier is refused in French, and
    the frame's button says « Fermer » (it said « Close »)."""
    _director, other = await coop_with_indicator(bot, 9541204, "Coop Autre")
    cam = await join(bot, 9541205, "en", "Coop Soleil")
    await cam.send("/langue")
    await cam.press("Français")
    page = await open_app(browser, bot, cam.id, "en", query=f"?dossier={other['dossier']['id']}")
    assert (await page.inner_text("#app .error")).startswith("⚠️ Ce dossier n’est pas le dossier en cours")
    assert await page.locator("#app button").all_inner_texts() == ["Fermer"]
    await page.context.close()
