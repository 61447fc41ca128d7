"""The Mini App's taps and keys doing what they say, once: a conflict's choice tapped while the field
still has the focus, Enter twice in an add form, a value typed back as stored, the ↑ button beside the
fields (never over one), a pasted title of several lines.

Real headless Chromium at 360 × 740, as in test_miniapp_reading.py (its Chromium, bot and Telegram stand-in).
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.dossier.indicators import update_indicator
from models.tables import Action, Dossier, Indicator
from tests.browser import test_miniapp_browser as desktop
from tests.browser.test_miniapp_reading import a_dossier, opened
from tests.conftest import NOW

pytestmark = pytest.mark.asyncio(loop_scope="session")
bot = desktop.bot

THEIRS = "Part des logements BRS livrés dans l’année"
MINE = "Part de logements BRS dans la production (hors PSLA)"


async def stored_title(bot, indicator: int) -> str:
    async with bot.database.transaction() as session:
        return (await session.get(Indicator, indicator)).title


async def conflicting(browser, bot, user_id: int):
    """A member's page typing the indicator's title, saved with Enter (the focus stays in the field)
    after a colleague changed it: (page, the title's selector, the indicator), the conflict box shown."""
    director, dossier_id, indicator = await a_dossier(
        bot, user_id, "Part de logements BRS dans la production"
    )
    member = bot.user(user_id + 1, language_code="fr")
    await member.send(f"/start {director.invitations.member_token}")
    page = await opened(browser, bot, member.id)
    async with bot.database.transaction() as session:  # the colleague's change, while the page is open
        dossier = await session.get(Dossier, dossier_id)
        row = await session.get(Indicator, indicator)
        await update_indicator(session, dossier, row, "title", THEIRS, actor_id=director.id, now=NOW)
    title = f"#indicator-{indicator}-title"
    await page.click(title)
    await page.keyboard.press("Control+End")
    await page.keyboard.type(" (hors PSLA)")
    await page.keyboard.press("Enter")
    await page.wait_for_selector(f"{title}-conflict")
    assert await page.evaluate(f"document.activeElement.id === '{title[1:]}'")
    return page, title, indicator


async def test_keep_mine_in_one_tap_saves_mine(browser, bot):
    """« Garder ma réponse », tapped from the field: mine is stored, the box gone for good (the tap's blur
    did not send mine again with the value it started from, whose refusal drew the box again)."""
    page, title, indicator = await conflicting(browser, bot, 7401)
    await page.click(f"{title}-conflict button >> nth=0")
    await page.locator(f"{title}-status").filter(has_text="enregistré").wait_for()
    await page.wait_for_timeout(500)
    assert await stored_title(bot, indicator) == MINE
    assert await page.locator(f"{title}-conflict").count() == 0
    await page.context.close()


async def test_keep_theirs_in_one_tap_leaves_mine_to_copy(browser, bot):
    """« Garder la sienne », tapped from the field: theirs in the field and stored, mine beside it to copy."""
    page, title, indicator = await conflicting(browser, bot, 7411)
    await page.click(f"{title}-conflict button >> nth=1")
    await page.wait_for_timeout(1000)
    box = page.locator(f"{title}-conflict")
    assert await page.input_value(title) == THEIRS and await stored_title(bot, indicator) == THEIRS
    assert "Garder la sienne" not in await box.inner_text()
    assert await page.input_value(f"{title}-kept") == MINE
    await page.context.close()


async def test_the_conflict_box_starts_with_its_first_line(browser, bot):
    """No empty line at the top of the conflict box: its warning right under its border."""
    page, title, _indicator = await conflicting(browser, bot, 7421)
    gap = await page.evaluate(
        f"""() => {{ const box = document.querySelector('{title}-conflict');
        return box.firstElementChild.getBoundingClientRect().top - box.getBoundingClientRect().top; }}"""
    )
    assert gap <= 12, gap  # the border and the padding
    await page.context.close()


async def test_enter_twice_in_an_add_form_adds_once(browser, bot):
    """Enter, then Enter again (or a tap on « Ajouter ») before the answer: one action, one indicator."""
    director, _dossier, indicator = await a_dossier(bot, 7431)
    page = await opened(browser, bot, director.id)
    slow = []

    async def slowly(route):  # a phone's connection: the answer takes a moment
        slow.append(1)
        await page.wait_for_timeout(400)
        await route.continue_()

    await page.route("**/app/api/action", slowly)
    await page.route("**/app/api/indicator", slowly)
    await page.click(f"#add-action-{indicator}")
    await page.keyboard.type("Publier le bilan annuel")
    await page.keyboard.press("Enter")
    await page.keyboard.press("Enter")
    assert await page.locator(f"form[data-indicator='{indicator}'] button").is_disabled()
    await page.locator(f"#indicator-{indicator} .action >> nth=1").wait_for()
    await page.click("#add-indicator-2")
    await page.keyboard.type("Taux de satisfaction")
    await page.keyboard.press("Enter")
    await page.locator("form[data-code='2'] button").click(force=True)
    await page.locator("#engagement-2 .indicator").wait_for()
    await page.wait_for_timeout(800)
    async with bot.database.transaction() as session:
        actions = [a.description for a in (await session.exec(select(Action))).all()]
        indicators = [i.title for i in (await session.exec(select(Indicator))).all()]
    assert actions.count("Publier le bilan annuel") == 1, actions
    assert indicators.count("Taux de satisfaction") == 1, indicators
    await page.context.close()


async def test_a_refusal_goes_once_the_stored_value_is_typed_back(browser, bot):
    """« 12 » saved, « douze » refused, « 12 » typed back: the field is as stored, no refusal under it."""
    director, _dossier, indicator = await a_dossier(bot, 7441)
    page = await opened(browser, bot, director.id)
    await page.select_option(f"#indicator-{indicator}-value_kind", "number")
    await page.wait_for_timeout(800)
    current = f"#indicator-{indicator}-current_value"
    for value, said in (("12", "enregistré"), ("douze", "douze"), ("12", None)):
        await page.fill(current, value)
        await page.locator(current).blur()
        if said:
            await page.locator(f"{current}-status").filter(has_text=said).wait_for()
    await page.wait_for_timeout(500)
    assert await page.inner_text(f"{current}-status") == ""
    assert await page.evaluate("Object.keys(localStorage).length") == 0  # no draft left to bring back
    await page.context.close()


async def test_the_up_button_never_covers_a_field(browser, bot):
    """Scrolling back up, step by step, over the whole page (360 px): the ↑ button, when shown, is over
    no field, button, link or label (a tap there would jump to the top instead); it is offered somewhere."""
    director, _dossier, _indicator = await a_dossier(bot, 7451)
    page = await opened(browser, bot, director.id)
    await page.mouse.move(180, 400)
    await page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    await page.wait_for_timeout(100)
    covered, shown = [], 0
    for _step in range(80):
        await page.mouse.wheel(0, -37)
        await page.wait_for_timeout(30)
        under = await page.evaluate(
            """() => { const b = document.getElementById('to-parts'); if (b.hidden) return null;
            const r = b.getBoundingClientRect(); b.style.visibility = 'hidden';
            const found = [[r.left + 2, r.top + 2], [r.right - 2, r.bottom - 2], [r.left + 2, r.bottom - 2],
              [r.right - 2, r.top + 2]].map(([x, y]) => document.elementFromPoint(x, y))
              .filter((e) => e && e.closest('input, textarea, select, button, a, label')).map((e) => e.id || e.tagName);
            b.style.visibility = ''; return found; }"""
        )
        if under is not None:
            shown += 1
            covered += under
        if await page.evaluate("window.scrollY") == 0:
            break
    assert covered == [] and shown > 0, (covered, shown)
    await page.context.close()


async def test_a_pasted_title_of_several_lines_is_one_line(browser, bot):
    """« Ligne un\\r\\n\\r\\nLigne deux\\r\\n » pasted: « Ligne un Ligne deux », one space, none at the end; the
    caret right after what was pasted, where typing goes on."""
    director, _dossier, indicator = await a_dossier(bot, 7461, "Titre")
    page = await opened(browser, bot, director.id)
    title = f"#indicator-{indicator}-title"
    await page.fill(title, "")
    await page.locator(title).focus()
    await page.evaluate(
        f"""() => {{ const e = document.querySelector('{title}'); e.value = 'Ligne un\\r\\n\\r\\nLigne deux\\r\\n';
        e.setSelectionRange(e.value.length, e.value.length); e.dispatchEvent(new Event('input')); }}"""
    )
    assert await page.input_value(title) == "Ligne un Ligne deux"
    await page.evaluate(  # « \\r\\n\\r\\nx\\r\\n » pasted between « AB » and « CD »: the caret after « x »
        f"""() => {{ const e = document.querySelector('{title}'); e.value = 'AB\\r\\n\\r\\nx\\r\\n CD';
        e.setSelectionRange(5, 5); e.dispatchEvent(new Event('input')); }}"""
    )  # (a text area reads a Windows line ending as one character: « AB\\n\\nx » is 5 long)
    assert await page.input_value(title) == "AB x CD"
    assert await page.evaluate(f"document.querySelector('{title}').selectionStart") == 4  # « AB x|»
    await page.context.close()
