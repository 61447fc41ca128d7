"""Someone on the committee, taken off their coop's team while at one of its dossier's questions, who then
sends a file: told which team they were taken off and when, that their role at the federation stays, and
the commands where they work (the question's screen, their coop's no more, reached the error handler;
found by the fuzzer, seed 408; until this session they were shown the committee's list without a word on
the team)."""

from __future__ import annotations

from models.tables import FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_consultation_reach import take_off_team
from tests.dossier_steps import LETTER_PDF, join, open_home


async def test_a_committee_member_taken_off_a_team_at_its_question_sends_a_file(harness):
    director = await join(harness, 1801, "en", "Coop Left")
    claude = harness.user(1802, "Claude", "en")
    await claude.send(f"/start {director.invitations.member_token}")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, claude.id, FederationRoleName.COMMITTEE)
    await open_home(claude)
    await claude.press("👥 Approach")
    await claude.press("✍️ Answer")
    await take_off_team(director, "Claude")
    await claude.send_document("minutes.pdf", LETTER_PDF, "application/pdf")  # raises if the handler failed
    said = claude.last_text
    assert said.startswith("⚠️ You are no longer part of the team of Coop Left"), said
    assert "You keep your role at the federation" in said and "/committee" in said, said  # where they work
