"""Two directors close one consultation at once (two instances, PostgreSQL) while a member sends an
answer: closed once (one « close » in the audit, the second director told it is closed already), and
the answer either counted in what both closers are shown, or refused — never counted after the close
(found by an exploratory tester: closed twice, one closer shown 0 answers, the other 1)."""

from __future__ import annotations

import asyncio

from sqlmodel import select

from models.tables import AuditEntry, ConsultationAnswer
from tests.conversations.test_consultations import open_consultations, prepare_default
from tests.databases import needs_postgres
from tests.dossier_steps import join
from tests.harness import BotHarness
from tests.races import all_read_first


@needs_postgres
async def test_a_consultation_closed_twice_at_once_while_someone_answers_closes_once(
    world, tmp_path, monkeypatch
):
    harness, clock = world
    alice = await join(harness, 6101, "en", "Coop Course")
    sam = harness.user(6103, "Sam", "en")
    await sam.send(f"/start {alice.invitations.member_token}")
    await prepare_default(alice, "15/12/2026", link=False)
    await harness.run_background()
    (tmp_path / "other").mkdir()
    other = BotHarness(tmp_path / "other", clock=clock, database_url=harness.database_url)
    await other.start()
    try:
        bob = other.user(6102, "Bob", "en")
        await bob.send(f"/start {alice.invitations.direction_token}")
        for director in (alice, bob):
            await open_consultations(director)
            await director.press("🟢 1 · ")
            await director.press("⏹ Close now")
            assert "Yes, close it" in " ".join(director.buttons())
        await sam.press("🗳 Answer")
        await sam.press("⬜ 5 · ")
        from conversations.consultation import ballot, listing

        # all three have read (the consultation open) before any of them writes
        all_read_first(monkeypatch, 3, (listing, "of_direction"), (ballot, "ballot_for"))
        await asyncio.gather(
            alice.press("⏹ Yes, close it"),
            bob.press("⏹ Yes, close it"),
            sam.press("📨 Send my answer"),
        )
        async with harness.database.transaction() as session:
            closes = (
                await session.exec(
                    select(AuditEntry).where(
                        AuditEntry.entity == "consultation", AuditEntry.action == "close"
                    )
                )
            ).all()
            answers = (await session.exec(select(ConsultationAnswer))).all()
        # one closing, and what a closer read at closing is what the consultation gave: an answer sent
        # as it closed is either refused (« closed ») or counted in what both closers were shown
        assert len(closes) == 1, f"closed twice in the audit: {[c.actor_id for c in closes]}"
        texts = (alice.last_text, bob.last_text)
        assert sum("already closed" in text for text in texts) == 1, texts
        sent = len([a for a in answers if a.answered_at is not None])
        for director in (alice, bob):
            assert f"{sent} answer" in director.last_text, (director.id, director.last_text)
    finally:
        await other.stop()
