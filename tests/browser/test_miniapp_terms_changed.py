"""A value typed in the page is read in the kind and unit the page showed, as the chat reads an answer: a
colleague's change of them meanwhile is told in the chat's words, nothing stored, the text kept in its
field and the indicator drawn in its new terms; the page's own change of them is no colleague's."""

from __future__ import annotations

import asyncio
import json

from sqlmodel import select

from models.dossier.indicators import add_indicator, update_indicator
from models.dossier.writes import set_engagement
from models.tables import Dossier, Indicator
from tests.browser.test_miniapp_browser import NOW, bot, open_app, pytestmark, saved  # noqa: F401
from tests.dossier_steps import join

UNIT_CHANGED = (
    "⚠️ Bob a modifié « Unité » entre-temps : c’est désormais « € ».\n"
    "Les valeurs éventuellement déjà saisies ont été effacées.\n"
    "Votre réponse « 30 » n’a pas été enregistrée."
)


async def indicator_in_percent(bot, user_id: int, coop: str, current: str | None = None):  # noqa: F811
    """Sam's coop with an indicator in %, and Bob, his colleague."""
    sam = await join(bot, user_id, "fr", coop)
    bob = bot.user(user_id + 1, "Bob", "fr")
    await bob.send(f"/start {sam.invitations.member_token}")
    async with bot.database.transaction() as session:
        dossier = (
            await session.exec(select(Dossier).where(Dossier.coop_id == sam.invitations.coop.id))
        ).one()
        await set_engagement(session, dossier, 1, True, actor_id=sam.id, now=NOW)
        indicator = await add_indicator(
            session, dossier, 1, title="Taux de satisfaction", actor_id=sam.id, now=NOW
        )
        values = [("value_kind", "number"), ("unit", "percent")] + (
            [("current_value", current)] if current else []
        )
        for name, value in values:
            await update_indicator(session, dossier, indicator, name, value, actor_id=sam.id, now=NOW)
    return sam, bob, indicator.id


async def change(bot, who, indicator_id: int, name: str, value: str) -> None:  # noqa: F811
    """A colleague's change, in the chat or their own page."""
    async with bot.database.transaction() as session:
        indicator = await session.get(Indicator, indicator_id)
        dossier = await session.get(Dossier, indicator.dossier_id)
        await update_indicator(session, dossier, indicator, name, value, actor_id=who.id, now=NOW)


async def stored(bot, indicator_id: int) -> Indicator:  # noqa: F811
    async with bot.database.transaction() as session:
        return await session.get(Indicator, indicator_id)


def values_sent(page) -> list[str]:
    """The values the page sends to be saved from now on, in the order it sends them."""
    sent: list[str] = []

    def seen(request) -> None:
        if request.url.endswith("/app/api/field"):
            sent.append(json.loads(request.post_data)["value"])

    page.on("request", seen)
    return sent


async def status_of(page, selector: str) -> str:
    status = page.locator(f"{selector}-status")
    await status.filter(has_text="enregistré").wait_for()
    return (await status.inner_text()).replace("\u00a0", " ")


async def test_a_value_typed_in_percent_is_not_stored_in_the_euros_a_colleague_chose_meanwhile(browser, bot):  # noqa: F811
    sam, bob, row = await indicator_in_percent(bot, 7101, "Coop Unités")
    page = await open_app(browser, bot, sam.id)
    value = f"#indicator-{row}-current_value"
    await page.fill(value, "30")
    await change(bot, bob, row, "unit", "euro")
    await page.locator(value).blur()
    assert await status_of(page, value) == UNIT_CHANGED  # the chat's words
    assert await page.input_value(value) == "30"  # kept in its field
    # the indicator drawn in its new terms: its unit, its example
    assert await page.locator(f"#indicator-{row}-unit option:checked").inner_text() == "€"
    assert "€" in await page.locator(f"{value}-example").inner_text()
    indicator = await stored(bot, row)
    assert (indicator.unit, indicator.current_value) == ("euro", None)
    # leaving the field again sends nothing; typed again, now in €, it is saved: the only value sent
    sent = values_sent(page)
    await page.locator(value).focus()
    await page.locator(value).blur()
    await page.fill(value, "31")
    await saved(page, value)
    assert sent == ["31"], sent  # the leaving before it would have been sent first
    assert (await stored(bot, row)).current_value == "31"
    await page.context.close()


