"""The committee meets at 2 pm Paris (the .ics says 14:00–16:00): its reminders and /calendrier say the
hour with the day, « mardi 1er décembre 2026 à 14 h 00 », "Tuesday 1 December 2026 at 14:00", as every
timed event is written; a checkpoint, a day only, is still said as a day."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from bot.delivery.reminders import sweep_reminders
from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide


def plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text)


async def test_the_meetings_hour_is_said_in_its_reminders_and_the_calendar(world):
    harness, clock = world
    director, committee = await submitted_coop(harness)
    english = harness.user(8000003, "Alex", "en")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, english.id, FederationRoleName.COMMITTEE)
    await committee.send("/start")  # known to the bot
    await english.send("/start")
    clock.now = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)  # 7 days before 1 December 2026
    first = len(harness.fake.calls)
    await sweep_reminders(harness.application)
    told = {
        user.id: [plain(c.params["text"]) for c in harness.fake.calls[first:]
                  if c.method == "sendMessage" and c.chat_id == user.id]
        for user in (committee, english)
    }  # fmt: skip
    assert (
        "Réunion du comité de validation — dans 7 jours : mardi 1er décembre 2026 à 14 h 00".replace(
            " : ", "\u00a0: "
        )
        in told[committee.id][0]
    )
    assert "Validation committee meeting — in 7 days: Tuesday 1 December 2026 at 14:00" in told[english.id][0]
    for user in (committee, director):
        await user.send("/calendrier")
        assert "• mardi 1er décembre 2026 à 14 h 00 — Réunion du comité de validation" in user.last_text
    await english.send("/calendar")
    assert "• Tuesday 1 December 2026 at 14:00 — Validation committee meeting" in english.last_text


async def test_a_checkpoint_is_still_said_as_a_day(world):
    harness, _clock = world
    director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await director.send("/calendrier")
    assert "• dimanche 28 février 2027 — Point d’étape à 6 mois" in director.last_text
    assert " h " not in director.last_text
