"""The whole dossier on one comfortable page, on a phone (390 px wide, in French): what a design review
saw there, measured on the real page in Chromium (as test_miniapp_phone.py does)."""

from __future__ import annotations

import json
import re
from urllib.parse import urlencode

import pytest

from bot.web.miniapp.pages import TELEGRAM_SDK
from tests.browser import test_miniapp_browser as desktop
from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_label_journey import COMMITTEE_ID
from tests.dossier_fill import INVOLVEMENT_TEXTS, fill_dossier
from tests.dossier_steps import FR_ANSWERS, join
from tests.miniapp import signed_init_data

pytestmark = pytest.mark.asyncio(loop_scope="session")
bot = desktop.bot
PHONE = {"width": 390, "height": 844}
# an answer of the approach written at length: a paragraph of some ten lines on a phone
LONG = (
    "Notre démarche « cœur de métier » : l’œuvre coopérative, portée par le conseil et les équipes. "
    "Chaque résidence réunit ses coopérateurs deux fois par an ; les salariés y présentent les travaux, "
    "les charges et les projets, et les décisions sont prises ensemble, puis suivies par un comité "
    "de résidence qui rend compte à l’assemblée générale de la coopérative chaque année."
)


async def open_phone(browser, bot, user_id: int):
    """The Mini App as Telegram opens it on a phone, in French."""
    context = await browser.new_context(viewport=PHONE, locale="fr-FR", has_touch=True)
    page = await context.new_page()
    await page.route(
        TELEGRAM_SDK, lambda route: route.fulfill(path=desktop.STUB, content_type="text/javascript")
    )
    launch = {
        "tgWebAppData": signed_init_data(user_id, language="fr"),
        "tgWebAppVersion": "8.0",
        "tgWebAppThemeParams": json.dumps(desktop.THEME),
    }
    await page.goto(f"{bot.web_url}/app#{urlencode(launch)}")
    await page.wait_for_selector("#dossier, #dossiers, .error")
    return page


async def a_draft(bot, user_id: int):
    """A draft with three engagements, each an indicator and its action « Former l’équipe », the approach's
    first answer a long paragraph: its director's page."""
    director = await join(bot, user_id, "fr", "Coop Habitat Solidaire")
    await fill_dossier(director, [1, 2, 5], FR_ANSWERS, (LONG, *INVOLVEMENT_TEXTS[1:]))
    return director


async def test_an_add_button_stands_clear_of_its_field(browser, bot):
    """« ➕ Ajouter une action » sat right against the empty field above it, touching its border."""
    director = await a_draft(bot, 7701)
    page = await open_phone(browser, bot, director.id)
    gaps = await page.evaluate(
        """() => [...document.querySelectorAll("form.add")].map((form) =>
             form.querySelector("button").getBoundingClientRect().top
             - form.querySelector("textarea").getBoundingClientRect().bottom)"""
    )
    assert len(gaps) >= 4 and min(gaps) >= 6, gaps
    await page.context.close()


async def test_a_short_answer_has_a_short_box_and_a_long_one_all_its_lines(browser, bot):
    """« Former l’équipe » was one line in a box six lines tall: the dossier was 21 screens long."""
    director = await a_draft(bot, 7702)
    page = await open_phone(browser, bot, director.id)
    boxes = await page.evaluate(
        """() => [...document.querySelectorAll("textarea[data-field]")].map((box) => ({
             name: box.dataset.name, text: box.value, height: box.getBoundingClientRect().height,
             whole: box.scrollHeight <= box.clientHeight + 1}))"""
    )
    short = [box for box in boxes if box["text"] == "Former l’équipe"]
    assert len(short) == 3 and all(box["height"] <= 72 for box in short), short
    long = next(box for box in boxes if box["text"] == LONG)
    assert long["height"] >= 6 * 23, long  # its six lines or more, each whole
    assert all(box["height"] >= 44 and box["whole"] for box in boxes), boxes  # a finger's tap, no line cut
    await page.context.close()


async def test_the_next_steps_date_stays_on_one_line_and_stands_out(browser, bot):
    """The header said « Prochaine étape : …, le 23 » then « mai 2027 » on the next line, in the same grey
    as the status above it."""
    director, _, _ = await admissible_coop(bot, "Coop Les Tilleuls")
    page = await open_phone(browser, bot, director.id)
    step = page.locator(".next-step").first
    text = await step.inner_text()
    date = re.search(r"\d{1,2}\s\w+\s\d{4}", text)
    assert date and date.group() == "23\u00a0mai\u00a02027", text
    # the date's words drawn on one line: its first and last characters at the same height
    tops = await step.evaluate(
        """(step, date) => {
             const node = [...step.childNodes].find((n) => n.nodeType === 3 && n.data.includes(date));
             const at = (i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
                                 return r.getBoundingClientRect().top; };
             const start = node.data.indexOf(date);
             return [at(start), at(start + date.length - 1)];
           }""",
        date.group(),
    )
    assert tops[0] == tops[1], tops
    looks = await page.evaluate(
        """() => [".next-step", "#status-line", "h1"].map((s) => {
             const style = getComputedStyle(document.querySelector(s));
             return [style.color, Number(style.fontWeight)]; })"""
    )
    step_look, status_look, title_look = looks
    assert step_look[0] == title_look[0] != status_look[0], looks  # the text's colour, not the hint's grey
    assert step_look[1] > status_look[1], looks
    await read_values_beside_their_labels(page)
    await page.context.close()


