"""Every keyboard the bot draws in the conversation tests, checked as a phone shows it.

The harness runs ``check_keyboards`` on the Bot API calls of every update it delivers: a button that
shares its row must fit ``BUTTON_WIDTH`` characters, and no screen shows two buttons with the same
label. A violation fails the test that drew the screen.
"""

from __future__ import annotations

from collections import Counter

from conversations.ui.messages import BUTTON_WIDTH, label_width
from tests.fakes.calls import ApiCall

DRAWING = ("sendMessage", "editMessageText", "editMessageReplyMarkup", "sendPhoto", "sendDocument")


class KeyboardProblem(AssertionError):
    """A screen whose buttons a phone would cut, or that shows the same label twice."""


def keyboard_problems(rows: list[list[dict]]) -> list[str]:
    """What is wrong with one inline keyboard (empty when nothing is)."""
    problems = []
    for row in rows:
        if len(row) < 2:
            continue
        problems += [
            f"{button['text']!r} is {label_width(button['text'])} characters, "
            f"more than {BUTTON_WIDTH} in a row of {len(row)}"
            for button in row
            if label_width(button["text"]) > BUTTON_WIDTH
        ]
    labels = Counter(button["text"] for row in rows for button in row)
    problems += [f"{label!r} appears {count} times" for label, count in labels.items() if count > 1]
    return problems


def check_keyboards(calls: list[ApiCall]) -> None:
    """Fail on the first drawn keyboard with a problem, saying which and on which text."""
    for call in calls:
        markup = call.params.get("reply_markup")
        if call.method not in DRAWING or not isinstance(markup, dict) or not call.ok:
            continue
        problems = keyboard_problems(markup.get("inline_keyboard", []))
        if problems:
            text = str(call.params.get("text", call.params.get("caption", "")))[:120]
            raise KeyboardProblem(f"{call.method} « {text} »: " + "; ".join(problems))
