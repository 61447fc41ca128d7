"""Every word typed on a phone kept and shown: a new row's title not added yet, words typed while a save is
slow when Telegram hides the app, a long text when the phone turns; Enter in a value; hints readable in
Telegram's Android light theme. Real headless Chromium, as in test_miniapp_phone.py."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import func, select

from models.dossier.indicators import update_indicator
from models.tables import Dossier, Indicator
from tests.browser import test_miniapp_browser as desktop
from tests.browser import test_miniapp_phone as phone
from tests.conftest import NOW

pytestmark = pytest.mark.asyncio(loop_scope="session")
bot = desktop.bot

# Telegram for Android in its light theme: its hint (#a8a8a8) is 2.4:1 on white, the cards grey
ANDROID_LIGHT = {
    "bg_color": "#ffffff",
    "secondary_bg_color": "#f0f0f0",
    "text_color": "#222222",
    "hint_color": "#a8a8a8",
    "link_color": "#2678b6",
    "button_color": "#50a8eb",
    "button_text_color": "#ffffff",
}
LANDSCAPE, PORTRAIT = {"width": 740, "height": 360}, {"width": 360, "height": 740}
HIDE = """() => {
  Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
  document.dispatchEvent(new Event("visibilitychange"));
}"""


async def dossier_of(bot, dossier_id: int) -> Dossier:
    async with bot.database.transaction() as session:
        return await session.get(Dossier, dossier_id)


async def test_a_phone_in_light_theme_keeps_and_shows_every_word(browser, bot):
    """A title typed in « Nouvel indicateur » and not added comes back after a reload; a long text turned
    to portrait shows its last lines; Enter saves a value; the hints read at 4.5:1 on white and grey."""
    director, dossier_id, indicator_id = await phone.a_dossier(bot, 7901)
    async with bot.database.transaction() as session:
        dossier = await session.get(Dossier, dossier_id)
        indicator = await session.get(Indicator, indicator_id)
        for name, value in (("value_kind", "number"), ("unit", "percent")):
            await update_indicator(session, dossier, indicator, name, value, actor_id=director.id, now=NOW)
    page = await phone.open_phone(
        browser, bot, director.id, theme=ANDROID_LIGHT, scheme="light", viewport=LANDSCAPE
    )
    await page.goto(page.launch)
    await page.wait_for_selector("#dossier")

    hints = await page.evaluate(phone.CONTRASTS, "p.example, .hint, .axis-title, h4, h5")
    assert len(hints) > 10 and [hint for hint in hints if hint["ratio"] < 4.5] == []

    # a long text sized to its lines in landscape, then the phone turns: every line still shows
    approach = f"#dossier-{dossier_id}-approach"
    await page.locator(approach).fill("Nous avons réuni les coopérateurs et les salariés. " * 16)
    await desktop.saved(page, approach)
    await page.set_viewport_size(PORTRAIT)
    await page.evaluate(
        "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )
    scroll, shown = await page.eval_on_selector(approach, "e => [e.scrollHeight, e.clientHeight]")
    assert scroll <= shown + 4, f"{shown}px of {scroll}px shown"

    # Enter, the keyboard's « done », saves « Valeur actuelle » as it saves a title
    current = f"#indicator-{indicator_id}-current_value"
    assert await page.get_attribute(current, "enterkeyhint") == "done"
    await page.locator(current).click()
    await page.keyboard.type("12,5 %")
    await page.keyboard.press("Enter")
    await page.locator(f"{current}-status").filter(has_text="enregistré").wait_for(timeout=2000)

    # a new indicator's title typed, ➕ not tapped, the page opened again: the title is back, not added
    title = "Nombre de réunions avec les coopérateurs"
    await page.locator("#add-indicator-1").click()
    await page.keyboard.type(title)
    await page.reload()
    await page.wait_for_selector("#dossier")
    assert await page.input_value("#add-indicator-1") == title
    assert await page.evaluate("window.Telegram.WebApp.isClosingConfirmationEnabled")
    async with bot.database.transaction() as session:
        count = select(func.count()).select_from(Indicator).where(Indicator.dossier_id == dossier_id)
        assert (await session.exec(count)).one() == 1
    # added: no longer a draft, the form empty when the page is opened again
    await page.locator("#add-indicator-1").press("Enter")
    await page.locator(".indicator").nth(1).wait_for()
    await page.reload()
    await page.wait_for_selector("#dossier")
    assert await page.input_value("#add-indicator-1") == ""
    await page.context.close()


def slow_saves(first_stored: asyncio.Event, first_held: asyncio.Event, release: dict, held: list):
    """The staff field's first save is stored at once and its answer held; the members field's first
    request is held before the server: each let go by ``release``, once the page has the next save's answer."""
    seen: dict[str, int] = {}

    async def answer_late(route, response) -> None:
        first_stored.set()
        await release["staff_information"].wait()
        await route.fulfill(response=response)

    async def send_late(route) -> None:
        first_held.set()
        await release["members_information"].wait()
        await route.continue_()

    async def route_save(route) -> None:
        body = route.request.post_data or ""
        field = next((name for name in release if f'"field":"{name}"' in body), "")
        seen[field] = seen.get(field, 0) + 1
        if seen[field] > 1 or not field:
            await route.continue_()
        elif field == "staff_information":
            held.append(asyncio.ensure_future(answer_late(route, await route.fetch())))
        else:
            held.append(asyncio.ensure_future(send_late(route)))

    return route_save


