"""The Mini App on a small phone, in Telegram's dark theme, with the keyboard open or the network down.

Real headless Chromium, as in test_miniapp_browser.py (its Chromium, bot and Telegram stand-in).
"""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from sqlmodel import select

from bot.web.miniapp.pages import TELEGRAM_SDK
from models.dossier.indicators import add_action, add_indicator, update_indicator
from models.dossier.reads import UNSET
from models.dossier.writes import set_engagement, update_involvement
from models.tables import Dossier, Indicator
from tests.browser import test_miniapp_browser as desktop
from tests.conftest import NOW
from tests.dossier_steps import join, upload_letter
from tests.miniapp import signed_init_data

pytestmark = pytest.mark.asyncio(loop_scope="session")
bot = desktop.bot
STUB = desktop.STUB

SMALL = {"width": 320, "height": 568}
# an older Telegram client (Bot API 6.0) in its night theme: only these six colours are sent
DARK_OLD = {
    "bg_color": "#212d3b",
    "text_color": "#ffffff",
    "hint_color": "#7d8b99",
    "link_color": "#5eabe1",
    "button_color": "#50a8eb",
    "button_text_color": "#ffffff",
}

# the contrast ratio (WCAG) of each text with the background it is drawn on, computed in the page
CONTRASTS = r"""
(selector) => {
  function rgb(value) {
    const srgb = value.match(/^color\(srgb ([\d.]+) ([\d.]+) ([\d.]+)(?: \/ ([\d.]+))?\)/);
    if (srgb) return [srgb[1] * 255, srgb[2] * 255, srgb[3] * 255, srgb[4] === undefined ? 1 : +srgb[4]];
    const parts = value.match(/[\d.]+/g).map(Number);
    return parts.length === 3 ? parts.concat([1]) : parts;
  }
  function luminance(c) {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
  }
  function background(element) {
    for (; element; element = element.parentElement) {
      const c = rgb(getComputedStyle(element).backgroundColor);
      if (c[3] > 0.5) return c;
    }
    return [255, 255, 255, 1];
  }
  const found = [];
  for (const element of document.querySelectorAll(selector)) {
    const own = [...element.childNodes].filter((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own.length || !element.getClientRects().length) continue;
    const a = luminance(rgb(getComputedStyle(element).color));
    const b = luminance(background(element));
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    found.push({ text: own[0].textContent.trim().slice(0, 40), ratio: Math.round(ratio * 100) / 100 });
  }
  return found;
}
"""


async def open_phone(
    browser, bot, user_id, theme=DARK_OLD, scheme="dark", viewport=SMALL, route=None, language="fr"
):
    """The Mini App as a phone's Telegram opens it (page.launch: its address), in French by default."""
    context = await browser.new_context(
        viewport=viewport, locale="fr-FR", color_scheme=scheme, has_touch=True
    )
    page = await context.new_page()
    await page.route(TELEGRAM_SDK, route or (lambda r: r.fulfill(path=STUB, content_type="text/javascript")))
    page.on("dialog", lambda dialog: dialog.accept())
    launch = {
        "tgWebAppData": signed_init_data(user_id, language=language),
        "tgWebAppVersion": "6.0",
        "tgWebAppPlatform": "android",
        "tgWebAppThemeParams": json.dumps(theme),
        "tgWebAppColorScheme": scheme,
    }
    page.launch = f"{bot.web_url}/app#{urlencode(launch)}"
    return page


async def a_dossier(bot, user_id: int):
    """A dossier with every kind of card: axes, an engagement with an indicator and an action, a letter."""
    director = await join(bot, user_id, "fr", "Coop Habitat Solidaire")
    await upload_letter(director)
    async with bot.database.transaction() as session:
        dossier = (
            await session.exec(select(Dossier).where(Dossier.coop_id == director.invitations.coop.id))
        ).one()
        for code in (1, 2, 5):
            await set_engagement(session, dossier, code, True, actor_id=director.id, now=NOW)
        indicator = await add_indicator(
            session, dossier, 1, title="Part de logements BRS", actor_id=director.id, now=NOW
        )
        await add_action(session, dossier, indicator, "Former l’équipe", actor_id=director.id, now=NOW)
        return director, dossier.id, indicator.id


async def test_an_older_client_in_dark_mode_every_text_readable(browser, bot):
    """Telegram sent six colours: the cards, the warnings and the saved mark follow its dark theme."""
    director, _, _ = await a_dossier(bot, 7001)
    page = await open_phone(browser, bot, director.id)
    await page.goto(page.launch)
    await page.wait_for_selector("#dossier")
    # (the buttons keep Telegram's own button colours, as its main button has them)
    cards = "fieldset.axis *, article.engagement :not(button), .document *, #rules li, .counters li"
    texts = await page.evaluate(CONTRASTS, cards)
    assert len(texts) > 20
    unreadable = [text for text in texts if text["ratio"] < 4.5]
    assert unreadable == []
    assert await page.evaluate("document.documentElement.dataset.scheme") == "dark"
    await page.context.close()


