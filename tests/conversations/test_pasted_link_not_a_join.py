"""A pasted invitation link joins only someone in no coop, with no federation role, at no question: the
federation sends coops their links (an admin's reply is sent, not taken as joining the coop), and a
question's answer is never taken as a link (but an invitation link is never a consultation's comment:
tests/conversations/test_pasted_link_on_a_ballot.py)."""

from __future__ import annotations

from sqlmodel import select

from models.tables import ConsultationAnswer, FederationRoleName, Member
from models.users import grant_federation_role
from tests.conftest import ADMIN_ID
from tests.conversations.test_consultation_visitor import visitor_at_comment
from tests.conversations.test_federation_requests import ask
from tests.conversations.test_label_journey import COMMITTEE_ID
from tests.dossier_steps import join


async def memberships(harness, user_id: int) -> list[Member]:
    """Every team the person is on."""
    async with harness.database.transaction() as session:
        return list((await session.exec(select(Member).where(Member.user_id == user_id))).all())


async def test_an_admins_reply_that_is_an_invitation_link_is_sent_not_taken_as_joining(harness):
    sam = await join(harness, 8601, "en", "Coop Lien", role="member")
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await admin.send("/start")
    await ask(sam, "We lost our direction's invitation link, can you send it again?")
    await harness.run_background()
    await admin.send("/demandes")
    await admin.press("Coop Lien")
    await admin.press("✍️ Reply")
    link = f"https://t.me/{harness.application.bot.username}?start={sam.invitations.direction_token}"
    await admin.send(link)
    assert await memberships(harness, ADMIN_ID) == [], "the admin joined the coop's direction"
    assert "Reply sent to 1 person." in admin.last_text, admin.last_text
    await harness.run_background()
    assert link in harness.fake.last_message(sam.id)["text"]  # the coop got its link


async def test_a_committee_member_pasting_a_link_joins_no_coop(harness):
    coop = await harness.add_coop("Coop Comité")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    claude = harness.user(COMMITTEE_ID, "Claude", "fr")
    await claude.send("/comite")
    await claude.send(coop.direction_token)
    assert await memberships(harness, COMMITTEE_ID) == []
    assert "Bienvenue" not in claude.reply_text()


async def test_a_code_pasted_as_a_ballots_comment_is_given_back_not_kept(harness):
    guest = await visitor_at_comment(harness, 8611)  # in no coop, at « 💬 Commentaire »'s question
    coop = await harness.add_coop("Coop Invitante")
    await guest.send(coop.member_token)
    assert await memberships(harness, guest.id) == []
    assert "jamais gardé comme commentaire" in guest.reply_text(), guest.reply_text()
    assert coop.member_token in [text.strip() for text in guest.texts()]  # given back whole
    async with harness.database.transaction() as session:
        assert (await session.exec(select(ConsultationAnswer))).one().comment is None
