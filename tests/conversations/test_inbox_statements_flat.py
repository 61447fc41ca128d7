"""/demandes read each request of its page on its own: the thread's messages to find its last one, then
the coop's dossiers, engagements and checkpoints for its stage, four statements a row: 63 for a page of
15. The page's last messages are now read in one statement and its coops' stages in one go: the same
statements for 2 requests as for a full page, and the same screen."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from models.coops import create_coop
from models.dossier.current import current_dossier
from models.tables import (
    Dossier,
    DossierStatus,
    EngagementChoice,
    RequestMessage,
    RequestStatus,
    RequestSubject,
    RequestThread,
)
from tests.conftest import ADMIN_ID, NOW
from tests.conversations.test_dashboard_many_coops import statements

# each coop's cycles, the latest last, and whether its current dossier has an engagement chosen
COOPS = {
    "Coop Pas commencée": ([DossierStatus.DRAFT], False),
    "Coop Brouillon": ([DossierStatus.DRAFT], True),
    "Coop Soumise": ([DossierStatus.SUBMITTED], True),
    "Coop Recevable": ([DossierStatus.ADMISSIBLE], True),
    "Coop Labellisée": ([DossierStatus.LABELLED], True),
    "Coop Renouvelle": ([DossierStatus.RENEWED, DossierStatus.DRAFT], True),
    "Coop Refusée": ([DossierStatus.REFUSED], True),
}
SUBJECTS = list(RequestSubject)


async def coops_at_every_stage(harness) -> list[int]:
    """One coop per case of COOPS; their ids."""
    ids = []
    async with harness.database.transaction() as session:
        for name, (cycles, chosen) in COOPS.items():
            coop = await create_coop(session, name)
            ids.append(coop.id)
            dossier = await current_dossier(session, coop.id)
            dossier.status = cycles[0]
            if cycles[0] != DossierStatus.DRAFT:
                dossier.submitted_at = datetime(2026, 3, 1, 10, tzinfo=UTC)
            if cycles[0] in (DossierStatus.ADMISSIBLE, DossierStatus.LABELLED, DossierStatus.RENEWED):
                dossier.admissible_on = date(2026, 4, 1)
            if cycles[0] in (DossierStatus.LABELLED, DossierStatus.RENEWED):
                dossier.labelled_on = date(2026, 10, 1)
            session.add(dossier)
            for cycle, status in enumerate(cycles[1:], start=2):
                dossier = Dossier(coop_id=coop.id, cycle=cycle, status=status)
                session.add(dossier)
            await session.flush()
            if chosen:
                session.add(EngagementChoice(dossier_id=dossier.id, engagement_code=1))
    return ids


async def requests_sent(harness, coop_ids: list[int], count: int, start: int = 0) -> None:
    """``count`` requests, the coops in turn: one in three answered, one in five closed."""
    async with harness.database.transaction() as session:
        for i in range(start, start + count):
            coop_id, sent = coop_ids[i % len(coop_ids)], NOW - timedelta(days=60 - i)
            status = RequestStatus.CLOSED if i % 5 == 4 else RequestStatus.OPEN
            thread = RequestThread(
                coop_id=coop_id,
                subject=SUBJECTS[i % len(SUBJECTS)],
                status=status,
                opened_by=9_400_000 + coop_id,
                created_at=sent,
                updated_at=sent,
                sent_at=sent,
            )
            session.add(thread)
            await session.flush()
            asked = RequestMessage(
                thread_id=thread.id, author_id=9_400_000 + coop_id, text=f"Question {i}", created_at=sent
            )
            session.add(asked)
            if i % 3 == 0:
                answer = RequestMessage(
                    thread_id=thread.id,
                    author_id=ADMIN_ID,
                    from_federation=True,
                    text=f"Réponse {i}",
                    created_at=sent + timedelta(hours=1),
                )
                session.add(answer)


async def test_a_full_page_of_requests_is_read_in_the_statements_of_two(harness):
    coops = await coops_at_every_stage(harness)
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await requests_sent(harness, coops, 2)
    await admin.send("/demandes")  # the first screen of a chat saves its position: then, none before
    with statements(harness) as two:
        await admin.send("/demandes")
    await requests_sent(harness, coops, 20, start=2)  # 22: a page of 15, then 7
    with statements(harness) as full_page:
        await admin.send("/demandes")
    page = admin.last_text
    assert "Ouvertes\u00a0: 18" in page and "Page 1/2" in page, page
    assert len(full_page) == len(two), [sql for sql, _calls in full_page]
    with statements(harness) as second_page:  # 7 requests
        await admin.press("➡️")
    assert "Page 2/2" in admin.last_text and "22. ✅ Coop Renouvelle (Labellisés)" in admin.last_text
    with statements(harness) as back_to_the_first:  # 15
        await admin.press("⬅️")
    assert "Page 1/2" in admin.last_text
    assert len(second_page) == len(back_to_the_first), [sql for sql, _calls in back_to_the_first]


async def test_each_row_still_says_its_coops_stage_and_whether_an_answer_is_owed(harness):
    coops = await coops_at_every_stage(harness)
    await requests_sent(harness, coops, 7)
    admin = harness.user(ADMIN_ID, "Fédé", "fr")
    await admin.send("/demandes")
    rows = [row for row in admin.last_text.splitlines() if row[:1].isdigit()]
    assert [row.split(" — ")[0] for row in rows] == [
        "1. 🟠 Coop Pas commencée (Pas commencé)",  # answered, still open
        "2. ⏳ Coop Brouillon (Préparent leur dossier)",  # the coop's word last: an answer owed
        "3. ⏳ Coop Soumise (Dossier soumis)",
        "4. 🟠 Coop Recevable (Recevables ou visités, en cours)",
        "5. ⏳ Coop Renouvelle (Labellisés)",  # a renewal's draft while its label is valid
        "6. 🟠 Coop Refusée (Non retenus)",
        "7. ✅ Coop Labellisée (Labellisés)",  # closed: listed last
    ], rows
