"""The Mini App read and used on a 360 px phone: every example whole (zoomed too), a long title whole,
a number on the line of its word, a gap's link landing where the fix is, the page's parts to jump to,
a long text's count before its limit, one example under a refusal.

Real headless Chromium, as in test_miniapp_browser.py (its Chromium, bot and Telegram stand-in).
"""

from __future__ import annotations

import pytest
from sqlmodel import select

from models.dossier.indicators import add_action, add_indicator
from models.dossier.writes import set_engagement
from models.tables import Dossier
from tests.browser import test_miniapp_browser as desktop
from tests.browser.test_miniapp_phone import open_phone
from tests.conftest import NOW
from tests.dossier_steps import join

pytestmark = pytest.mark.asyncio(loop_scope="session")
bot = desktop.bot

PHONE = {"width": 360, "height": 740}
LONG_TITLE = (
    "Nombre de ménages accompagnés vers l’accession sociale sécurisée dans l’année, "
    "hors opérations en BRS"
)  # 102 characters: far wider than the phone's field


async def a_dossier(bot, user_id: int, title: str = "Part de logements BRS"):
    """Engagements 1, 2 and 5, an indicator with an action; no letter yet: (director, dossier, indicator)."""
    director = await join(bot, user_id, "fr", "Coop Lecture")
    async with bot.database.transaction() as session:
        dossier = (
            await session.exec(select(Dossier).where(Dossier.coop_id == director.invitations.coop.id))
        ).one()
        for code in (1, 2, 5):
            await set_engagement(session, dossier, code, True, actor_id=director.id, now=NOW)
        indicator = await add_indicator(session, dossier, 1, title=title, actor_id=director.id, now=NOW)
        await add_action(session, dossier, indicator, "Former l’équipe", actor_id=director.id, now=NOW)
        return director, dossier.id, indicator.id


async def opened(browser, bot, user_id: int, zoom: float = 1.0):
    """The page at 360 × 740 in Telegram's light theme, drawn (text zoomed as a phone's setting can)."""
    page = await open_phone(browser, bot, user_id, theme=desktop.THEME, scheme="light", viewport=PHONE)
    if zoom != 1.0:
        await page.add_init_script(
            "document.addEventListener('DOMContentLoaded', () => { const s = document.createElement('style');"
            f"s.textContent = 'html {{ zoom: {zoom}; }}'; document.head.appendChild(s); }});"
        )
    await page.goto(page.launch)
    await page.wait_for_selector("#dossier")
    return page


# every example said whole: a line under its field's label, inside the screen, never a cut placeholder
EXAMPLES = """() => {
  const found = [];
  for (const input of document.querySelectorAll("[data-field]:not(select), form.add [name=value]")) {
    const line = document.getElementById(input.id + "-example");
    if (!line || line.textContent !== input.dataset.example) { found.push(input.id + ": no example line"); continue; }
    const box = line.getBoundingClientRect();
    if (box.right > innerWidth || line.scrollWidth > line.clientWidth) found.push(input.id + ": example cut");
  }
  for (const input of document.querySelectorAll("[placeholder]")) found.push(input.id + ": a placeholder");
  if (document.documentElement.scrollWidth > innerWidth) found.push("the page is wider than the phone");
  return found;
}"""

# a number apart from its word (« … dans l’axe » then « 3 » alone; « 2 » then « engagements »), or a
# word cut in two at a line's end (« engagement » then « s »)
NUMBERS_APART = """(selector) => {
  const apart = [];
  const lines = (node, start, end) => {
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  };
  for (const element of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode());) {
      // a number with the word it counts, else with the word before it
      for (const m of node.textContent.matchAll(/(\\S+[ \\u00a0])?(\\d+)([ \\u00a0][^\\s\\d(—]+)?/g)) {
        const start = m[3] ? m.index + (m[1] || "").length : m.index;
        if (lines(node, start, m.index + m[0].length) > 1) apart.push(m[0]);
      }
      for (const m of node.textContent.matchAll(/[^\\s\\u00a0]+/g)) {
        if (lines(node, m.index, m.index + m[0].length) > 1) apart.push(m[0]);
      }
    }
  }
  return apart;
}"""

