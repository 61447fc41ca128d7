"""A reply to a notice of the bot, at a screen it led to (a ballot's comment), is an answer as any other: only
at the dossier's questions is a reply to an earlier message given back (found in review)."""

from __future__ import annotations

import copy

from sqlmodel import select

from models.tables import ConsultationAnswer
from tests.conversations.test_consultations import prepare_default
from tests.conversations.test_reply_to_an_earlier_question import reply_to
from tests.dossier_steps import join


async def test_a_reply_to_the_consultation_notice_is_the_ballot_s_comment(world):
    harness, _clock = world
    director = await join(harness, 9101, "en", "Coop Vote")
    member = harness.user(9102, "Sam", "en")
    await member.send(f"/start {director.invitations.member_token}")
    await prepare_default(director, "15/12/2026")
    await harness.run_background()
    notice = copy.deepcopy(member.last)
    assert "asks your opinion" in member.last_text
    await member.press("🗳 Answer")
    replies = await reply_to(member, notice, "More meetings with the tenants, please")
    said = "\n".join(m.get("text", "") for m in replies)
    async with harness.database.transaction() as session:
        answers = (await session.exec(select(ConsultationAnswer))).all()
    assert "You replied to an earlier message" not in said, said
    assert [a.comment for a in answers] == ["More meetings with the tenants, please"]


async def test_a_link_guest_at_the_ballot_is_not_sent_to_a_pencil_on_a_summary_screen(world):
    harness, _clock = world
    director = await join(harness, 9111, "en", "Coop Vote")
    link = await prepare_default(director, "15/12/2026")
    guest = harness.user(9112, "Lou", "en")
    await guest.send("/start")
    greeting = copy.deepcopy(guest.last)
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    assert "Tick one or more choices" in guest.last_text, guest.last_text
    replies = await reply_to(guest, greeting, "We need more meetings")
    said = "\n".join(m.get("text", "") for m in replies)
    assert "summary screen" not in said, said