async def read_values_beside_their_labels(page) -> None:
    """A read dossier's figures (« Valeur cible » then « 30 % » under it, « Unité » then « % »…) took ten
    lines an indicator: a short value sits beside its label; a long text (why it illustrates the Raison
    d’être) stays under its own, at the page's width."""
    rows = await page.evaluate(
        """() => [...document.querySelectorAll("#dossier .field")].map((field) => {
             const label = field.querySelector("label").getBoundingClientRect();
             const value = field.querySelector(".value").getBoundingClientRect();
             return [field.querySelector("label").textContent, Math.round(label.top), Math.round(value.top),
                     Math.round(value.left), Math.round(label.left)];
           })"""
    )
    short = [r for r in rows if r[0] in ("Valeur de départ", "Valeur actuelle", "Valeur cible", "Date cible")]
    assert short and all(
        abs(top - value_top) <= 4 and left > label_left for _, top, value_top, left, label_left in short
    ), rows
    why = [r for r in rows if r[0] == "En quoi il illustre la Raison d’être"]
    assert why and all(value_top > top for _, top, value_top, _, _ in why), rows


async def test_the_parts_list_fits_and_leads_to_the_consultations(browser, bot):
    """The parts' links wrapped, « Documents  L’équipe » alone on a second row, and none led to the
    « Consultations » the page shows in the approach."""
    director = await a_draft(bot, 7703)
    page = await open_phone(browser, bot, director.id)
    nav = await page.evaluate(
        """() => {
             const nav = document.getElementById("parts");
             const links = [...nav.querySelectorAll("a")];
             return {
               tops: [...new Set(links.map((a) => Math.round(a.getBoundingClientRect().top)))],
               counts: links.map((a) => Math.round(a.getBoundingClientRect().top)),
               scrolls: nav.scrollWidth > nav.clientWidth && /auto|scroll/.test(getComputedStyle(nav).overflowX),
               links: links.map((a) => [a.getAttribute("href"), a.textContent.trim()]),
               page: document.documentElement.scrollWidth,
             };
           }"""
    )
    assert nav["page"] <= PHONE["width"], nav  # never a page wider than the phone
    rows = [nav["counts"].count(top) for top in nav["tops"]]
    # one row (scrolled sideways when longer than the phone), or two rows of (nearly) as many links
    assert len(rows) == 1 or (len(rows) == 2 and abs(rows[0] - rows[1]) <= 1), nav
    assert ["#consultations", "Consultations"] in nav["links"], nav  # the part's short name
    await page.locator("#parts a[href='#consultations']").click()
    # its heading in sight (at the top, or above the page's last screen at its end)
    await page.wait_for_function(
        """() => { const top = document.querySelector("#consultations h3").getBoundingClientRect().top;
                   return scrollY > 0 && top >= 0 && top < innerHeight / 2; }"""
    )
    await page.context.close()


async def test_a_back_links_underline_is_under_its_words_only(browser, bot):
    """In « ⬅️ Retour à la liste » the link's underline ran under the arrow's emoji too."""
    await admissible_coop(bot, "Coop Les Tilleuls")
    page = await open_phone(browser, bot, COMMITTEE_ID)
    await page.get_by_role("link", name="Coop Les Tilleuls").click()
    await page.wait_for_selector("#dossier")
    back = page.get_by_role("link", name="⬅️ Retour à la liste")  # its name for a screen reader unchanged
    underlined = await back.evaluate(
        """(link) => {
             const under = (node) => {
               for (let e = node.parentElement; e; e = e.parentElement) {
                 if (getComputedStyle(e).textDecorationLine.includes("underline")) return true;
                 if (e === link) return false;
               }
               return false;
             };
             const walker = document.createTreeWalker(link, NodeFilter.SHOW_TEXT);
             const parts = [];
             for (let n = walker.nextNode(); n; n = walker.nextNode()) {
               for (const word of n.data.split(/\\s+/).filter(Boolean)) parts.push([word, under(n)]);
             }
             return parts;
           }"""
    )
    assert underlined == [["⬅️", False], ["Retour", True], ["à", True], ["la", True], ["liste", True]], (
        underlined
    )
    await page.context.close()
