"""Files made before 3 December 2026 named a coop's milestones by date; a file of the following half
year withdraws those copies (cancelled events, struck through in some calendars). Only a milestone such a
file could have held gets one: a dossier declared admissible from 3 December 2026 on never had its
checkpoints in one. The meeting's cancelled event follows the same rule: only when a file made since the
previous meeting began could have held it (test_calendar_meeting_withdrawn)."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.conversations.test_calendar import ics_of
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide

BY_DATE = ("six_months-20", "twelve_months-20", "visit-20", "mid_term-20", "expiry-20")


async def cancelled_by_date(user) -> list[str]:
    events = (await ics_of(user)).walk("VEVENT")
    return [
        str(e["UID"]) for e in events if str(e["UID"]).startswith(BY_DATE) and e.get("STATUS") == "CANCELLED"
    ]


async def test_no_date_named_copy_for_a_dossier_admissible_after_uids_were_stable(world):
    harness, clock = world
    director, committee = await submitted_coop(harness)
    clock.now = datetime(2026, 12, 10, 10, tzinfo=UTC)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", None)  # today, 10 December
    assert await cancelled_by_date(director) == []


async def test_a_dossier_admissible_before_still_withdraws_them(world):
    harness, _clock = world
    director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    assert await cancelled_by_date(director) == [
        "six_months-2027-02-28-1@qualicoop",
        "twelve_months-2027-08-31-1@qualicoop",
        "visit-2028-02-29-1@qualicoop",
    ]
