"""/annonce's « Date et heure de la réunion ? »: a weekday with a time is read as the next such day and
echoed back in full; a refused answer's example is itself a meeting's answer, a day with its time."""

from __future__ import annotations

import re

import pytest

from tests.conftest import ADMIN_ID

# the refusal's example: after « sous cette forme : » or « ex. », to the final full stop
EXAMPLE = {
    "fr": re.compile(r"(?:forme\u00a0:|\bex\.) (.+?)\.$"),
    "en": re.compile(r"(?:form:|e\.g\.) (.+?)\.$"),
}
STEP_3 = {"fr": "Étape 3/5", "en": "Step 3/5"}
BACK = {"fr": "⬅️ Retour", "en": "⬅️ Back"}


async def at_the_meeting_time(harness, language: str):
    """An admin at /annonce's second question."""
    admin = harness.user(ADMIN_ID, "Fédé", language)
    await admin.send("/annonce")
    await admin.send("VisioCoop : la Raison d’être")
    return admin


@pytest.mark.parametrize(
    ("language", "refused"),
    [
        ("fr", ("31/02 à 9h", "bientôt", "31 avril 9h")),
        ("en", ("31/02 at 9am", "soon", "April 31 9am")),
    ],
)
async def test_a_refused_meeting_time_gives_an_example_that_is_accepted(harness, language, refused):
    """The example a refusal shows, typed as shown, is taken: not a day alone (« Ajoutez l’heure »)."""
    admin = await at_the_meeting_time(harness, language)
    for typed in refused:
        await admin.send(typed)
        said = admin.replies[0]["text"]
        example = EXAMPLE[language].search(said)
        assert example, said
        await admin.send(example.group(1))
        assert STEP_3[language] in admin.last_text, (typed, said, admin.reply_text())
        await admin.press(BACK[language])


@pytest.mark.parametrize(
    ("language", "typed", "echo"),
    [
        # the tests' Monday 23 November 2026, 10:30 in Paris
        ("fr", "mercredi à 9h", "✅ mercredi 25 novembre 2026 à 9 h 00"),
        ("fr", "mercredi prochain 9h", "✅ mercredi 25 novembre 2026 à 9 h 00"),
        ("fr", "lundi 9h", "✅ lundi 30 novembre 2026 à 9 h 00"),  # today, 9:00 is past: a week on
        ("fr", "lundi à 14h", "✅ lundi 23 novembre 2026 à 14 h 00"),  # today, still ahead
        ("en", "Wednesday 9am", "✅ Wednesday 25 November 2026 at 09:00"),
        ("en", "next Wed at 2:30pm", "✅ Wednesday 25 November 2026 at 14:30"),
    ],
)
async def test_a_weekday_and_a_time_is_the_next_such_day_echoed_in_full(harness, language, typed, echo):
    admin = await at_the_meeting_time(harness, language)
    await admin.send(typed)
    assert echo in admin.reply_text(), admin.reply_text()
    assert STEP_3[language] in admin.last_text, admin.last_text
