"""A question sends its long current text whole after it, to copy: the screen a button of that question
leads to comes below that text, as a new message, never edited into the question above it (on a phone,
out of sight: the person would see their own text last and look for the buttons), on any instance."""

from __future__ import annotations

import copy

import pytest

from tests.conversations.test_announce_composer_answers import VISIO, at_link, the_draft
from tests.conversations.test_long_texts import at_rationale, stored_rationale, words
from tests.dossier_steps import choose, join, open_home

STEP_5 = "Qui doit la recevoir"


def as_sent(replies: list[dict]) -> list[dict]:
    """Messages as they are now (the chat's own are edited in place later)."""
    return copy.deepcopy(replies)


def answered_below(user, question: dict, whole: dict, next_screen: str) -> None:
    """The next screen came as the newest message, with its buttons, below the whole text left as it was;
    the question's buttons were taken off."""
    assert next_screen in user.last_text and user.buttons(user.last)
    assert user.last["message_id"] > whole["message_id"]
    assert user.fake.find_message(user.id, whole["message_id"])["text"] == whole["text"]
    asked = user.fake.find_message(user.id, question["message_id"])
    assert asked["text"] == question["text"] and not user.buttons(asked)


@pytest.mark.parametrize("restarted", [False, True])
async def test_keep_on_a_long_description_draws_the_next_step_below_its_whole_text(harness, restarted):
    admin = await at_link(harness)
    await admin.send(VISIO)
    description = words(1000, "desc")
    await admin.paste(description)
    await admin.press("⬅️")  # the step-5 message edited into the description's question, the text after it
    question, whole = as_sent(admin.replies)
    assert whole["text"] == description
    if restarted:  # what follows the question is saved, not known by the process only
        await harness.restart()
    await admin.press("Garder")
    assert [m["message_id"] for m in admin.replies] == [admin.last["message_id"]]  # nothing edited above
    answered_below(admin, question, whole, STEP_5)
    assert (await the_draft(harness)).description == description
    await admin.press("⬅️")  # and back again: the same promise, the same way
    await admin.press("Garder")
    assert STEP_5 in admin.last_text and (await the_draft(harness)).description == description


async def test_a_short_description_kept_is_still_edited_in_place(harness):
    admin = await at_link(harness)
    await admin.send(VISIO)
    await admin.send("Une heure pour parler de la Raison d’être.")
    await admin.press("⬅️")
    (question,) = as_sent(admin.replies)
    await admin.press("Garder")
    (edited,) = admin.replies
    assert edited["message_id"] == question["message_id"] and STEP_5 in edited["text"]


async def test_keep_on_a_long_rationale_asked_again_by_its_pencil(harness):
    sam = await at_rationale(harness, 3101)
    text = words(3500)
    await sam.paste(text)
    await sam.send("/dossier")
    await sam.press("📊 Indicators")
    await sam.press(" 1 · ")
    await sam.press("1 · Share")
    await sam.press("✏️ Why")
    question, whole = as_sent(sam.replies)
    await sam.press("✅ Keep")
    answered_below(sam, question, whole, "Share of BRS homes")
    assert (await stored_rationale(harness))[0] == text


async def test_keep_on_a_question_asked_again_after_a_refused_paste(harness):
    """The question drawn as a new message (after a text typed), its whole text after it: the same."""
    sam = await at_rationale(harness, 3102)
    text = words(3500)
    await sam.paste(text)
    await sam.press("⬅️ Back")  # the rationale again, its text whole after it
    await sam.paste(words(7000, "zz"))  # too long: refused, given back, the question asked again below
    question, whole = as_sent(sam.replies[-2:])
    assert "The whole current text follows" in question["text"] and whole["text"] == text
    await sam.press("✅ Keep")
    answered_below(sam, question, whole, "kind of value")
    assert (await stored_rationale(harness))[0] == text
    await open_home(sam)  # the saved position no longer says a text follows: menus are edited in place
    home = sam.last["message_id"]
    await sam.press("📊 Indicators")
    assert [m["message_id"] for m in sam.replies] == [home]


async def test_a_button_under_a_text_handed_back_draws_below_it(harness):
    """« Keep theirs »: the person's own text comes back below the screen; the screen's next button draws
    below that text too."""
    sam = await join(harness, 3103, "en")
    alex = harness.user(3104, first_name="Alex", language_code="en")
    await alex.send(f"/start {sam.invitations.member_token}")
    await choose(sam, [1])
    await open_home(sam)
    await sam.press("📊 Indicators")
    await sam.press(" 1 · ")
    await sam.press("➕ Add an indicator")
    await sam.press("1 · ")
    await sam.send("First rationale.")
    for user in (sam, alex):
        await open_home(user)
        await user.press("📊 Indicators")
        await user.press(" 1 · ")
        await user.press("· Share of")
        await user.press("✏️ Why")
    await sam.send("Sam's rationale.")
    await alex.send("Alex's rationale.")
    await alex.press("Keep theirs")
    screen, _said, whole = as_sent(alex.messages[-3:])
    assert "The colleague’s value is kept." in screen["text"] and whole["text"] == "Alex's rationale."
    await alex.press("✏️ Why", screen)
    asked = alex.last
    assert "Why does this indicator illustrate" in asked["text"] and asked["message_id"] > whole["message_id"]
    assert alex.fake.find_message(alex.id, screen["message_id"])["text"] == screen["text"]
