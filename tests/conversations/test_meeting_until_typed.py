"""A VisioCoop's day followed by « jusqu'à », "to" and a time, or several days (a tester's finding:
"December 9 to 10am" was answered « This reads as a whole month »): /annonce says the day it read and
what it did not (the start, whether the time is the start or the end, which day), with examples that
are taken when typed back."""

from __future__ import annotations

import pytest

from tests.conversations.test_meeting_time_answers import STEP_3, at_the_meeting_time


@pytest.mark.parametrize(
    ("language", "typed", "said", "example", "echo"),
    [
        (
            "fr",
            "9 décembre jusqu'à 10h",
            "Je lis le mercredi 9 décembre 2026, avec une fin à 10 h, mais pas l’heure où la réunion commence.",
            "09/12/2026 de 9 h à 10 h",
            "✅ mercredi 9 décembre 2026 de 9 h 00 à 10 h 00",  # the slot whole (test_meeting_length_kept)
        ),
        (
            "en",
            "December 9 to 10am",
            "I read Wednesday 9 December 2026, but not whether the meeting starts or ends at 10:00.",
            "09/12/2026 at 10:00",
            "✅ Wednesday 9 December 2026 at 10:00",
        ),
        (
            "fr",
            "du 9 au 10 décembre à 10h",
            "désigne plusieurs jours, du 9 décembre 2026 au 10 décembre 2026",
            "09/12/2026 à 10 h",
            "✅ mercredi 9 décembre 2026 à 10 h 00",
        ),
    ],
)
async def test_what_was_read_is_said_and_the_example_is_taken(harness, language, typed, said, example, echo):
    admin = await at_the_meeting_time(harness, language)
    await admin.send(typed)
    reply = admin.reply_text()
    assert said in reply and example in reply, reply
    assert "mois entier" not in reply and "whole month" not in reply, reply
    assert STEP_3[language] not in reply, reply  # still at the time's question
    await admin.send(example)
    assert echo in admin.reply_text(), admin.reply_text()
    assert STEP_3[language] in admin.last_text, admin.last_text


async def test_a_day_and_a_dashed_time_is_taken(harness):
    admin = await at_the_meeting_time(harness, "en")
    await admin.send("Dec 9 - 10am")
    assert "✅ Wednesday 9 December 2026 at 10:00" in admin.reply_text(), admin.reply_text()
