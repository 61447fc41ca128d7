"""The field editor reads its tables only, and a typed answer is one transaction with its next question."""

from __future__ import annotations

import ast
from dataclasses import replace
from pathlib import Path

import pytest
from sqlmodel import select

from conversations.dossier.editor import entities
from conversations.render.fields import FieldSpec, text
from conversations.ui import router, states
from models.chat_state import load_position
from models.tables import Action, AuditEntry, ChatState, Indicator
from tests.dossier_steps import choose, join, open_home

EDITOR = Path(__file__).resolve().parents[2] / "conversations" / "dossier" / "editor"


@pytest.fixture
def action_note():
    """A developer adds one entry to the action table: a free note, asked last in the wizard."""
    note = FieldSpec(
        "note", "n", "Note", prompt="Anything to add about this action?", example="e.g. Budget voted in June",
        parse=text(500), edit="✏️ Note",
    )  # fmt: skip
    action = entities.ACTION
    object.__setattr__(action, "fields", (*action.fields, note))  # the table is frozen: as if edited
    yield note
    object.__setattr__(action, "fields", tuple(f for f in action.fields if f is not note))


async def fill_indicator(user) -> None:
    """A suggested indicator of engagement 1, answered up to its first action's owner."""
    await open_home(user)
    await user.press("📊 Indicators")
    await user.press(" 1 · ")
    await user.press("➕ Add an indicator")
    await user.press("1 · ")
    for answer in (
        "It keeps homes affordable.",
        "12.5",
        "30",
        "May 2028",
        "Train the sales team",
        "The manager",
    ):
        await user.send(answer)


async def test_a_field_added_to_a_table_is_asked_parsed_stored_and_shown(harness, action_note):
    sam = await join(harness, 2101, "en")
    await choose(sam, [1])
    await fill_indicator(sam)
    await sam.send("March 2027")
    assert "Anything to add about this action?" in sam.last_text and "Step 4/4" in sam.last_text
    await sam.paste("x" * 501)  # parsed by the field's own parser: too long, refused whole
    assert "the limit is 500" in sam.replies[0]["text"] and "Anything to add" in sam.last_text
    await sam.send("  Budget voted in June  ")
    assert "✅ <b>Note</b>:" not in sam.last_text  # HTML is parsed by the fake: the echo is plain text
    assert "Note: Budget voted in June" in sam.replies[0]["text"]
    async with harness.database.transaction() as session:
        action = (await session.exec(select(Action))).one()
        audit = (await session.exec(select(AuditEntry).where(AuditEntry.field == "note"))).one()
    assert action.note == "Budget voted in June" and audit.new_value == "Budget voted in June"
    await sam.press("📌 1 · ")
    assert "Note: Budget voted in June" in sam.last_text and "✏️ Note" in sam.buttons()
    await sam.press("✏️ Note")
    assert "Currently: Budget voted in June" in sam.last_text


def test_the_editor_has_no_branch_on_an_entity_name():
    names = {entity.name for entity in entities.ENTITIES.values()} | {"new_indicator", "new_action"}
    for path in EDITOR.glob("*.py"):
        if path.name == "entities.py":  # the tables themselves
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Compare):
                constants = [c.value for c in ast.walk(node) if isinstance(c, ast.Constant)]
                assert not names & set(constants), f"{path.name}:{node.lineno} compares with an entity name"


async def test_a_crash_after_the_commit_leaves_the_value_and_the_next_question_in_agreement(
    harness, monkeypatch
):
    sam = await join(harness, 2102, "en")
    await choose(sam, [1])
    await open_home(sam)
    await sam.press("📊 Indicators")
    await sam.press(" 1 · ")
    await sam.press("➕ Add an indicator")
    await sam.press("1 · ")
    await sam.send("It keeps homes affordable.")
    assert "What is its current value?" in sam.last_text

    async def crash(*args, **kwargs):
        raise RuntimeError("the process died while drawing the next question")

    # between the write and the drawing of the next question (the drawing fails once)
    monkeypatch.setitem(router._SCREENS, states.ASK, crash)
    await sam.send("12.5", expect_error=True)
    monkeypatch.undo()
    await harness.restart()
    async with harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator))).one()
        position = await load_position(session, sam.id)
    assert indicator.current_value == "12.5"
    assert (position.data["f"], position.data["seen"]) == ("target_value", None)
    # the user goes on where they are: their own value is not mistaken for a colleague's
    await sam.send("/dossier")
    assert "You were here:" in sam.last_text and "What target value do you aim for?" in sam.last_text
    await sam.send("30")
    assert "Target value: 30%" in sam.replies[0]["text"] and "colleague" not in sam.reply_text()


async def test_a_refused_answer_writes_nothing(harness):
    sam = await join(harness, 2103, "en")
    await choose(sam, [1])
    await fill_indicator(sam)
    async with harness.database.transaction() as session:
        before = (await session.exec(select(ChatState).where(ChatState.user_id == sam.id))).one().data
        audits = len((await session.exec(select(AuditEntry))).all())
    await sam.send("in a while")  # not a date
    async with harness.database.transaction() as session:
        after = (await session.exec(select(ChatState).where(ChatState.user_id == sam.id))).one().data
        assert len((await session.exec(select(AuditEntry))).all()) == audits
    assert before == after and "By when?" in sam.last_text


def test_every_table_field_has_a_distinct_code_and_a_parser():
    for entity in entities.ENTITIES.values():
        codes = [spec.code for spec in entity.fields]
        assert len(codes) == len(set(codes)), entity.name
        assert all(spec.choice or spec.prompt for spec in entity.fields), entity.name
    assert replace(entities.ACTION.fields[0], code="z").code == "z"  # specs are plain data
