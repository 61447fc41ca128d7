"""A new action's questions, for a person coming back to the chat after a meeting (ux.md: every question
says where the person is and what it is about; « ⬅️ Back » in a wizard is the previous question).

Before: steps 2/3 and 3/3 (who carries it, by when) named neither the action nor the indicator, only the
where-line (« … · Action 1 · Step 2/3 »); and « ⬅️ Back » on step 1/3, reached right after the indicator's
target date in its wizard, left the wizard for the indicator's screen. Now: steps 2 and 3 name the action
by its description (shortened when long), as an indicator's later steps name the indicator; and Back on
step 1/3 in the wizard is the target date's question, while an action added from the indicator's screen
still goes back to that screen.
"""

from __future__ import annotations

from tests.dossier_steps import choose, join, start_own_indicator

LONG = "Call every tenant who reported a repair within two working days & log the answer in the register"
SHORT = "Call every tenant who reported a repair within two working days & log the…"  # cut at a word
FIRST = "Axis 1 · Engagement 1 · Indicator 1 · Action 1 · Step 1/3"


async def through_the_indicator(harness, user_id: int):
    """A coop's own indicator on engagement 1, its wizard answered up to its first action's question."""
    c = await join(harness, user_id, "en", "Coop Steps")
    await choose(c, [1, 2])
    await start_own_indicator(c, 1)
    await c.send("Repair delay")
    await c.send("Because.")
    await c.press("🔢")
    for answer in ("days", "12", "8", "May 2028"):
        await c.send(answer)
    assert FIRST in c.last_text and "\nRepair delay\n" in c.last_text, c.last_text
    return c


async def test_an_actions_later_steps_name_the_action_shortened(harness):
    c = await through_the_indicator(harness, 9791001)
    await c.send(LONG)
    step2 = c.last_text
    assert "Axis 1 · Engagement 1 · Indicator 1 · Action 1 · Step 2/3\n" + SHORT in step2
    assert "Who is in charge of this action?" in step2, step2
    await c.send("Sam")
    step3 = c.last_text
    assert "Action 1 · Step 3/3\n" + SHORT + "\n\nBy when?" in step3, step3


async def test_back_on_the_first_action_after_the_indicator_wizard_is_the_target_date(harness):
    c = await through_the_indicator(harness, 9791011)
    await c.press("⬅️ Back", c.last)
    assert "Indicator 1 · Step 7/7" in c.last_text, c.last_text
    assert "By when should the target be reached?" in c.last_text and "Currently: 31 May 2028" in c.last_text
    await c.press("✅ Keep", c.last)  # the target date kept: the first action's question again
    assert FIRST in c.last_text and "⬅️ Back" in c.buttons(), c.last_text
    await c.press("⬅️ Back", c.last)
    assert "Step 7/7" in c.last_text, c.last_text


async def test_back_on_an_action_added_from_the_indicators_screen_is_that_screen(harness):
    c = await through_the_indicator(harness, 9791021)
    for answer in ("Train the repair team", "Sam", "March 2027"):
        await c.send(answer)
    assert "Action plan" in c.last_text, c.last_text
    await c.press("➕ Add an action", c.last)
    assert "Action 2 · Step 1/3" in c.last_text, c.last_text
    await c.press("⬅️ Back", c.last)
    assert c.last_text.startswith("Axis 1 · Engagement 1 · Indicator 1\nRepair delay"), c.last_text
    assert "Step" not in c.last_text and "➕ Add an action" in c.buttons()
