"""A closed consultation's participation never changes and its public link goes 30 days after it closed
(README, « Personal data »), whoever erases their data in between: a member it invited, or someone who
only opened its link."""

from __future__ import annotations

from sqlmodel import select

from models.privacy.retention import expire
from models.tables import Consultation, ConsultationAccess, ConsultationAnswer
from tests.conversations.test_consultation_evidence import guests_answer
from tests.conversations.test_consultation_reach import answer
from tests.conversations.test_consultations import open_consultations, prepare_default
from tests.dossier_steps import join


async def erase(user) -> None:
    """The person erases their data (/erase, confirmed)."""
    await user.send("/erase")
    await user.press(user.buttons()[0])
    assert "erased" in user.last_text.lower(), user.last_text


async def test_the_link_goes_30_days_after_closing_though_an_invited_member_erased_meanwhile(world):
    harness, clock = world
    director = await join(harness, 7401, "en", "Coop Oubli")
    member = harness.user(7402, "Eve", "en")
    await member.send(f"/start {director.invitations.member_token}")
    clock.advance(minutes=5)
    link = await prepare_default(director, "30/11/2026")
    token = link.rsplit("start=", 1)[1]
    await harness.run_background()
    await answer(member)
    guest = harness.user(7403, "Guest", "en")
    await guest.send("/start " + token)
    await guest.press("⬜ 7 · ")  # ticked, never sent
    clock.advance(days=10)  # closed by its date
    await erase(member)  # its participation kept: 3 reached (the director, the member, the guest)
    clock.advance(days=31)
    async with harness.database.transaction() as session:
        assert (await expire(session, clock()))["links"] == 1
    async with harness.database.transaction() as session:
        assert (await expire(session, clock()))["links"] == 0  # done once, not again at every sweep
        consultation = (await session.exec(select(Consultation))).one()
        access = (await session.exec(select(ConsultationAccess))).all()
        unsent = ConsultationAnswer.answered_at.is_(None)
        unsent = (await session.exec(select(ConsultationAnswer).where(unsent))).all()
    assert (consultation.public_token, consultation.reached, access, unsent) == (None, 3, [], [])
    late = harness.user(7404, "Late", "en")
    await late.send("/start " + token)
    assert "closed" in late.last_text, late.last_text
    await open_consultations(director)
    await director.press("⏹ 1 · ")
    assert "1 answer out of 3 people reached" in director.last_text, director.last_text


async def test_a_link_visitor_erased_after_closing_leaves_the_participation_as_it_closed(world):
    harness, clock = world
    director = await join(harness, 7501, "en", "Coop Visite")
    await open_consultations(director)
    await director.press("➕ New consultation")
    await director.press("⭐ The engagements")
    await director.press("✅ 👥 Members")  # for the link's visitors only
    await director.press("⬜ 🔗 Public link")
    await director.press("➡️ Continue")
    await director.send("15/12/2026")
    link = next(line for line in director.last_text.splitlines() if "?start=c_" in line).strip()
    await director.press("✅ Open the consultation")
    await guests_answer(harness, link, 7510, 3)
    silent = harness.user(7520, "Silent", "en")
    await silent.send("/start " + link.rsplit("start=", 1)[1])  # opened, never answered
    clock.advance(hours=1)
    await open_consultations(director)
    await director.press("🟢 1 · ")
    await director.press("⏹ Close now")
    await director.press("⏹ Yes, close it")
    assert "3 answers out of 4 people reached (75%)" in director.last_text, director.last_text
    clock.advance(days=2)
    await erase(silent)
    async with harness.database.transaction() as session:  # a count kept, never who it was
        assert (await session.exec(select(ConsultationAccess.user_id))).all() == [7510, 7511, 7512]
    await open_consultations(director)
    await director.press("⏹ 1 · ")
    assert "3 answers out of 4 people reached (75%)" in director.last_text, director.last_text


async def test_a_link_visitor_who_erased_while_open_is_pointed_to_the_link_again(world):
    """Their old ballot's buttons no longer reach it (their access went with their data): the pop-up
    says to open the link again, not only that the consultation was not sent to them."""
    harness, clock = world
    director = await join(harness, 7601, "en", "Coop Retour")
    link = await prepare_default(director, "15/12/2026")
    guest = harness.user(7610, "Guest", "en")
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    ballot, tick = guest.find_button("⬜ 7 · ")
    clock.advance(hours=1)
    await erase(guest)  # the confirmation took the ballot's buttons off (one live menu): a client lagging

    await guest.press_data(ballot, tick)
    assert guest.alerts[-1] == (
        "This consultation was not sent to you. If you were given its link, open it again to answer."
    )
    await guest.send("/start " + link.rsplit("start=", 1)[1])  # the way forward it points to
    assert "⬜ 7 · " in " ".join(guest.buttons(guest.last))
    async with harness.database.transaction() as session:
        assert (await session.exec(select(ConsultationAnswer))).all() == []