async def test_words_typed_during_a_slow_save_reach_the_server_when_telegram_hides_the_app(browser, bot):
    """A save on its way (its answer slow, or the request itself), more words typed meanwhile, and Telegram
    hides the app: those words are sent at once, stored whichever the server gets first, with no conflict
    with the page's own first save, and the page still knows what is stored."""
    director, dossier_id, _ = await phone.a_dossier(bot, 7902)
    page = await phone.open_phone(browser, bot, director.id, viewport=PORTRAIT)
    await page.goto(page.launch)
    await page.wait_for_selector("#dossier")
    first_stored, first_held, held = asyncio.Event(), asyncio.Event(), []
    release = {"staff_information": asyncio.Event(), "members_information": asyncio.Event()}
    await page.route("**/app/api/field", slow_saves(first_stored, first_held, release, held))
    staff = f"#dossier-{dossier_id}-staff_information"
    members = f"#dossier-{dossier_id}-members_information"
    await page.locator(staff).fill("Réunion d’équipe")
    await page.locator(staff).blur()
    await page.locator(members).fill("Lettre")
    await page.locator(members).blur()
    await asyncio.wait_for(asyncio.gather(first_stored.wait(), first_held.wait()), 3)
    for field, more in ((staff, " le 12 mai"), (members, " aux habitants")):
        await page.locator(field).click()
        await page.keyboard.press("End")
        await page.keyboard.type(more)
    await page.evaluate(HIDE)  # the last moment the page surely runs

    for field, name in ((staff, "staff_information"), (members, "members_information")):
        status = page.locator(f"{field}-status").filter(has_text="enregistré")
        await status.wait_for(timeout=3000)
        release[name].set()  # the first save answered last: the page already has the newer one's answer
    dossier = await dossier_of(bot, dossier_id)
    assert (dossier.staff_information, dossier.members_information) == (
        "Réunion d’équipe le 12 mai",
        "Lettre aux habitants",
    )
    await asyncio.gather(*held)
    await page.wait_for_function(
        f"() => !document.querySelector('{staff}').busy && !document.querySelector('{members}').busy"
    )
    assert await page.locator(".conflict").count() == 0
    assert not await page.evaluate("window.Telegram.WebApp.isClosingConfirmationEnabled")
    # the late answer of the first save did not make the page forget what is stored: the next is no conflict
    await page.locator(staff).fill("Réunion d’équipe le 12 mai, puis un courriel")
    await desktop.saved(page, staff)
    assert (
        await dossier_of(bot, dossier_id)
    ).staff_information == "Réunion d’équipe le 12 mai, puis un courriel"
    assert await page.locator(".conflict").count() == 0
    await page.context.close()