async def test_saved_mark_readable_in_dark_mode(browser, bot):
    """« ✓ enregistré » in green that reads on Telegram's dark background."""
    director, _, indicator = await a_dossier(bot, 7002)
    page = await open_phone(browser, bot, director.id, theme=DARK_OLD | {"secondary_bg_color": "#151e27"})
    await page.goto(page.launch)
    field = f"#indicator-{indicator}-title"
    await page.fill(field, "Part de logements BRS livrés")
    await page.locator(field).blur()
    await page.locator(f"{field}-status").filter(has_text="enregistré").wait_for()
    [saved] = await page.evaluate(CONTRASTS, f"{field}-status")
    assert saved["ratio"] >= 4.5
    await page.context.close()


KEYBOARD = {"width": 320, "height": 284}  # the on-screen keyboard takes half of a small phone


async def in_view(page, selector: str) -> None:
    """Wait until the element is within the visible part of the page (it scrolls there smoothly)."""
    await page.wait_for_function(
        """(selector) => { const box = document.querySelector(selector).getBoundingClientRect();
           return box.top >= 0 && box.top < innerHeight - 20; }""",
        arg=selector,
        timeout=3000,
    )


async def test_a_failure_or_a_conflict_comes_into_view_while_typing(browser, bot):
    """With the keyboard open, the field's message below it is out of sight: a failure scrolls to it."""
    director, dossier_id, _ = await a_dossier(bot, 7003)
    page = await open_phone(browser, bot, director.id)
    await page.goto(page.launch)
    field = f"#dossier-{dossier_id}-staff_information"
    await page.locator(field).click()
    await page.set_viewport_size(KEYBOARD)
    await page.locator(field).evaluate(
        "e => e.scrollIntoView({ block: 'end' })"
    )  # the caret's line at the bottom

    await page.route("**/app/api/field", lambda route: route.abort("internetdisconnected"))
    await page.keyboard.type("Réunion d’équipe le 12 mai")
    status = page.locator(f"{field}-status")
    await status.filter(has_text="connexion a été perdue").wait_for()
    await in_view(page, f"{field}-status")
    assert await page.evaluate("document.activeElement.id") == field[1:]  # still typing in it
    await page.unroute("**/app/api/field")

    # meanwhile a colleague saved the same field: the conflict box and its buttons come into view
    async with bot.database.transaction() as session:
        dossier = await session.get(Dossier, dossier_id)
        await update_involvement(
            session, dossier, "staff_information", "Texte de Dominique", actor_id=1, expected=UNSET
        )
    await page.locator(field).evaluate("e => e.scrollIntoView({ block: 'end' })")
    await page.keyboard.type(", puis un courriel.")
    await page.locator(field).blur()
    await page.locator(f"{field}-conflict").wait_for()
    await in_view(page, f"{field}-conflict")
    heights = await page.locator(f"{field}-conflict button").evaluate_all(
        "all => all.map(b => b.offsetHeight)"
    )
    assert len(heights) == 2 and min(heights) >= 44  # a finger's tap target

    # « Garder la sienne »: the answer not kept, to copy, in a text area named by the sentence above it
    await page.get_by_role("button", name="Garder la sienne").click()
    kept = page.get_by_role("textbox", name="Votre réponse, non enregistrée")
    assert "un courriel" in await kept.input_value()
    assert await page.get_by_role("progressbar", name="Dossier rempli à").count() == 1
    await page.context.close()


async def test_a_page_that_cannot_load_says_why_and_tries_again(browser, bot):
    """The API or Telegram's script does not answer: the page says the connection failed, in the visitor's
    language, and its button loads it again with Telegram's launch data."""
    director, _, _ = await a_dossier(bot, 7004)
    page = await open_phone(browser, bot, director.id)
    await page.route("**/app/api/page*", lambda route: route.fulfill(status=502, body="Bad Gateway"))
    await page.goto(page.launch)
    error = page.locator("#app .error")
    await error.wait_for()
    assert "la connexion a échoué" in await error.inner_text()
    await page.unroute("**/app/api/page*")
    await page.get_by_role("button", name="Réessayer").click()
    await page.wait_for_selector("#dossier")
    await page.context.close()

    # the network is cut, for someone whose Telegram is in English: in English, without the API
    page = await open_phone(browser, bot, director.id, language="en")
    await page.route("**/app/api/page*", lambda route: route.abort("internetdisconnected"))
    await page.goto(page.launch)
    await page.locator("#app .error").wait_for()
    assert "the connection failed" in await page.locator("#app .error").inner_text()
    await page.context.close()

    # Telegram's script did not arrive: not « this page has expired »
    page = await open_phone(browser, bot, director.id, route=lambda route: route.abort("timedout"))
    await page.goto(page.launch)
    error = page.locator("#app .error")
    await error.wait_for()
    assert "la connexion a échoué" in await error.inner_text()
    await page.context.close()


