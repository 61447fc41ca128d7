"""The Mini App in a real headless Chromium (Debian's, driven by Playwright), at a phone's size.

The page is opened as Telegram opens it: ``/app#tgWebAppData=<signed init data>&…``, with Telegram's
script replaced by a local stand-in (tests/browser/telegram-web-app-stub.js). The bot runs for real
beside it (web server, database, the chat through the fake Telegram). Screenshots at 390 × 844 in
French are saved under artifacts/miniapp/ (ignored by git; docs/miniapp.png is one of them).
"""

from __future__ import annotations

import asyncio
import json
import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
import pytest_asyncio
from sqlmodel import select

from bot.web.miniapp.pages import TELEGRAM_SDK
from models.dossier.indicators import add_action, add_indicator
from models.dossier.reads import UNSET
from models.dossier.writes import set_engagement, update_involvement
from models.tables import Action, Dossier, DossierStatus, FederationRoleName, Indicator
from models.users import grant_federation_role
from tests.artifacts import artifacts
from tests.browser.conftest import CHROMIUM
from tests.conftest import ADMIN_ID, NOW
from tests.dossier_steps import join, open_home, upload_letter
from tests.harness import BotHarness
from tests.miniapp import signed_init_data

STUB = Path(__file__).with_name("telegram-web-app-stub.js")
ARTIFACTS = artifacts("miniapp")
PHONE = {"width": 390, "height": 844}
THEME = {
    "bg_color": "#f4f7fb",
    "text_color": "#16202c",
    "button_color": "#2f6fd6",
    "button_text_color": "#ffffff",
}

if not Path(CHROMIUM).exists() and not os.environ.get("CI"):
    pytest.skip(f"no Chromium at {CHROMIUM} (CI installs it: .ci/debian.sh)", allow_module_level=True)

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest_asyncio.fixture(loop_scope="session")
async def bot(tmp_path):
    """The bot, serving the Mini App on a local port."""
    harness = BotHarness(tmp_path, admin_ids=(ADMIN_ID,), clock=lambda: NOW, web=True)
    await harness.start()
    yield harness
    await harness.stop()


async def open_app(browser, bot: BotHarness, user_id: int, query: str = "", language: str = "fr"):
    """The Mini App as Telegram opens it for this user, at a phone's size, in French by default."""
    locale = "fr-FR" if language == "fr" else "en-GB"
    context = await browser.new_context(viewport=PHONE, locale=locale, device_scale_factor=1)
    page = await context.new_page()
    await page.route(TELEGRAM_SDK, lambda route: route.fulfill(path=STUB, content_type="text/javascript"))
    page.on("dialog", lambda dialog: dialog.accept())
    launch = {
        "tgWebAppData": signed_init_data(user_id, language=language),
        "tgWebAppVersion": "8.0",
        "tgWebAppPlatform": "android",
        "tgWebAppThemeParams": json.dumps(THEME),
    }
    await page.goto(f"{bot.web_url}/app{query}#{urlencode(launch)}")
    await page.wait_for_selector("#dossier, #dossiers, .error")
    return page


