"""A meeting's slot at its edges (a tester's finding): a time that was typed is never answered « Ajoutez
l'heure » — « 14h/15h », a duration in brackets or after « durée »/"for", "2 to 3 pm" are read as their
start —, and a slot whose end is at or before its start is refused with its ends said and an example in
order, not read silently as a night-time start ("3-2pm" was 3 am); "11-1pm" still starts at 11 am."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from conversations.render.input_errors import input_error_text
from locales import Translator
from models.parsing.meeting_time import parse_meeting_time
from models.parsing.text import InputError
from tests.conftest import ADMIN_ID

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)  # Monday 23 November 2026, 10:30 in Paris


def paris(*fields: int) -> datetime:
    """The UTC instant of a Paris wall time."""
    return datetime(*fields, tzinfo=PARIS).astimezone(UTC)


def refusal(text: str, language: str = "fr") -> InputError:
    with pytest.raises(InputError) as caught:
        parse_meeting_time(text, language, NOW)
    return caught.value


@pytest.mark.parametrize(
    ("text", "language", "wall"),
    [
        ("jeudi 10 décembre 14h/15h", "fr", (2026, 12, 10, 14, 0)),
        ("10 décembre 14h / 15h30", "fr", (2026, 12, 10, 14, 0)),
        ("10 décembre 14h (1h)", "fr", (2026, 12, 10, 14, 0)),
        ("10 décembre 14h (1h30)", "fr", (2026, 12, 10, 14, 0)),
        ("10 décembre 14h (90 min)", "fr", (2026, 12, 10, 14, 0)),
        ("10 décembre 14h, durée 1h30", "fr", (2026, 12, 10, 14, 0)),
        ("10 décembre 14h durée : 2 heures", "fr", (2026, 12, 10, 14, 0)),
        ("10 décembre de 14h à 15h (1h)", "fr", (2026, 12, 10, 14, 0)),
        ("14h (1h) le 10 décembre", "fr", (2026, 12, 10, 14, 0)),
        ("December 10, 2 to 3 pm", "en", (2026, 12, 10, 14, 0)),
        ("December 10, 2pm for 1 hour", "en", (2026, 12, 10, 14, 0)),
        ("December 10 at 2pm (45 minutes)", "en", (2026, 12, 10, 14, 0)),
        ("December 10 9:30 till 11am", "en", (2026, 12, 10, 9, 30)),
        # a real slot crossing noon still starts in the morning
        ("December 10 11-1pm", "en", (2026, 12, 10, 11, 0)),
        ("December 10 9-5pm", "en", (2026, 12, 10, 9, 0)),
        ("December 10 8-12pm", "en", (2026, 12, 10, 8, 0)),
        ("10 décembre de 10h à midi", "fr", (2026, 12, 10, 10, 0)),
    ],
)
def test_a_typed_time_with_its_end_or_its_length_is_read_as_its_start(text, language, wall):
    assert parse_meeting_time(text, language, NOW) == paris(*wall)


@pytest.mark.parametrize(
    ("text", "language", "start", "end"),
    [
        ("December 10 3-2pm", "en", time(15), time(14)),  # not 3 am
        ("December 10 from 3pm to 2pm", "en", time(15), time(14)),
        ("jeudi 10 décembre de 15h à 14h", "fr", time(15), time(14)),
        ("10 décembre 14h-14h", "fr", time(14), time(14)),
        ("10 décembre 15h/14h", "fr", time(15), time(14)),
        ("10 décembre de 14h à midi", "fr", time(14), time(12)),
        ("10 décembre de 23h à 1h", "fr", time(23), time(1)),
    ],
)
def test_a_slot_ending_at_or_before_its_start_is_refused(text, language, start, end):
    error = refusal(text, language)
    assert (error.code, error.params) == (
        "slot_reversed",
        {"date": date(2026, 12, 10), "start": start, "end": end},
    )


@pytest.mark.parametrize(
    ("language", "typed", "said"),
    [
        (
            "fr",
            "jeudi 10 décembre de 15h à 14h",
            "Ce créneau finit à 14 h, pas après son début (15 h). Tapez son début puis sa fin, "
            "par exemple 10/12/2026 de 14 h à 15 h.",
        ),
        (
            "en",
            "December 10 3-2pm",
            "This slot ends at 14:00, not after its start (15:00). Please type its start, then its end, "
            "e.g. 10/12/2026 from 14:00 to 15:00.",
        ),
        (
            "fr",
            "10 décembre 14h-14h",
            "Ce créneau finit à 14 h, pas après son début (14 h). Tapez son début puis sa fin, "
            "par exemple 10/12/2026 de 14 h à 15 h.",
        ),
    ],
)
def test_the_refusal_says_both_ends_and_an_example_that_is_read(language, typed, said):
    assert input_error_text(Translator(language), refusal(typed, language), typed) == said
    example = said.split("par exemple " if language == "fr" else "e.g. ")[-1].rstrip(".")
    assert parse_meeting_time(example, language, NOW) == paris(2026, 12, 10, 14, 0), example


async def test_the_chat_refuses_a_reversed_slot_and_takes_the_slot_typed_again(harness):
    admin = harness.user(ADMIN_ID, language_code="fr")
    await admin.send("/annonce")
    await admin.send("VisioCoop : la Raison d’être")
    await admin.send("jeudi 10 décembre de 15h à 14h")
    said = admin.reply_text()
    assert "Ce créneau finit à 14 h, pas après son début (15 h)" in said, said
    assert "Ajoutez l’heure" not in said and "15 h 00" not in said, said
    await admin.send("jeudi 10 décembre 14h/15h")
    said = admin.reply_text()
    assert "✅ jeudi 10 décembre 2026 de 14 h 00 à 15 h 00" in said, said  # its length kept
    assert "Lien de la visioconférence" in said, said