async def test_every_tap_target_fits_a_finger(browser, bot):
    """At 360 px, every button, link, field and picker is at least 44 px tall (a checkbox: its whole line)."""
    director, _, _ = await a_dossier(bot, 7005)
    page = await open_phone(browser, bot, director.id, viewport={"width": 360, "height": 740})
    await page.goto(page.launch)
    await page.wait_for_selector("#dossier")
    small = await page.evaluate(
        """() => [...document.querySelectorAll(
             "button, a, input:not([type=checkbox]), select, textarea, label.choice")]
           .filter((e) => e.getClientRects().length && e.getBoundingClientRect().height < 44)
           .map((e) => e.outerHTML.slice(0, 80))"""
    )
    assert small == []
    await page.context.close()


async def test_a_page_answered_by_a_wifi_portal_is_a_failed_load(browser, bot):
    """A 200 that is not the page's answer (a Wi-Fi portal, a proxy's page) is a failed load, to try
    again, not « undefined » on a blank page."""
    director, _, _ = await a_dossier(bot, 7006)
    page = await open_phone(browser, bot, director.id)
    portal = "<html>Portail Wi-Fi</html>"
    await page.route(
        "**/app/api/page*", lambda r: r.fulfill(status=200, body=portal, content_type="text/html")
    )
    await page.goto(page.launch)
    await page.locator("#app .error").wait_for()
    assert "la connexion a échoué" in await page.locator("#app .error").inner_text()
    await page.unroute("**/app/api/page*")
    await page.get_by_role("button", name="Réessayer").click()
    await page.wait_for_selector("#dossier")
    await page.context.close()


async def test_an_expired_or_scriptless_page_speaks_the_visitors_language(browser, bot):
    """Launch data too old, or Telegram's script blocked, for someone whose Telegram is in English (the
    phone's browser in French): in English, from the launch data, before the server knows who asks."""
    director, _, _ = await a_dossier(bot, 7008)
    # the launch data of an old button (too old): in English, closed to be opened again from the chat
    page = await open_phone(browser, bot, director.id, language="en")
    stale = signed_init_data(director.id, language="en", auth_date=NOW - timedelta(days=3))
    await page.goto(f"{bot.web_url}/app#{urlencode({'tgWebAppData': stale, 'tgWebAppVersion': '6.0'})}")
    await page.locator("#app .error").wait_for()
    assert "This page has expired" in await page.locator("#app .error").inner_text()
    await page.get_by_role("button", name="Close").click()
    assert "close" in await page.evaluate("window.Telegram.WebApp.calls")
    await page.context.close()

    # Telegram's script blocked: the language from the launch data in the address, not the browser's
    page = await open_phone(
        browser, bot, director.id, language="en", route=lambda r: r.abort("blockedbyclient")
    )
    await page.goto(page.launch)
    await page.locator("#app .error").wait_for()
    assert "the connection failed" in await page.locator("#app .error").inner_text()
    await page.get_by_role("button", name="Try again").wait_for()
    await page.context.close()


async def test_a_value_cleared_by_the_pages_own_unit_change_is_said_where_it_was(browser, bot):
    """A new unit clears the indicator's values (the server's rule): the emptied field says so, with what
    it held, to type again in the new unit (it was emptied without a word)."""
    director, dossier_id, indicator_id = await a_dossier(bot, 7007)
    async with bot.database.transaction() as session:
        dossier = await session.get(Dossier, dossier_id)
        indicator = await session.get(Indicator, indicator_id)
        for name, value in (("value_kind", "number"), ("unit", "percent"), ("current_value", "20")):
            await update_indicator(session, dossier, indicator, name, value, actor_id=director.id, now=NOW)
    page = await open_phone(browser, bot, director.id)
    await page.goto(page.launch)
    current = f"#indicator-{indicator_id}-current_value"
    shown = await page.input_value(current)
    assert "20" in shown
    await page.select_option(f"#indicator-{indicator_id}-unit", "count")
    status = page.locator(f"{current}-status")
    await status.filter(has_text="Effacée").wait_for()
    said = (await status.inner_text()).replace("\u00a0", " ")
    assert f"l’unité a changé (c’était « {shown} »)".replace("\u00a0", " ") in said
    assert await page.input_value(current) == ""
    await page.context.close()


async def test_the_caret_stays_where_it_was_when_the_page_is_drawn_again(browser, bot):
    """Typing in the middle of a text when the page is drawn again (the kind's answer): the caret stays."""
    director, _, indicator_id = await a_dossier(bot, 7009)
    page = await open_phone(browser, bot, director.id)
    await page.goto(page.launch)
    rationale = f"#indicator-{indicator_id}-rationale"
    await page.locator(rationale).click()
    await page.keyboard.type("Première phrase. Deuxième phrase.")
    await page.locator(rationale).evaluate("t => t.setSelectionRange(8, 8)")
    await page.locator(f"#indicator-{indicator_id}-value_kind").evaluate(
        "s => { s.value = 'number'; s.dispatchEvent(new Event('change')); }"
    )
    await page.locator(f"#indicator-{indicator_id}-unit").wait_for()
    await page.keyboard.type("XX")
    assert await page.input_value(rationale) == "PremièreXX phrase. Deuxième phrase."
    await page.context.close()
