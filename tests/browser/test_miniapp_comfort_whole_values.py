"""A value or a date is read whole while it is being changed, on a small phone and in a large text size.

Before, an indicator counted in the coop's own unit (« m² de toiture isolée », 20 characters, the most a
unit takes) read « 12 345,75 m² de toiture isolé » in « Valeur actuelle » on a 320 px phone, its last
letters cut at the field's edge; on a 360 px phone with the text at 150 %, « Échéance » and « Date
cible » read « 30 septembre 20 » beside their calendar button. Only the read-only page showed them whole.
Now both are a line that wraps and grows with its text, as a title is: Enter still saves, the server's
reading (« 99 999 999,5 m² de toiture isolée ») is shown whole, and the calendar still fills the date."""

from __future__ import annotations

from conversations.dossier.editor.entities import ACTION, INDICATOR, Write
from conversations.render.input_errors import answer_at
from locales import translator_for
from models.dossier.current import current_dossier
from models.dossier.indicators import add_action, add_indicator
from models.dossier.reads import UNSET
from models.dossier.writes import set_engagement
from models.users import load_visit
from tests.browser import test_miniapp_phone as phone
from tests.browser.test_miniapp_browser import THEME, bot, pytestmark, shot  # noqa: F401
from tests.browser.test_miniapp_reading import a_dossier
from tests.dossier_steps import join

UNIT = "m² de toiture isolée"  # a unit in the coop's own words, at its 20 characters
# the fields whose text goes past their edge: scrolled away across, or below a box too short
CUT = """() => [...document.querySelectorAll('#dossier [data-field]')]
  .filter((e) => e.tagName !== 'SELECT' && e.getClientRects().length
    && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
  .map((e) => [e.id, e.value])"""


async def roofs_indicator(bot, user_id: int):  # noqa: F811
    """A coop counting insulated roofs in its own unit, with a target date and an action's due date, each
    typed as the chat takes them: its director and the indicator's and the action's ids."""
    director = await join(bot, user_id, "fr", "Coop Toits")
    now, data = bot.clock(), bot.application.bot_data
    async with bot.database.transaction() as session:
        visit = await load_visit(session, director.id)
        dossier = await current_dossier(session, visit.coop.id)
        answer = answer_at(translator_for(visit.user).language, now, data.committee_dates)

        async def typed(entity, row, name, text):
            value = entity.field(name).parse(text, row, answer)
            await entity.write(session, dossier, row, Write(name, value, UNSET, director.id, True, now))

        await set_engagement(session, dossier, 11, True, actor_id=director.id, now=now)
        indicator = await add_indicator(
            session, dossier, 11, title="Toitures isolées", value_kind="number", actor_id=director.id, now=now
        )
        for name, text in (
            ("unit", UNIT),
            ("current_value", "12 345,75"),
            ("target_value", "123 456,5"),
            ("target_date", "30/09/2028"),
        ):
            await typed(INDICATOR, indicator, name, text)
        action = await add_action(session, dossier, indicator, "Isoler", actor_id=director.id, now=now)
        await typed(ACTION, action, "due_date", "30/09/2027")
    return director, indicator.id, action.id


def plain(text: str) -> str:
    """A French number's narrow no-break spaces read as spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


async def test_a_value_in_the_coops_own_unit_is_read_whole_on_a_small_phone(browser, bot):  # noqa: F811
    director, indicator, _ = await roofs_indicator(bot, 9611)
    page = await phone.open_phone(browser, bot, director.id, THEME, "light", {"width": 320, "height": 640})
    await page.goto(page.launch)
    await page.wait_for_selector("#dossier")
    current, target = f"#indicator-{indicator}-current_value", f"#indicator-{indicator}-target_value"
    await page.locator(current).scroll_into_view_if_needed()
    await shot(page, "comfort-own-unit-320")
    assert plain(await page.input_value(current)) == f"12 345,75 {UNIT}"
    assert plain(await page.input_value(target)) == f"123 456,5 {UNIT}"
    assert await page.evaluate(CUT) == []

    # typed as a line: Enter saves (no line break), and the value as the server reads it is whole
    await page.fill(current, "99999999,5")  # one line, read on two
    await page.locator(current).press("Enter")
    await page.locator(f"{current}-status").filter(has_text="enregistré").wait_for()
    assert plain(await page.input_value(current)) == f"99 999 999,5 {UNIT}"
    assert await page.evaluate(CUT) == []
    await page.context.close()


async def test_a_date_is_read_whole_beside_its_calendar_in_a_large_text(browser, bot):  # noqa: F811
    director, indicator, action = await roofs_indicator(bot, 9612)
    page = await phone.open_phone(browser, bot, director.id, THEME, "light", {"width": 360, "height": 640})
    await page.goto(page.launch)
    await page.wait_for_selector("#dossier")
    # Android's text size at 150 %, as the phone has it before the app opens
    cdp = await page.context.new_cdp_session(page)
    await cdp.send("Page.setFontSizes", {"fontSizes": {"standard": 24, "fixed": 20}})
    await page.reload()
    await page.wait_for_selector("#dossier")
    await page.wait_for_function("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize) > 20")
    due, target = f"#action-{action}-due_date", f"#indicator-{indicator}-target_date"
    await page.locator(due).scroll_into_view_if_needed()
    await shot(page, "comfort-date-150-360")
    assert plain(await page.input_value(due)) == "30 septembre 2027"
    assert plain(await page.input_value(target)) == "30 septembre 2028"
    assert await page.evaluate(CUT) == []

    # the calendar beside it still fills it, saved and read whole
    await page.locator(f"[data-picker-for='{due[1:]}']").fill("2027-12-31")
    await page.locator(f"{due}-status").filter(has_text="enregistré").wait_for()
    assert plain(await page.input_value(due)) == "31 décembre 2027"
    assert await page.evaluate(CUT) == []
    await page.context.close()


async def test_a_yes_or_no_indicators_title_still_grows_with_its_text(browser, bot):  # noqa: F811
    """The values of a yes/no are a plain line (« oui », « non »): its title, 100 characters, stays the
    growing line a title is (the first change made every field of a yes/no indicator a plain line)."""
    title = (
        "Nombre de ménages accompagnés dans leur parcours résidentiel par la coopérative et ses partenaires"
    )
    director, _, row = await a_dossier(bot, 9531, title)
    page = await phone.open_phone(browser, bot, director.id, THEME, "light", {"width": 360, "height": 740})
    await page.goto(page.launch)
    await page.wait_for_selector("#dossier")
    await page.select_option(f"#indicator-{row}-value_kind", "yes_no")
    await page.locator(f"#indicator-{row}-target_value").wait_for()
    await page.wait_for_function(
        f"document.querySelector('#indicator-{row}-target_value').tagName === 'INPUT'"
    )
    field = f"#indicator-{row}-title"
    assert await page.eval_on_selector(field, "e => e.tagName") == "TEXTAREA"
    assert await page.eval_on_selector(field, "e => e.scrollHeight <= e.clientHeight + 4")  # read whole
    await page.context.close()
