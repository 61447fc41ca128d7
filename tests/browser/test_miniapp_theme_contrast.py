"""Telegram's real theme colours (the launch parameters of Telegram Desktop's « Night blue », an iOS-like
light client, Web K's dark theme and an older Android client's night theme): the page's red texts, its
links and its own buttons read at WCAG's 4.5:1 for text in each, as the hint already did. Used as they
come, Telegram's red fell to 3.4:1 on a night card and 3.5:1 on white, its link to 4.0:1 on white, and
white on its button colour to 2.6:1."""

from __future__ import annotations

import pytest

from models.dossier.reads import UNSET
from models.dossier.writes import update_involvement
from models.tables import Dossier
from tests.browser import test_miniapp_phone as phone
from tests.browser.test_miniapp_phone import CONTRASTS, DARK_OLD, a_dossier, open_phone

pytestmark = pytest.mark.asyncio(loop_scope="session")
bot = phone.bot

# Telegram Desktop, default night theme, as it launches a Mini App (tgWebAppThemeParams)
NIGHT_BLUE = {
    "accent_text_color": "#6ab2f2", "bg_color": "#17212b", "button_color": "#5288c1",
    "button_text_color": "#ffffff", "destructive_text_color": "#ec3942", "header_bg_color": "#17212b",
    "hint_color": "#708499", "link_color": "#6ab3f3", "secondary_bg_color": "#232e3c",
    "section_bg_color": "#17212b", "section_header_text_color": "#6ab3f3",
    "subtitle_text_color": "#708499", "text_color": "#f5f5f5",
}  # fmt: skip
# a light client (iOS palette): red #ff3b30, blue links and buttons
LIGHT = {
    "bg_color": "#ffffff", "text_color": "#000000", "hint_color": "#8e8e93", "link_color": "#007aff",
    "button_color": "#007aff", "button_text_color": "#ffffff", "secondary_bg_color": "#f2f2f7",
    "destructive_text_color": "#ff3b30",
}  # fmt: skip
# Telegram Web K, dark
WEBK_DARK = {
    "bg_color": "#212121", "button_color": "#8774e1", "button_text_color": "#ffffff", "hint_color": "#aaaaaa",
    "link_color": "#8774e1", "secondary_bg_color": "#181818", "text_color": "#ffffff",
    "destructive_text_color": "#ff595a",
}  # fmt: skip
THEMES = pytest.mark.parametrize(
    "theme,scheme",
    [(NIGHT_BLUE, "dark"), (LIGHT, "light"), (WEBK_DARK, "dark"), (DARK_OLD, "dark")],
    ids=["night-blue", "light", "webk-dark", "android-old-night"],
)
USERS = {"night-blue": 0, "light": 1, "webk-dark": 2, "android-old-night": 3}


def under(texts: list[dict]) -> list[dict]:
    return [text for text in texts if text["ratio"] < 4.5]


@THEMES
async def test_red_texts_links_and_the_pages_buttons_read_in_telegrams_themes(
    browser, bot, theme, scheme, request
):
    user = 7710 + USERS[request.node.callspec.id]
    director, dossier_id, _ = await a_dossier(bot, user)
    page = await open_phone(browser, bot, director.id, theme=theme, scheme=scheme)
    await page.goto(page.launch)
    await page.wait_for_selector("#dossier")
    # what is missing in red (axis counters, rules), the links to it and to the page's parts
    warnings = await page.evaluate(CONTRASTS, ".counters li.short, #rules li")
    links = await page.evaluate(CONTRASTS, "#summary a, nav.parts a")
    assert warnings and len(links) >= 5
    # the page's own buttons: « ➕ Ajouter… » and « ↑ » (shown here: it waits for a scroll back up)
    await page.locator("#to-parts").evaluate("a => { a.hidden = false; }")
    buttons = await page.evaluate(CONTRASTS, "form.add button, #to-parts")
    assert len(buttons) >= 3

    # a value refused: its message in red
    due = page.locator("[id^=action-][id$=-due_date]").first
    await due.fill("un jour")
    await due.blur()
    await page.locator("[id^=action-][id$=-due_date-status].error").wait_for()
    refused = await page.evaluate(CONTRASTS, "[id^=action-][id$=-due_date-status].error")
    assert refused

    # a colleague saved the same field meanwhile: the conflict box's buttons, then the kept text's « Fermer »
    async with bot.database.transaction() as session:
        dossier = await session.get(Dossier, dossier_id)
        await update_involvement(
            session, dossier, "staff_information", "Texte de Dominique", actor_id=1, expected=UNSET
        )
    field = f"#dossier-{dossier_id}-staff_information"
    await page.fill(field, "Réunion d’équipe le 12 mai")
    await page.locator(field).blur()
    await page.locator(f"{field}-conflict").wait_for()
    choices = await page.evaluate(CONTRASTS, f"{field}-conflict button")
    assert len(choices) == 2
    await page.get_by_role("button", name="Garder la sienne").click()
    close = await page.evaluate(CONTRASTS, f"{field}-conflict button")
    assert [text["text"] for text in close] == ["Fermer"]

    assert under(warnings + links + buttons + refused + choices + close) == []
    await page.context.close()


@THEMES
async def test_the_failed_load_and_its_button_read_in_telegrams_themes(browser, bot, theme, scheme, request):
    """« ⚠️ La page n’a pas pu être chargée : la connexion a échoué » in red, and « 🔄 Réessayer »."""
    user = 7720 + USERS[request.node.callspec.id]
    director, _, _ = await a_dossier(bot, user)
    page = await open_phone(browser, bot, director.id, theme=theme, scheme=scheme)
    await page.route("**/app/api/page*", lambda route: route.fulfill(status=502, body="Bad Gateway"))
    await page.goto(page.launch)
    await page.locator("#app .error").wait_for()
    said = await page.evaluate(CONTRASTS, "#app .error, #app button.retry")
    assert len(said) == 2
    assert under(said) == []
    await page.context.close()
