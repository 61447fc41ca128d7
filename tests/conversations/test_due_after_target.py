"""An action plan serves its indicator's target (domain.md): an action due after the indicator's target
date is kept (the coop may have its reasons) but said beside its echo, with « ✏️ Correct » as usual; a
target date moved before some actions says how many; the indicator's screen marks them, and the Mini App
says it under « ✓ Saved ». The axis screen's summary, a line of its own, starts with a capital."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Action, Indicator
from tests.conversations.test_unit_words import plain
from tests.dossier_steps import choose, join, start_own_indicator
from tests.miniapp import local_client, signed_init_data, tma


async def indicator_with_target(user, target: str) -> None:
    """A percentage indicator of the coop's own on engagement 9, up to its first action's question."""
    await choose(user, [9])
    await start_own_indicator(user, 9)
    for text in ("Energy use", "For future generations"):
        await user.send(text)
    await user.press("🔢")
    await user.press("%")
    for text in ("15", "10", target):
        await user.send(text)


async def add_action(user, description: str, due: str) -> None:
    """An action typed through its wizard: what, who, when."""
    for text in (description, "Tech", due):
        await user.send(text)


async def test_an_action_due_after_the_target_date_is_kept_and_said(harness):
    """« March 2029 » for a target of 31 December 2027: stored, echoed with a warning, marked on the plan."""
    kim = await join(harness, 1801, "en")
    await indicator_with_target(kim, "31/12/2027")
    await add_action(kim, "Insulate roofs", "March 2029")
    echo = kim.replies[0]["text"].split("\n")[0]  # the echo, above the indicator's screen
    assert echo == (
        "✅ Due date: March 2029 (31 March 2029) — ⚠️ after the indicator’s target date (31 December 2027)"
    ), echo
    assert "✏️ Correct: due date" in kim.buttons(), kim.buttons()  # what it reopens, among ✏️ Title…
    assert "March 2029 ⚠️ after the target date" in kim.last_text, kim.last_text  # the plan, on its screen
    async with harness.database.transaction() as session:
        action = (await session.exec(select(Action))).one()
    assert str(action.due_date) == "2029-03-31"

    await kim.press("➕")
    await add_action(kim, "Train the team", "December 2027")  # by the target: nothing to say
    assert "⚠️" not in kim.replies[0]["text"].split("\n")[0], kim.replies[0]["text"]
    assert "December 2027 ⚠️" not in kim.last_text, kim.last_text


async def test_a_target_date_moved_before_the_plan_says_so_in_french(harness):
    """The brief's French echo, and a target date moved before one, then two, actions' due dates."""
    sam = await join(harness, 1802, "fr")
    await indicator_with_target(sam, "31/12/2028")
    await add_action(sam, "Isoler les toitures", "mars 2028")
    assert "⚠️" not in sam.replies[0]["text"].split("\n")[0], sam.replies[0]["text"]

    await sam.press("✏️ Date")
    await sam.send("31/12/2027")
    echo = plain(sam.replies[0]["text"].split("\n")[0])
    assert echo.endswith("31 décembre 2027 — ⚠️ 1 action est prévue après cette date (mars 2028)"), echo
    await sam.press("➕")
    await add_action(sam, "Former l’équipe", "mars 2029")
    echo = plain(sam.replies[0]["text"].split("\n")[0])
    expected = "mars 2029 (31 mars 2029) — ⚠️ après la date cible de l’indicateur (31 décembre 2027)"
    assert echo.endswith(expected), echo

    await sam.press("✏️ Date")
    await sam.send("30/06/2027")
    echo = plain(sam.replies[0]["text"].split("\n")[0])
    assert echo.endswith("⚠️ 2 actions sont prévues après cette date (la dernière : mars 2029)"), echo
    await sam.press("✏️ Date")
    await sam.send("31/12/2029")
    assert "⚠️" not in sam.replies[0]["text"].split("\n")[0], sam.replies[0]["text"]


async def test_the_mini_app_says_it_under_its_saved_mark(web_harness):
    """A due date saved from the page after the target comes back with the chat's remark as its note."""
    kim = await join(web_harness, 1803, "en")
    await indicator_with_target(kim, "31/12/2027")
    await add_action(kim, "Insulate roofs", "June 2027")
    async with web_harness.database.transaction() as session:
        action = (await session.exec(select(Action))).one()
        indicator = (await session.exec(select(Indicator))).one()
    change = {"entity": "action", "id": action.id, "field": "due_date", "value": "03/2029"}
    change["expected"] = str(action.due_date)
    headers = tma(signed_init_data(kim.id, language="en"))
    async with local_client(web_harness.web_url) as http:
        saved = await http.post("/app/api/field", headers=headers, json=change)
        assert saved.status_code == 200, saved.text
        note = saved.json()["field"]["note"]
        assert note == "⚠️ after the indicator’s target date (31 December 2027)", saved.json()
        moved = {"entity": "indicator", "id": indicator.id, "field": "target_date", "value": "31/12/2029"}
        moved["expected"] = str(indicator.target_date)
        saved = await http.post("/app/api/field", headers=headers, json=moved)
        assert saved.status_code == 200, saved.text
        assert saved.json()["field"]["note"] == "", saved.json()


async def test_the_axis_summary_starts_with_a_capital(harness):
    """« Provide affordable housing… » on a line of its own, as the PDF prints it; French alike."""
    kim = await join(harness, 1804, "en")
    await kim.send("/dossier")
    await kim.press("Axis 1")
    assert "\nProvide affordable housing" in kim.last_text, kim.last_text
    sam = await join(harness, 1805, "fr", coop_name="Coop Toit")
    await sam.send("/dossier")
    await sam.press("Axe 3")
    assert "\nAgir ensemble" in sam.last_text, sam.last_text