WHERE = """(id) => { const e = document.getElementById(id); const b = e.getBoundingClientRect();
  return {top: b.top, bottom: b.bottom, middle: (b.top + b.bottom) / 2, height: innerHeight,
          focused: document.activeElement === e}; }"""


async def test_every_example_is_read_whole_under_its_label(browser, bot):
    """At 360 px, and with the text zoomed to 150 %: each field's example is a line under its label (not a
    placeholder cut at « ex. 31/05/2028 ou mai 202 », gone once typing); the add forms are named by a
    visible label, their example under it."""
    director, _dossier, indicator = await a_dossier(bot, 7301)
    for zoom in (1.0, 1.5):
        page = await opened(browser, bot, director.id, zoom)
        await page.select_option(f"#indicator-{indicator}-value_kind", "number")
        await page.locator(f"#indicator-{indicator}-unit").wait_for()
        assert await page.evaluate(EXAMPLES) == []
        label = page.locator("label[for=add-indicator-2]")
        assert await label.is_visible() and await label.inner_text() == "Intitulé du nouvel indicateur"
        assert await page.locator(f"label[for=add-action-{indicator}]").is_visible()
        await page.context.close()


async def test_a_long_title_is_read_whole_and_enter_keeps_it_on_one_line(browser, bot):
    """An indicator's title of 102 characters shows whole (a text area that grows, not a line cut at
    « Nombre de ménages accompagne… »); Enter saves it, with no line break; Enter in the form adds one."""
    director, _dossier, indicator = await a_dossier(bot, 7302, LONG_TITLE)
    page = await opened(browser, bot, director.id)
    title = f"#indicator-{indicator}-title"
    assert await page.eval_on_selector(title, "e => e.tagName") == "TEXTAREA"
    assert await page.input_value(title) == LONG_TITLE
    sizes = await page.eval_on_selector(title, "e => [e.scrollHeight, e.clientHeight]")
    assert sizes[0] <= sizes[1] + 4 and sizes[1] > 60  # whole, on the lines it needs
    await page.locator(title).click()
    await page.keyboard.press("Control+End")
    await page.keyboard.type(" (2027)")
    await page.keyboard.press("Enter")
    await page.locator(f"{title}-status").filter(has_text="enregistré").wait_for()
    assert await page.input_value(title) == LONG_TITLE + " (2027)"
    await page.locator("#add-indicator-2").fill("Taux de satisfaction des locataires")
    await page.locator("#add-indicator-2").press("Enter")
    await page.locator("#engagement-2 .indicator").wait_for()
    await page.context.close()


async def test_a_number_stays_on_the_line_of_its_word(browser, bot):
    """« ⚠️ Il manque 2 engagements dans l’axe 3 » at 360 px: never « 3 » alone on the next line; with the
    text zoomed to 150 %, no word cut in two by numbers bound to words on both sides."""
    director, _dossier, _indicator = await a_dossier(bot, 7303)
    for zoom in (1.0, 1.5):
        page = await opened(browser, bot, director.id, zoom)
        assert await page.evaluate(NUMBERS_APART, "#rules li, #gaps a, .counters li") == []
        await page.context.close()


async def test_a_gaps_link_lands_where_the_fix_is(browser, bot):
    """« Choisissez encore 2 engagements »: the engagements' heading at the top of the screen (not the
    middle of a section 3,000 px tall); a field's gap: the field in the middle, focused; the missing
    letter: who provides it and where, in the documents."""
    director, dossier, _indicator = await a_dossier(bot, 7304)
    page = await opened(browser, bot, director.id)
    await page.locator("#gaps a", has_text="Choisissez encore").click()
    heading = await page.evaluate(WHERE, "engagements")
    assert 0 <= heading["top"] < 40
    await page.evaluate("window.scrollTo(0, 0)")
    await page.locator("#gaps a", has_text="Démarche et implication").click()
    field = await page.evaluate(WHERE, f"dossier-{dossier}-approach")
    assert field["focused"] and abs(field["middle"] - field["height"] / 2) < 80
    await page.evaluate("window.scrollTo(0, 0)")
    await page.locator("#gaps a", has_text="lettre d’engagement").click()
    note = await page.evaluate(WHERE, "letter")  # near the page's end: in view, if not at the top
    assert note["top"] >= 0 and note["bottom"] <= note["height"]
    assert "« 📎 Documents » puis « 📎 Lettre d’engagement »" in (await page.inner_text("#letter")).replace(
        "\u00a0", " "
    )
    await page.context.close()