async def shot(page, name: str) -> None:
    """A screenshot of the page as the phone shows it."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


async def saved(page, selector: str) -> None:
    """Leave a field (it saves) and wait for « enregistré »."""
    await page.locator(selector).blur()
    status = page.locator(f"{selector}-status")
    await status.filter(has_text="enregistré").wait_for()


async def text_of(page, selector: str) -> str:
    return (await page.locator(selector).inner_text()).replace("\u00a0", " ")


async def test_the_whole_dossier_on_one_page_saved_field_by_field(browser, bot):
    director = await join(bot, 5001, "fr", "Coop Habitat Solidaire")
    page = await open_app(browser, bot, director.id)
    assert await page.locator("h1").inner_text() == "Dossier Quali’Coop — Coop Habitat Solidaire"
    assert await page.evaluate("document.documentElement.lang") == "fr"
    background = await page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(244, 247, 251)"  # Telegram's theme colours
    assert await text_of(page, "#counter-1") == "⬜ Axe 1 — 0/4 (encore 2 à choisir)"
    assert "Il manque 2 engagements dans l’axe 1" in await text_of(page, "#rules")
    await shot(page, "01-empty")

    # ticking engagements: the counters and the rule messages follow
    for code in (1, 2, 5):
        await page.locator(f"[data-engagement='{code}']").check()
        await page.locator(f"[data-engagement='{code}']:checked:not([disabled])").wait_for()
    assert await text_of(page, "#counter-1") == "✅ Axe 1 — 2/4"
    assert await text_of(page, "#counter-2") == "⬜ Axe 2 — 1/4 (encore 1 à choisir)"
    rules = await text_of(page, "#rules")
    assert "axe 1" not in rules and "Il manque 1 engagement dans l’axe 2" in rules
    assert "Il manque 2 engagements dans l’axe 3" in rules

    # a new indicator, then its rationale: 3,000 characters in a text area that shows it whole
    await page.fill("#add-indicator-1", "Part de logements BRS dans la production")
    await page.locator("#add-indicator-1 + button").click()
    indicator_id = await page.locator("#indicators .indicator").first.get_attribute("id")
    row = int(indicator_id.split("-")[1])
    rationale = ("Nos logements restent abordables pour les ménages modestes. " * 60)[:2999] + "."
    await page.fill(f"#indicator-{row}-rationale", rationale)
    await saved(page, f"#indicator-{row}-rationale")
    height = await page.eval_on_selector(
        f"#indicator-{row}-rationale", "e => [e.scrollHeight, e.clientHeight]"
    )
    assert height[0] <= height[1] + 4  # the whole text shows, no inner scrolling

    # « 12,5 % » and « mars 2027 », read as the chat reads them
    await page.select_option(f"#indicator-{row}-value_kind", "number")
    await page.locator(f"#indicator-{row}-unit").wait_for()
    await page.select_option(f"#indicator-{row}-unit", "percent")
    await page.locator(f"#indicator-{row}-unit option[value=percent][selected]").wait_for(state="attached")
    await page.fill(f"#indicator-{row}-current_value", "12,5 %")
    await saved(page, f"#indicator-{row}-current_value")
    assert (await page.input_value(f"#indicator-{row}-current_value")).replace("\u00a0", " ") == "12,5 %"
    await page.fill(f"#add-action-{row}", "Former l’équipe commerciale au BRS")
    await page.locator(f"#add-action-{row} + button").click()
    action = int((await page.locator(".action").first.get_attribute("id")).split("-")[1])
    await page.fill(f"#action-{action}-due_date", "mars 2027")
    await saved(page, f"#action-{action}-due_date")
    assert await page.input_value(f"#action-{action}-due_date") == "mars 2027"

    # a bad value: the chat's message, then one valid example (the field's); the value stays in the field
    await page.fill(f"#indicator-{row}-target_value", "beaucoup")
    await page.locator(f"#indicator-{row}-target_value").blur()
    error = page.locator(f"#indicator-{row}-target_value-status.error")
    await error.wait_for()
    message, example = (await error.inner_text()).split("\n")
    assert example.replace("\u00a0", " ") == "ex. 12,5 %"
    assert example == await page.inner_text(f"#indicator-{row}-target_value-example")  # under its label
    assert await page.input_value(f"#indicator-{row}-target_value") == "beaucoup"
    await page.fill(f"#indicator-{row}-target_value", "25")
    await saved(page, f"#indicator-{row}-target_value")
    await page.locator("#engagement-1").evaluate("e => e.scrollIntoView({block: 'start'})")
    await shot(page, "02-indicator")

    # after a reload every value is there; leaving the page told the chat what changed, once
    before = len(director.messages)
    await page.reload()
    await page.wait_for_selector("#dossier")
    await bot.fake.wait_for_message(director.id, lambda m: "depuis l’application" in m.get("text", ""))
    told = director.messages[before:]
    assert len(told) == 1 and told[0]["text"].startswith("✅ 11 champs mis à jour depuis l’application")
    assert "🏠 Dossier Quali’Coop — Coop Habitat Solidaire" in told[0]["text"]
    assert await page.input_value(f"#indicator-{row}-rationale") == rationale
    assert (await page.input_value(f"#indicator-{row}-current_value")).replace("\u00a0", " ") == "12,5 %"
    assert (await page.input_value(f"#indicator-{row}-target_value")).replace("\u00a0", " ") == "25 %"
    assert await page.input_value(f"#action-{action}-due_date") == "mars 2027"
    assert [await page.is_checked(f"[data-engagement='{c}']") for c in (1, 2, 3, 5)] == [
        True,
        True,
        False,
        True,
    ]
    await shot(page, "03-after-reload")

    # the chat: the same message for the same bad value, and the new values
    await open_home(director)
    await director.press("📊 Indicateurs")
    await director.press(" 1 · ")
    await director.press("1 · Part de")  # the label fits a phone: the title is cut
    assert "Valeur actuelle\u00a0: 12,5\u00a0%" in director.last_text
    assert "Valeur cible\u00a0: 25\u00a0%" in director.last_text and "mars 2027" in director.last_text
    await director.press("✏️ Cible")
    await director.send("beaucoup")
    assert director.replies[0]["text"] == "⚠️ " + message
    async with bot.database.transaction() as session:
        indicator = await session.get(Indicator, row)
        planned = (await session.exec(select(Action))).one()
    assert (indicator.rationale, indicator.current_value, indicator.target_value) == (rationale, "12.5", "25")
    assert (planned.due_date.isoformat(), planned.due_precision) == ("2027-03-31", "month")

    # closing the app after one more change: one short message, above the question the chat was at (the
    # target, asked again after the refusal), still open to an answer
    approach = page.locator("#involvement textarea").first
    await approach.fill("Mesurer et améliorer ce qui fait de nous une coopérative.")
    await saved(page, "#" + await approach.get_attribute("id"))
    before = len(director.messages)
    await page.goto("about:blank")
    await bot.fake.wait_for_message(director.id, lambda m: m.get("text", "").startswith("✅ 1 champ "))
    told = director.messages[before:]
    assert len(told) == 1 and told[0]["text"].startswith("✅ 1 champ mis à jour depuis l’application\n\n")
    assert "Quelle valeur cible visez-vous" in told[0]["text"] and "🏠 Dossier" not in told[0]["text"]
    await page.context.close()


async def colliding(browser, bot, user_id: int, coop: str, theirs: str, mine: str, by_self: bool = False):
    """The approach saved by a colleague (``by_self``: by the same person, in the chat) while the page
    was open, then typed here: (page, dossier, the field's selector, the conflict box shown)."""
    director = await join(bot, user_id, "fr", coop)
    page = await open_app(browser, bot, director.id)
    async with bot.database.transaction() as session:  # the approach saved meanwhile, as the chat saves it
        dossier = (
            await session.exec(select(Dossier).where(Dossier.coop_id == director.invitations.coop.id))
        ).one()
        actor = director.id if by_self else 1
        await update_involvement(session, dossier, "approach", theirs, actor_id=actor, expected=UNSET)
    field = f"#dossier-{dossier.id}-approach"
    await page.fill(field, mine)
    await page.locator(field).blur()
    conflict = page.locator(f"{field}-conflict")
    await conflict.wait_for()
    return page, dossier, field, conflict


async def test_a_colleagues_change_is_shown_beside_mine_and_i_choose(browser, bot):
    page, dossier, field, conflict = await colliding(
        browser, bot, 5002, "Coop Voisine", theirs="Le texte de Dominique", mine="Mon texte à moi"
    )
    shown = await conflict.inner_text()
    assert "a modifié «\u00a0Démarche et objectifs\u00a0» pendant votre saisie" in shown
    assert "Le texte de Dominique" in shown and "Mon texte à moi" in shown
    async with bot.database.transaction() as session:
        assert (await session.get(Dossier, dossier.id)).approach == "Le texte de Dominique"  # not overwritten
    await conflict.scroll_into_view_if_needed()
    await shot(page, "04-conflict")
    await conflict.get_by_role("button", name="Garder ma réponse").click()
    await page.locator(f"{field}-status").filter(has_text="enregistré").wait_for()
    async with bot.database.transaction() as session:
        assert (await session.get(Dossier, dossier.id)).approach == "Mon texte à moi"
    await page.context.close()


async def test_my_own_change_in_the_chat_is_not_overwritten_by_the_page_left_open(browser, bot):
    """The page was left open; the same person then answered in the chat, and later types in the page:
    both are shown, said as theirs, and the chat's text stays until they choose."""
    page, dossier, field, conflict = await colliding(
        browser,
        bot,
        5012,
        "Coop Deux Écrans",
        theirs="Collé dans le chat",
        mine="Tapé sur la page",
        by_self=True,
    )
    shown = (await conflict.inner_text()).replace("\u00a0", " ")
    assert "Vous avez modifié « Démarche et objectifs » ailleurs (dans le chat" in shown
    assert "Réponse enregistrée : Collé dans le chat" in shown and "Tapé sur la page" in shown
    async with bot.database.transaction() as session:
        assert (await session.get(Dossier, dossier.id)).approach == "Collé dans le chat"  # not overwritten
    await conflict.get_by_role("button", name="Garder la réponse de cette page").click()
    await page.locator(f"{field}-status").filter(has_text="enregistré").wait_for()
    async with bot.database.transaction() as session:
        assert (await session.get(Dossier, dossier.id)).approach == "Tapé sur la page"
    await page.context.close()


async def test_the_committee_reads_a_submitted_dossier_without_inputs(browser, bot):
    director = await join(bot, 5003, "fr", "Coop Soumise")
    async with bot.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        await update_involvement(
            session, dossier, "approach", "Notre démarche, en détail.", actor_id=director.id
        )
        dossier.status = DossierStatus.SUBMITTED
        session.add(dossier)
        await grant_federation_role(session, 5004, FederationRoleName.COMMITTEE)
    await bot.user(5004).send("/start")
    page = await open_app(browser, bot, 5004)
    await page.get_by_role("link", name="Coop Soumise").click()
    await page.wait_for_selector("#dossier")
    assert "Notre démarche, en détail." in await page.inner_text(f"#dossier-{dossier.id}-approach")
    assert await page.locator("input, textarea, select").count() == 0
    assert "Lecture seule" in await page.inner_text("header")
    await shot(page, "05-committee-read-only")
    await page.context.close()


async def test_long_words_wrap_on_a_phone_instead_of_widening_the_page(browser, bot):
    """A web address, a file name without spaces, a long title: the page never scrolls sideways."""
    director = await join(bot, 5005, "fr", "Coop " + "Longuenomdecooperativesansespace" * 3)
    address = "https://www.exemple.fr/documents/" + "rapport-annuel-valide-par-le-conseil" * 4 + ".pdf"
    file_name = "compte_rendu_assemblee_generale_juin_2026_version_definitive_de_la_direction.pdf"
    await upload_letter(director, file_name=file_name)
    async with bot.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        await set_engagement(session, dossier, 1, True, actor_id=director.id, now=NOW)
        title = "Indicateur" + "sansaucuneespacepourlecouper" * 4
        indicator = await add_indicator(session, dossier, 1, title=title, actor_id=director.id, now=NOW)
        indicator.rationale = f"Voir {address}"
        await update_involvement(session, dossier, "approach", f"Notre démarche : {address}", actor_id=None)
        await grant_federation_role(session, 5006, FederationRoleName.COMMITTEE)
    page = await open_app(browser, bot, director.id)
    assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    await page.context.close()
    async with bot.database.transaction() as session:  # submitted: the committee reads it as text
        dossier = (await session.exec(select(Dossier))).one()
        dossier.status = DossierStatus.SUBMITTED
        session.add(dossier)
    await bot.user(5006).send("/start")
    page = await open_app(browser, bot, 5006, f"?dossier={dossier.id}")
    await page.wait_for_selector("#dossier")
    assert address in await page.inner_text("#dossier")
    assert await page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    await shot(page, "06-long-words")
    await page.context.close()


async def test_the_team_closes_the_page_for_its_members(browser, bot):
    director = await join(bot, 5007, "fr", "Coop Équipe")
    await bot.user(5008, "Bob", "fr").send(f"/start {director.invitations.member_token}")
    page = await open_app(browser, bot, director.id)
    team = page.locator("#team li")
    assert await team.all_inner_texts() == ["Camille — membre de la direction", "Bob"]
    assert "2 personnes ont rejoint" in await text_of(page, "#team")
    assert "« 🤝 Mon équipe » dans le chat" in await text_of(page, "#team")
    await page.locator("#team").scroll_into_view_if_needed()
    await shot(page, "07-team")
    await page.context.close()


async def prepared(bot: BotHarness, user_id: int, name: str, language: str = "fr"):
    """A coop whose dossier has engagement 1, an indicator and an action: (its member, the three ids)."""
    member = await join(bot, user_id, language, name)
    async with bot.database.transaction() as session:
        dossier = (
            await session.exec(select(Dossier).where(Dossier.coop_id == member.invitations.coop.id))
        ).one()
        await set_engagement(session, dossier, 1, True, actor_id=member.id, now=NOW)
        indicator = await add_indicator(session, dossier, 1, title="Part de BRS", actor_id=member.id, now=NOW)
        action = await add_action(session, dossier, indicator, "Former l’équipe", actor_id=member.id, now=NOW)
        return member, (dossier.id, indicator.id, action.id)


async def test_what_was_not_saved_stays_when_the_page_is_drawn_again(browser, bot):
    """A refused text, a refused date, a title not yet added: ticking an engagement, adding an action or
    choosing a kind draws the page again, and every one of them stays, with its message."""
    member, (dossier_id, indicator_id, action_id) = await prepared(bot, 5009, "Coop Redessin")
    page = await open_app(browser, bot, member.id)
    approach = f"#dossier-{dossier_id}-approach"
    long_text = "Nous avons réuni < 40 coopérateurs & > 12 salariés 🏠 le 12 mai.\n\n" * 100
    await page.fill(approach, long_text)
    await page.locator(approach).blur()
    await page.locator(f"{approach}-status.error").wait_for()
    due = f"#action-{action_id}-due_date"
    await page.fill(due, "un jour")
    await page.locator(due).blur()
    await page.locator(f"{due}-status.error").wait_for()
    await page.fill("#add-indicator-1", "Nombre de réunions de coopérateurs")

    async def still_there() -> None:
        assert await page.input_value(approach) == long_text
        assert "la limite est de 6" in await text_of(page, f"{approach}-status.error")
        assert await page.input_value(due) == "un jour"
        assert await page.locator(f"{due}-status.error").count() == 1
        assert await page.input_value("#add-indicator-1") == "Nombre de réunions de coopérateurs"

    await page.locator("[data-engagement='5']").check()
    await page.locator("[data-engagement='5']:checked:not([disabled])").wait_for()
    await still_there()
    await page.fill(f"#add-action-{indicator_id}", "Présenter le dossier en AG")
    await page.locator(f"#add-action-{indicator_id} + button").click()
    await page.locator(".action").nth(1).wait_for()
    assert await page.input_value(f"#add-action-{indicator_id}") == ""  # added: the form is empty again
    await still_there()
    await page.select_option(f"#indicator-{indicator_id}-value_kind", "number")
    await page.locator(f"#indicator-{indicator_id}-unit").wait_for()
    await still_there()
    async with bot.database.transaction() as session:  # nothing refused was stored meanwhile
        assert (await session.get(Dossier, dossier_id)).approach is None
    await page.fill(approach, "Notre démarche, en bref.")  # shortened: it is saved as usual
    await saved(page, approach)
    async with bot.database.transaction() as session:
        assert (await session.get(Dossier, dossier_id)).approach == "Notre démarche, en bref."
    await page.context.close()


async def test_typing_then_closing_at_once_saves_the_text(browser, bot):
    """Closed less than the pause after the last key: the text is sent as the page goes; while something
    typed is not stored, Telegram asks before closing."""
    member, (dossier_id, _indicator, _action) = await prepared(bot, 5010, "Coop Fermée")
    page = await open_app(browser, bot, member.id)

    async def guarded() -> bool:
        return await page.evaluate("window.Telegram.WebApp.isClosingConfirmationEnabled")

    staff = f"#dossier-{dossier_id}-staff_information"
    await page.locator(staff).click()
    await page.keyboard.type("Réunion d’équipe le 12 mai", delay=5)
    assert await guarded()
    await saved(page, staff)
    assert not await guarded()
    members = f"#dossier-{dossier_id}-members_information"
    await page.locator(members).click()
    await page.keyboard.type("Article dans la lettre des habitants", delay=5)
    assert await guarded()
    await page.evaluate(
        """() => {
          Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
          document.dispatchEvent(new Event("visibilitychange"));
        }"""
    )
    await page.goto("about:blank")  # closed at once, well within the pause
    for _ in range(50):
        async with bot.database.transaction() as session:
            stored = (await session.get(Dossier, dossier_id)).members_information
        if stored:
            break
        await asyncio.sleep(0.1)
    assert stored == "Article dans la lettre des habitants"
    for _ in range(50):  # and the chat is told, though the page was gone before the save's answer
        if "mis à jour depuis l’application" in (member.last_text or ""):
            break
        await asyncio.sleep(0.1)
    assert "2 champs mis à jour depuis l’application" in member.last_text
    await page.context.close()


async def test_a_save_the_server_failed_is_sent_again_not_taken_for_a_refusal(browser, bot):
    """A 502 while the bot restarts: the text stays, is said not saved, and is sent again on leaving
    the field (a refusal would keep it until changed, and say « expired »)."""
    member, (dossier_id, _indicator, _action) = await prepared(bot, 5012, "Coop Redémarrage")
    page = await open_app(browser, bot, member.id)
    failures = []

    async def restart_once(route):
        if not failures:
            failures.append(route.request.url)
            await route.fulfill(status=502, body="Bad Gateway", content_type="text/plain")
        else:
            await route.continue_()

    await page.route("**/app/api/field", restart_once)
    staff = f"#dossier-{dossier_id}-staff_information"
    await page.locator(staff).click()
    await page.keyboard.type("Réunion d’équipe le 12 mai", delay=5)
    await page.locator(staff).blur()
    status = page.locator(f"{staff}-status")
    await status.filter(has_text="connexion").wait_for()
    assert "expiré" not in await status.inner_text()
    await page.locator(staff).focus()
    await saved(page, staff)  # left again: sent again, stored
    async with bot.database.transaction() as session:
        assert (await session.get(Dossier, dossier_id)).staff_information == "Réunion d’équipe le 12 mai"
    assert len(failures) == 1
    await page.context.close()


async def test_a_save_stored_whose_answer_was_lost_does_not_conflict_with_itself(browser, bot):
    """Offline on the way back: the server stored the text, the page was told it failed; the next edit
    is saved over it, not shown as a colleague's change."""
    member, (dossier_id, _indicator, _action) = await prepared(bot, 5011, "Coop Hors Ligne")
    page = await open_app(browser, bot, member.id)
    members = f"#dossier-{dossier_id}-members_information"

    async def answer_lost(route):
        await route.fetch()  # the server stores it…
        await route.abort("connectionreset")  # …and its answer never arrives

    await page.route("**/app/api/field", answer_lost)
    await page.fill(members, "Article dans la lettre des habitants")
    await page.locator(members).blur()
    await page.locator(f"{members}-status.error").wait_for()
    await page.unroute("**/app/api/field")
    await page.fill(members, "Article dans la lettre des habitants, et AG de juin")
    await saved(page, members)
    assert await page.locator(f"{members}-conflict").count() == 0
    async with bot.database.transaction() as session:
        stored = (await session.get(Dossier, dossier_id)).members_information
    assert stored == "Article dans la lettre des habitants, et AG de juin"
    await page.context.close()


async def test_a_page_left_open_too_long_says_so_in_its_language_and_keeps_the_text(browser, bot):
    """The init data grew old while the page was open: the page's own words (English here, though the
    bot's default is French), and to copy the text before closing, since it is still in its field."""
    member, (dossier_id, _indicator, _action) = await prepared(bot, 5012, "Coop Ancienne", language="en")
    page = await open_app(browser, bot, member.id, language="en")
    stale = signed_init_data(member.id, language="en", auth_date=NOW - timedelta(days=2))
    await page.evaluate(f"window.Telegram.WebApp.initData = {json.dumps(stale)}")
    approach = f"#dossier-{dossier_id}-approach"
    await page.fill(approach, "Our approach, in detail.")
    await page.locator(approach).blur()
    error = page.locator(f"{approach}-status.error")
    await error.wait_for()
    assert await error.inner_text() == (
        "This page has expired: copy your text (it is still in its field), then close the page and open "
        "it again from the chat."
    )
    assert await page.input_value(approach) == "Our approach, in detail."
    await page.context.close()


async def test_a_refused_value_is_shown_with_one_valid_example(browser, bot):
    """What is wrong, then one valid example: a date's own (« sous cette forme : 15/03/2027 », alone), a new
    action's description; not under a text too long (it is to be shortened: its message says so)."""
    member, (dossier_id, indicator_id, action_id) = await prepared(bot, 5013, "Coop Exemple")
    page = await open_app(browser, bot, member.id)
    due = f"#action-{action_id}-due_date"
    await page.fill(due, "un jour")
    await page.locator(due).blur()
    await page.locator(f"{due}-status.error").wait_for()
    assert (await text_of(page, f"{due}-status")).endswith("sous cette forme : 15/03/2027.")
    assert await page.locator(f"{due}-status .example").count() == 0
    await page.fill(f"#add-action-{indicator_id}", " ")
    await page.locator(f"#add-action-{indicator_id} + button").click()
    example = page.locator(f"#add-action-{indicator_id} ~ .status.error .example")
    await example.wait_for()
    assert await example.inner_text() == "ex. Former l’équipe commerciale au BRS"
    approach = f"#dossier-{dossier_id}-approach"
    await page.fill(approach, "Notre démarche. " * 500)
    await page.locator(approach).blur()
    await page.locator(f"{approach}-status.error").wait_for()
    assert await page.locator(f"{approach}-status .example").count() == 0
    await page.context.close()


async def test_an_indicators_values_wait_for_its_kind(browser, bot):
    """No value is typed before the kind is chosen (as in the chat): the page says to choose it first."""
    member, (_dossier, indicator_id, _action) = await prepared(bot, 5014, "Coop Genre")
    page = await open_app(browser, bot, member.id)
    current = f"#indicator-{indicator_id}-current_value"
    assert await page.locator(current).count() == 0
    hint = f"#indicator-{indicator_id}-values"
    assert await text_of(page, hint) == "ℹ️ Choisissez d’abord le type de valeur"
    await page.select_option(f"#indicator-{indicator_id}-value_kind", "number")
    await page.locator(current).wait_for()
    assert await page.locator(hint).count() == 0
    await page.context.close()


async def test_a_value_refused_after_a_pause_is_not_sent_again_by_a_redraw(browser, bot):
    """Refused once, a value is not sent again (leaving the field, a redraw, a pause) until it changes."""
    member, (_dossier, _indicator, action_id) = await prepared(bot, 5015, "Coop Pause")
    page = await open_app(browser, bot, member.id)
    sent = []
    page.on("request", lambda request: sent.append(request.url) if "/api/field" in request.url else None)
    due = f"#action-{action_id}-due_date"
    await page.locator(due).click()
    await page.keyboard.type("un jour", delay=5)
    await page.locator(f"{due}-status.error").wait_for()  # saved after the pause, and refused
    await page.locator("[data-engagement='5']").check()
    await page.locator("[data-engagement='5']:checked:not([disabled])").wait_for()
    await page.wait_for_timeout(3000)  # longer than the pause
    assert await page.input_value(due) == "un jour" and len(sent) == 1
    await page.context.close()


async def test_a_tick_or_an_addition_the_server_failed_says_so_and_keeps_the_keyboards_place(browser, bot):
    """A 502 during a restart: a tick says to tick again (it said nothing), an addition keeps its title
    and says to press ➕ again (it said the page had expired); the tick's box keeps the focus."""
    member, (dossier_id, indicator_id, _action) = await prepared(bot, 5013, "Coop Panne")
    page = await open_app(browser, bot, member.id)
    alerts = []
    page.on("dialog", lambda dialog: alerts.append(dialog.message))
    failing = {"on": True}

    async def restarting(route):
        if failing["on"]:
            await route.fulfill(status=502, body="Bad Gateway", content_type="text/plain")
        else:
            await route.continue_()

    for path in ("**/app/api/engagement", "**/app/api/action"):
        await page.route(path, restarting)
    box = page.locator("#engagement-2-box")
    await box.focus()
    await page.keyboard.press("Space")
    await page.wait_for_function("() => !document.getElementById('engagement-2-box').disabled")
    assert alerts and "connexion" in alerts[-1] and not await box.is_checked()
    title = f"#add-action-{indicator_id}"
    await page.fill(title, "Former le conseil d’administration")
    await page.locator(title).press("Enter")
    status = page.locator(f"form[data-indicator='{indicator_id}'] .status")
    await status.filter(has_text="➕").wait_for()
    assert "expiré" not in await status.inner_text()
    assert await page.input_value(title) == "Former le conseil d’administration"
    failing["on"] = False
    await box.focus()
    await page.keyboard.press("Space")
    await page.wait_for_function("() => !document.getElementById('engagement-2-box').disabled")
    assert await box.is_checked()
    assert await page.evaluate("document.activeElement.id") == "engagement-2-box"  # drawn again, still here
    async with bot.database.transaction() as session:
        assert (await session.get(Dossier, dossier_id)).version > 0
    await page.context.close()


async def test_dollar_signs_in_a_conflict_are_shown_as_typed(browser, bot):
    page, _dossier, _field, conflict = await colliding(
        browser,
        bot,
        5014,
        "Coop Dollar",
        theirs="Budget : 5 $$ par mois",
        mine="Prix : 5 $' par mois, puis $` et $&",
    )
    shown = await conflict.inner_text()
    assert "Budget : 5 $$ par mois" in shown and "Prix : 5 $' par mois, puis $` et $&" in shown
    await conflict.get_by_role("button", name="Garder la sienne").click()
    assert not await page.evaluate("window.Telegram.WebApp.isClosingConfirmationEnabled")
    # the answer not kept is stored nowhere: it stays beside the field, whole, to copy
    assert await page.locator(f"{_field}-kept").input_value() == "Prix : 5 $' par mois, puis $` et $&"
    assert "Votre réponse, non enregistrée, à copier si besoin" in await conflict.inner_text()
    assert await page.locator(_field).input_value() == "Budget : 5 $$ par mois"
    await page.context.close()


async def test_a_text_not_saved_comes_back_when_the_page_is_opened_again(browser, bot):
    """A text refused as too long comes back when the page is opened again (Telegram closed it), still
    refused, to shorten; a draft left while a colleague wrote the field comes back as a conflict,
    not over their text; once saved, nothing more comes back."""
    member, (dossier_id, _indicator, _action) = await prepared(bot, 5013, "Coop Brouillon")
    page = await open_app(browser, bot, member.id)
    approach, staff = f"#dossier-{dossier_id}-approach", f"#dossier-{dossier_id}-staff_information"
    long_text = "Nous avons réuni les coopérateurs le 12 mai. " * 200
    await page.fill(approach, long_text)
    await page.locator(approach).blur()
    await page.locator(f"{approach}-status.error").wait_for()
    # a draft of the staff's field the page kept, typed when it was empty (its answer never came)
    key = f"qualicoop:{member.id}:{staff[1:]}"
    draft = json.dumps({"value": "Réunion d’équipe le 12 mai", "expected": "null"})
    await page.evaluate("([key, draft]) => localStorage.setItem(key, draft)", [key, draft])
    async with bot.database.transaction() as session:  # meanwhile a colleague wrote it
        dossier = await session.get(Dossier, dossier_id)
        await update_involvement(
            session, dossier, "staff_information", "Note de Dominique", actor_id=1, expected=UNSET
        )

    await page.reload()
    await page.wait_for_selector("#dossier")
    assert await page.input_value(approach) == long_text
    await page.locator(f"{approach}-status.error").wait_for()  # refused again, still in its field
    conflict = page.locator(f"{staff}-conflict")
    await conflict.wait_for()
    assert "Note de Dominique" in await conflict.inner_text()
    async with bot.database.transaction() as session:
        dossier = await session.get(Dossier, dossier_id)
        assert (dossier.staff_information, dossier.approach) == ("Note de Dominique", None)
    await page.fill(approach, "Une démarche courte.")
    await saved(page, approach)
    await page.reload()
    await page.wait_for_selector("#dossier")
    assert await page.input_value(approach) == "Une démarche courte."
    assert await page.locator(f"{approach}-status").inner_text() == ""  # nothing brought back
    await page.context.close()