async def test_the_unit_change_wins_over_a_value_a_colleague_cleared(browser, bot):  # noqa: F811
    """The value was 10 %: Bob's change to € cleared it; no « Keep mine » that would store 30 €."""
    sam, bob, row = await indicator_in_percent(bot, 7111, "Coop Unités 2", current="10")
    page = await open_app(browser, bot, sam.id)
    value = f"#indicator-{row}-current_value"
    await change(bot, bob, row, "unit", "euro")
    await page.fill(value, "30")
    await page.locator(value).blur()
    assert await status_of(page, value) == UNIT_CHANGED
    assert await page.locator(f"{value}-conflict").count() == 0
    assert await page.get_by_role("button", name="Garder ma réponse").count() == 0
    assert (await stored(bot, row)).current_value is None
    await page.context.close()


async def test_a_kind_changed_meanwhile_is_said_not_a_yes_or_no_asked(browser, bot):  # noqa: F811
    sam, bob, row = await indicator_in_percent(bot, 7121, "Coop Genre")
    page = await open_app(browser, bot, sam.id)
    value = f"#indicator-{row}-current_value"
    await page.fill(value, "30")
    await change(bot, bob, row, "value_kind", "yes_no")
    await page.locator(value).blur()
    said = await status_of(page, value)
    assert said.startswith(
        "⚠️ Bob a modifié « Type de valeur » entre-temps : c’est désormais « 👍 Oui / non »."
    ), said
    assert "Merci de répondre par oui ou par non" not in said
    assert await page.input_value(value) == "30"
    assert await page.locator(f"#indicator-{row}-unit").count() == 0  # no unit for a yes/no
    assert (await stored(bot, row)).current_value is None
    await page.context.close()


async def test_the_pages_own_unit_change_is_no_colleagues_even_before_its_answer(browser, bot):  # noqa: F811
    """Sam picks « Nombre » then types 12 before the unit's answer came back (a slow network): the value is
    read in the unit he chose, not refused as changed elsewhere."""
    sam, _bob, row = await indicator_in_percent(bot, 7131, "Coop Lente")
    page = await open_app(browser, bot, sam.id)
    value_answered = asyncio.Event()

    async def late(route, response) -> None:
        await value_answered.wait()  # the unit's answer comes only once the page has the value's
        await route.fulfill(response=response)

    async def slow_unit(route) -> None:
        if '"field":"unit"' not in (route.request.post_data or ""):
            await route.continue_()
            return
        # stored at once, its answer held apart: the routes of the value's request are not held up
        held.append(asyncio.ensure_future(late(route, await route.fetch())))

    held: list[asyncio.Future] = []
    await page.route("**/app/api/field", slow_unit)
    unit = f"#indicator-{row}-unit"
    await page.eval_on_selector(unit, "select => { select.dataset.drawnBefore = ''; }")
    await page.select_option(unit, "count")
    value = f"#indicator-{row}-current_value"
    await page.fill(value, "12")
    await page.locator(value).blur()
    await page.locator(f"{value}-status").filter(has_text="enregistré").wait_for()
    value_answered.set()
    # then the unit's late answer draws the page again (a new menu): a refusal would stay beside the value
    await page.wait_for_function(f"() => document.querySelector('{unit}').dataset.drawnBefore === undefined")
    await page.wait_for_timeout(400)  # a status line just drawn says its words a moment later
    said = (await page.locator(f"{value}-status").inner_text()).replace("\u00a0", " ")
    assert "entre-temps" not in said, said
    indicator = await stored(bot, row)
    assert (indicator.unit, indicator.current_value) == ("count", "12")
    await page.context.close()
