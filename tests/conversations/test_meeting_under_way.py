"""While the committee meets (1 December 2026 from 2 pm Paris), a dossier submitted before the meeting
started is read there: until the end of that day, with no decision recorded, its home, /calendrier and
.ics still say that meeting, not the next one (2 March 2027). A dossier sent during the meeting waits for
the next one, as does one the meeting decided on (more information asked); the day over with no decision
recorded, the next meeting is what comes."""

from __future__ import annotations

from datetime import UTC, datetime

from models.dossier.current import current_dossier
from models.tables import DossierStatus
from tests.conversations.test_calendar import active, ics_of
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide
from tests.dossier_steps import join
from tests.submitted_rows import complete_content

MEETING = "mardi 1er décembre 2026"
NEXT = "mardi 2 mars 2027"


async def meeting_days(user) -> list[str]:
    """The days of the meeting events the coop's .ics shows (not cancelled)."""
    return [
        e["DTSTART"].dt.date().isoformat()
        for e in active(await ics_of(user))
        if "comité" in str(e["SUMMARY"])
    ]


async def said(user) -> tuple[str, str]:
    """The home's next step and /calendrier's text."""
    await user.send("/dossier")
    home = next(line for line in user.last_text.split("\n") if "Prochaine étape" in line)
    await user.send("/calendrier")
    return home, user.last_text


async def test_a_dossier_waiting_when_the_meeting_began_is_read_there_until_its_day_is_over(world):
    harness, clock = world
    director, _committee = await submitted_coop(harness)  # submitted on 1 August 2026
    late = await join(harness, 702, "fr", "Coop Tardive")  # joined now: its invitation has the real clock
    clock.now = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)  # 15:00 Paris: the meeting began an hour ago
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, late.invitations.coop.id)
        dossier.status = DossierStatus.SUBMITTED
        dossier.submitted_at = datetime(2026, 12, 1, 13, 30, tzinfo=UTC)  # 14:30 Paris: during the meeting
        await complete_content(session, dossier)

    home, calendar = await said(director)
    assert MEETING in home and MEETING in calendar and NEXT not in home + calendar
    assert await meeting_days(director) == ["2026-12-01"]
    home, calendar = await said(late)  # sent during the meeting: read at the next one
    assert NEXT in home and NEXT in calendar and MEETING not in home + calendar
    assert await meeting_days(late) == ["2027-03-02"]

    clock.now = datetime(2026, 12, 1, 22, 50, tzinfo=UTC)  # 23:50 Paris, no decision recorded yet
    home, calendar = await said(director)
    assert MEETING in home and MEETING in calendar
    clock.now = datetime(2026, 12, 1, 23, 10, tzinfo=UTC)  # 00:10 Paris, 2 December: the day is over
    home, calendar = await said(director)
    assert NEXT in home and NEXT in calendar and MEETING not in home + calendar
    assert await meeting_days(director) == ["2027-03-02"]


async def test_a_dossier_the_meeting_decided_on_waits_for_the_next_one(world):
    harness, clock = world
    director, committee = await submitted_coop(harness)
    clock.now = datetime(2026, 12, 1, 14, 30, tzinfo=UTC)  # 15:30 Paris: decided during the meeting
    await decide(committee, "Coop Horizon", "📝 Demander des compléments", "Détaillez l’engagement 6.")
    await director.send("/calendrier")
    assert NEXT in director.last_text and MEETING not in director.last_text
    assert await meeting_days(director) == ["2027-03-02"]