async def offered_going_up(page, back) -> bool:
    """Scrolling back up a little at a time until the ↑ button shows (it waits for a place clear of fields)."""
    for _step in range(30):
        await page.mouse.wheel(0, -40)
        await page.wait_for_timeout(50)
        if await back.is_visible():
            return True
    return False


async def test_the_pages_parts_are_a_tap_away(browser, bot):
    """The parts of the page listed at its top; once they are out of sight, scrolling back up offers a
    button that brings them back (out of the way while reading on, and while typing: it would cover
    the text)."""
    director, dossier, _indicator = await a_dossier(bot, 7305)
    page = await opened(browser, bot, director.id)
    back = page.locator("#to-parts")
    assert not await back.is_visible()
    await page.locator("#parts a", has_text="Indicateurs").click()
    assert 0 <= (await page.evaluate(WHERE, "indicators"))["top"] < 40
    await page.mouse.move(180, 400)
    await page.mouse.wheel(0, 600)  # reading on: not offered
    await page.wait_for_timeout(200)
    assert not await back.is_visible()
    assert await offered_going_up(page, back)  # back up: offered (where it covers no field)
    await page.locator(f"#dossier-{dossier}-approach").focus()
    await back.wait_for(state="hidden")
    await page.locator(f"#dossier-{dossier}-approach").blur()
    assert await offered_going_up(page, back)
    await back.click()
    assert 0 <= (await page.evaluate(WHERE, "parts"))["top"] < 40
    await back.wait_for(state="hidden")
    await page.locator("#parts a", has_text="Documents").click()
    documents = await page.evaluate(WHERE, "documents")  # near the page's end: in view, if not at the top
    assert documents["top"] >= 0 and documents["bottom"] <= documents["height"]
    await page.context.close()


async def test_a_long_text_shows_its_count_before_its_limit(browser, bot):
    """From 5,000 characters, « 5 412 / 6 000 caractères » under the text, counted as the server counts
    (an accent typed apart is one character with its letter); over the limit, said in red."""
    director, dossier, _indicator = await a_dossier(bot, 7306)
    page = await opened(browser, bot, director.id)
    approach = f"#dossier-{dossier}-approach"
    count = page.locator(f"{approach}-count")
    await page.fill(approach, "a" * 4999)
    assert not await count.is_visible()
    await page.fill(approach, "e\u0301" * 12 + "a" * 5400 + "  ")  # 5,412 once composed and trimmed
    await count.wait_for(state="visible")
    shown = (await count.inner_text()).replace("\u202f", " ").replace("\u00a0", " ")
    assert shown == "5 412 / 6 000 caractères"
    assert await count.get_attribute("class") == "count"
    await page.fill(approach, "a" * 6001)
    assert await count.get_attribute("class") == "count over"
    await page.context.close()


async def test_a_refusal_with_its_own_example_gets_no_second_one(browser, bot):
    """« 12,5 » homes: « donnez un nombre entier, ex. 12 ou 13. » alone, not followed by « ex. 35
    logements »; « douze » is followed by the field's example."""
    director, _dossier, indicator = await a_dossier(bot, 7307)
    page = await opened(browser, bot, director.id)
    await page.select_option(f"#indicator-{indicator}-value_kind", "number")
    unit = page.locator(f"#indicator-{indicator}-unit")
    await unit.wait_for()
    await page.select_option(f"#indicator-{indicator}-unit", "homes")
    await page.locator(f"#indicator-{indicator}-unit option[value=homes][selected]").wait_for(
        state="attached"
    )
    current = f"#indicator-{indicator}-current_value"
    await page.fill(current, "12,5")
    await page.locator(current).blur()
    await page.locator(f"{current}-status.error").wait_for()
    assert "ex. 12 ou 13" in await page.inner_text(f"{current}-status")
    assert await page.locator(f"{current}-status .example").count() == 0
    await page.fill(current, "douze")
    await page.locator(current).blur()
    await page.locator(f"{current}-status .example").wait_for()
    await page.context.close()
