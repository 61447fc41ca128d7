"""/tableau's « Dossiers en attente du comité » counts the dossiers the committee's reminder of its next
meeting says wait for a decision, by the same rule (models.label.reminders.waiting_for_the_committee):
submitted ones, visited ones (the label to decide), and followed ones with a step due by that meeting,
at the configured meeting (QUALICOOP_COMMITTEE_DATES) as the reminder; not only the submitted ones."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from bot.delivery.reminders import sweep_reminders
from models.tables import CheckpointKind, DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_home_next_step import dossier_at
from tests.conversations.test_label_journey import decide
from tests.dossier_steps import join

NBSP = "\u00a0"
COMMITTEE_ID = 7000002


def committee_told(harness, committee, first: int) -> list[str]:
    """The committee member's messages since call ``first``, without their HTML."""
    return [
        re.sub(r"<[^>]+>", "", call.params["text"])
        for call in harness.fake.calls[first:]
        if call.method == "sendMessage" and call.chat_id == committee.id
    ]


async def as_admin(harness):
    """A federation administrator, who reads /tableau."""
    async with harness.database.transaction() as session:
        await grant_federation_role(session, ADMIN_ID, FederationRoleName.ADMIN)
    return harness.user(ADMIN_ID, "Alex", "fr")


async def test_a_visited_dossier_waits_for_the_committee_on_the_dashboard_as_in_its_reminder(world):
    """Visited on 20 November 2026: the label is decided at the meeting of 1 December; 7 days before it,
    the reminder says 1 dossier waits, and so does /tableau (it said 0: only submitted ones counted)."""
    harness, clock = world
    _director, committee = await submitted_coop(harness)
    admin = await as_admin(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "20/11/2026")
    clock.now = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)  # 7 days before the meeting
    first = len(harness.fake.calls)
    await sweep_reminders(harness.application)
    told = committee_told(harness, committee, first)
    assert any("1 dossier attend une décision" in text for text in told), told
    await admin.send("/tableau")
    assert f"Dossiers en attente du comité{NBSP}: 1\n" in admin.last_text, admin.last_text


async def test_the_dashboard_counts_what_the_reminder_counts_at_the_configured_meeting(world):
    """Seven coops at the committee's meeting of 8 December 2026 (configured): submitted, visited, admissible
    with its 6-month checkpoint due on the 5th, labelled with its mid-term due on the 7th wait for it; one
    admissible whose checkpoint is in May, one asked for more information and a draft do not. The reminder
    of 1 December says 4, and /tableau says 4 too."""
    harness, clock = world
    harness.application.bot_data.committee_dates = (date(2026, 12, 8), date(2027, 3, 9))
    coops = [await join(harness, 7300 + n, "fr", f"Coop {n}") for n in range(7)]
    six, mid = CheckpointKind.SIX_MONTHS, CheckpointKind.MID_TERM
    await dossier_at(
        harness, coops[0], DossierStatus.SUBMITTED, submitted_at=datetime(2026, 11, 2, tzinfo=UTC)
    )
    await dossier_at(harness, coops[1], DossierStatus.VISITED, submitted_at=datetime(2025, 2, 2, tzinfo=UTC))
    await dossier_at(harness, coops[2], DossierStatus.ADMISSIBLE, (six, date(2026, 12, 5), None))
    await dossier_at(harness, coops[3], DossierStatus.LABELLED, (mid, date(2026, 12, 7), None))
    await dossier_at(harness, coops[4], DossierStatus.ADMISSIBLE, (six, date(2027, 5, 23), None))
    await dossier_at(harness, coops[5], DossierStatus.INFO_REQUESTED)
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")
    await committee.send("/start")
    admin = await as_admin(harness)

    clock.now = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)  # 7 days before the meeting of 8 December
    first = len(harness.fake.calls)
    await sweep_reminders(harness.application)
    told = committee_told(harness, committee, first)
    assert any("4 dossiers attendent une décision" in text for text in told), told
    await admin.send("/tableau")
    assert f"Dossiers en attente du comité{NBSP}: 4\n" in admin.last_text, admin.last_text
