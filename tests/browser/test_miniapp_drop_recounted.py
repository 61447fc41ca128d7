"""The page's confirmation before an engagement is unticked says what the chat says, and confirms only
what it named: a colleague's indicator added while it was shown is counted, the confirmation asked again."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from sqlmodel import select

from bot.web.miniapp.pages import TELEGRAM_SDK
from models.dossier.indicators import add_action, add_indicator
from models.dossier.writes import set_engagement
from models.tables import Dossier, EngagementChoice, Indicator
from tests.browser.test_miniapp_browser import NOW, PHONE, STUB, THEME, bot, pytestmark  # noqa: F401
from tests.dossier_steps import join
from tests.miniapp import signed_init_data

ONE = "Retirer cet engagement supprime aussi 1 indicateur et 1 action. C’est définitif."
TWO = "Retirer cet engagement supprime aussi ses 2 indicateurs et 1 action. C’est définitif."
CHANGED = "Un collègue a modifié entre-temps les indicateurs ou les actions de cet engagement\xa0: confirmez de nouveau."


async def test_a_confirmation_shown_before_a_colleagues_indicator_is_asked_again(browser, bot):  # noqa: F811
    director = await join(bot, 5301, "fr", "Coop Décochée")
    async with bot.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        await set_engagement(session, dossier, 1, True, actor_id=director.id, now=NOW)
        indicator = await add_indicator(
            session, dossier, 1, title="Le premier", actor_id=director.id, now=NOW
        )
        await add_action(session, dossier, indicator, "Son action", actor_id=director.id, now=NOW)
    page = await (await browser.new_context(viewport=PHONE, locale="fr-FR")).new_page()
    await page.route(TELEGRAM_SDK, lambda route: route.fulfill(path=STUB, content_type="text/javascript"))
    asked: list[str] = []

    async def answer(dialog) -> None:
        asked.append(dialog.message)
        if len(asked) == 1:  # while the first confirmation is shown, a colleague adds an indicator
            async with bot.database.transaction() as session:
                dossier = (await session.exec(select(Dossier))).one()
                await add_indicator(session, dossier, 1, title="Celui d’Alex", actor_id=None, now=NOW)
        await dialog.accept()

    page.on("dialog", answer)
    launch = {"tgWebAppData": signed_init_data(director.id, language="fr"), "tgWebAppVersion": "8.0"}
    await page.goto(f"{bot.web_url}/app#{urlencode({**launch, 'tgWebAppThemeParams': json.dumps(THEME)})}")
    await page.wait_for_selector("#dossier")
    await page.locator("[data-engagement='1']").uncheck()
    await page.locator("[data-engagement='1']:not(:checked):not([disabled])").wait_for()
    assert [message.replace("\u00a0", " ") for message in asked] == [
        f"Engagement 1\n{ONE}",
        f"{CHANGED}\nEngagement 1\n{TWO}".replace("\u00a0", " "),
    ], asked
    async with bot.database.transaction() as session:
        assert (await session.exec(select(Indicator))).all() == []
        assert (await session.exec(select(EngagementChoice))).all() == []
    await page.context.close()
