"""An indicator measured in a coop's own unit (« working days »), its values typed; the person goes ⬅️ Back
through the wizard to the unit question (Step 4/7).

Before: that question showed « Currently: working days » but, unlike every other question with a value,
no « ✅ Keep »: the only way on was to type the unit again, and typed as a phone types it (« Working
days ») it was taken for another unit: both values erased without a word.

Now: « ✅ Keep » is there whenever a unit is stored, and moves on with the values kept; the same unit
typed with a capital, an accent, a final dot or extra spaces is the same unit (its values and its first
spelling kept), one a colleague changed meanwhile kept and said, as any question's Keep; and a unit that does replace the stored one says which values it cleared."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Indicator
from tests.conversations.test_editor_stale_choices import in_app
from tests.conversations.test_miniapp_api import auth, client, coop_with_indicator
from tests.dossier_steps import choose, start_own_indicator
from tests.harness import BotHarness

BACK_TO_THE_UNIT = 3  # from the target date's question: target value, current value, then the unit


async def at_the_unit_question(harness: BotHarness, user_id: int, language: str, unit: str):
    """A member's own indicator in ``unit``, its values 12 and 5 typed, then ⬅️ Back to its unit."""
    invitations = await harness.add_coop(f"Coop Riverside {user_id}")
    user = harness.user(user_id, language_code=language)
    await user.send(f"/start {invitations.direction_token}")
    user.invitations = invitations
    await choose(user, [1])
    await start_own_indicator(user, 1)
    await user.send("Repair delay")
    await user.send("Because tenants wait.")
    await user.press("🔢")
    for answer in (unit, "12", "5"):
        await user.send(answer)
    for _ in range(BACK_TO_THE_UNIT):
        await user.press("⬅️")
    return user


async def stored(harness: BotHarness) -> tuple[str | None, str | None, str | None]:
    """The indicator's unit and values, as stored."""
    async with harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator))).one()
    return indicator.unit, indicator.current_value, indicator.target_value


async def test_the_unit_question_offers_keep_for_the_coops_own_unit(harness):
    sam = await at_the_unit_question(harness, 4951, "en", "working days")
    assert "Step 4/7" in sam.last_text and "Currently: working days" in sam.last_text, sam.last_text
    assert "✅ Keep" in sam.buttons(), sam.buttons()
    await sam.press("✅ Keep")
    assert await stored(harness) == ("working days", "12", "5")
    assert "current value" in sam.last_text and "Currently: 12" in sam.last_text, sam.last_text


async def test_keep_from_the_indicators_own_unit_button_goes_back_to_the_indicator(harness):
    sam = await at_the_unit_question(harness, 4952, "en", "working days")
    await sam.send("/dossier")
    await sam.press("📊 Indicat")
    await sam.press(" 1 · ")
    await sam.press("1 · Repair delay")
    await sam.press("✏️ Unit")
    await sam.press("✅ Keep")
    assert await stored(harness) == ("working days", "12", "5")
    assert "Repair delay" in sam.last_text and "✏️ Unit" in sam.buttons(), sam.last_text


async def test_the_same_unit_typed_with_a_capital_keeps_the_values(harness):
    sam = await at_the_unit_question(harness, 4953, "en", "working days")
    await sam.send("Working days")
    assert await stored(harness) == ("working days", "12", "5")  # the first spelling stays
    assert "✅ Unit: working days" in sam.reply_text() and "cleared" not in sam.reply_text()
    assert "Currently: 12" in sam.last_text, sam.last_text


async def test_the_same_unit_typed_with_a_dot_and_spaces_keeps_the_values_in_french(harness):
    lea = await at_the_unit_question(harness, 4954, "fr", "jours ouvrés")
    await lea.send("  Jours   ouvrés. ")
    assert await stored(harness) == ("jours ouvrés", "12", "5")


async def test_a_unit_replacing_the_coops_own_says_which_values_it_cleared(harness):
    sam = await at_the_unit_question(harness, 4955, "en", "working days")
    await sam.send("hours")
    assert await stored(harness) == ("hours", None, None)
    said = sam.reply_text().replace("\u00a0", " ")  # a number and its unit are kept on one line
    assert "“Current value” cleared: “12 working days” was in the previous unit." in said, said
    assert "“Target value” cleared: “5 working days” was in the previous unit." in said, said


async def test_keep_after_a_colleague_changed_the_unit_keeps_theirs_and_says_so(web_harness):
    sam = await at_the_unit_question(web_harness, 4956, "en", "working days")
    bob = web_harness.user(4957, first_name="Bob", language_code="en")
    await bob.send(f"/start {sam.invitations.member_token}")
    await in_app(web_harness, bob, [("unit", "hours", "working days")])  # after Sam's screen was drawn
    await sam.press("✅ Keep")  # as any question's Keep: what is stored now is kept, and said
    said = sam.reply_text().replace("\u00a0", " ")
    assert "ℹ️ Bob changed “Unit” meanwhile: it is now “hours”." in said, said
    assert "current value" in sam.last_text and "e.g. 12 hours" in said, said
    assert await stored(web_harness) == ("hours", None, None)


async def test_the_mini_app_keeps_the_values_of_an_own_unit_retyped_with_a_capital(web_harness):
    """The page's unit field reads a unit as the chat does: « Working days » for « working days » is the
    same unit, its values stay (they were cleared, the unit « changed »)."""
    director, dossier = await coop_with_indicator(web_harness, 4401, "Coop Majuscule")
    indicator_id = dossier["engagements"][0]["indicators"][0]["id"]
    async with client(web_harness) as http:
        for field, value in (("value_kind", "number"), ("unit", "working days"), ("current_value", "12")):
            change = {
                "entity": "indicator",
                "id": indicator_id,
                "field": field,
                "value": value,
                "expected": None,
            }
            answer = await http.post("/app/api/field", headers=auth(director), json=change)
            assert answer.status_code == 200, answer.text
        change = {"entity": "indicator", "id": indicator_id, "field": "unit", "value": "Working days"}
        change["expected"] = "working days"
        answer = await http.post("/app/api/field", headers=auth(director), json=change)
        assert answer.status_code == 200, answer.text
    async with web_harness.database.transaction() as session:
        stored = await session.get(Indicator, indicator_id)
    assert (stored.unit, stored.current_value) == ("working days", "12")
