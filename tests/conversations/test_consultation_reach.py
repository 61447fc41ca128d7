"""Who a consultation reached: kept once asked (members leaving later change nothing), newcomers asked too."""

from __future__ import annotations

from bot.delivery.consultations import remind_consultations
from tests.conversations.test_consultations import open_consultations, prepare_default
from tests.dossier_steps import join, open_home


async def answer(user) -> None:
    """Tick engagement 7 and send."""
    await user.press("🗳 Answer")
    await user.press("⬜ 7 · ")
    await user.press("📨 Send my answer")


async def take_off_team(director, name: str) -> None:
    """The direction takes a colleague off the coop's team."""
    await open_home(director)
    await director.press("🤝 My team")
    await director.press(f". {name}", director.last)
    await director.press("🗑 Yes, take them off the team")


async def team_of_five(harness, director_id: int, coop: str):
    """A director and five colleagues who joined a few minutes before the consultation."""
    director = await join(harness, director_id, "en", coop)
    members = []
    for i, name in enumerate(["Ann", "Bob", "Cem", "Dan", "Eve"]):
        member = harness.user(director_id + 10 + i, name, "en")
        await member.send(f"/start {director.invitations.member_token}")
        members.append(member)
    return director, members


async def test_closed_now_then_non_answerers_leave_the_participation_stays(world):
    harness, clock = world
    director, members = await team_of_five(harness, 5201, "Coop Leave")
    clock.advance(minutes=5)
    await prepare_default(director, "15/12/2026", link=False)
    await harness.run_background()
    for member in members[:3]:
        await answer(member)
    clock.advance(hours=2)
    await open_consultations(director)
    await director.press("🟢 1 · ")
    await director.press("⏹ Close now")
    await director.press("⏹ Yes, close it")
    assert "3 answers out of 6 people reached (50%)" in director.last_text, director.last_text
    clock.advance(days=7)  # the two who did not answer leave the coop the week after
    for name in ("Dan", "Eve"):
        await take_off_team(director, name)
    await open_consultations(director)
    await director.press("⏹ 1 · ")
    # the evidence of a closed consultation stays as it closed: not « out of 4 (75%) »
    assert "3 answers out of 6 people reached (50%)" in director.last_text, director.last_text


async def test_closed_by_its_date_then_a_member_leaves_the_participation_stays(world):
    harness, clock = world
    director, members = await team_of_five(harness, 5231, "Coop Date")
    clock.advance(minutes=5)
    await prepare_default(director, "15/12/2026", link=False)
    await harness.run_background()
    for member in members[:3]:
        await answer(member)
    clock.advance(days=30)  # closed by its date (15 December) a week ago
    await take_off_team(director, "Eve")
    await open_consultations(director)
    await director.press("⏹ 1 · ")
    assert "3 answers out of 6 people reached (50%)" in director.last_text, director.last_text


async def test_closed_then_a_colleague_who_never_answered_erases_their_data_the_participation_stays(world):
    """/supprimer takes the person's invitation (their news) with it: the closed consultation keeps its
    number of people reached all the same."""
    harness, clock = world
    director, members = await team_of_five(harness, 5261, "Coop Erase")
    clock.advance(minutes=5)
    await prepare_default(director, "15/12/2026", link=False)
    await harness.run_background()
    for member in members[:3]:
        await answer(member)
    clock.advance(days=30)  # closed by its date
    eve = members[4]
    await eve.send("/erase")
    await eve.press(eve.buttons()[0])  # the confirmation's first button erases
    assert "erased" in eve.last_text.lower(), eve.last_text
    await open_consultations(director)
    await director.press("⏹ 1 · ")
    assert "3 answers out of 6 people reached (50%)" in director.last_text, director.last_text


async def test_a_colleague_joining_while_it_runs_is_invited_and_counted(world):
    harness, clock = world
    director = await join(harness, 5801, "en", "Coop New")
    clock.advance(minutes=5)
    await prepare_default(director, "15/12/2026", link=False)
    await harness.run_background()
    clock.advance(days=1)
    late = harness.user(5802, "Noa", "en")
    await late.send(f"/start {director.invitations.member_token}")
    await open_consultations(director)
    await director.press("🟢 1 · ")
    # not asked yet: not counted either (the figures never count someone nobody asked)
    assert "0 answers out of 1 person reached" in director.last_text, director.last_text
    await remind_consultations(harness.application)  # the consultations' sweep, every few minutes
    await harness.run_background()
    assert "Coop New asks your opinion" in late.last_text, late.texts()
    assert "🗳 Answer" in late.buttons()
    await answer(late)
    messages = len(late.texts())
    await remind_consultations(harness.application)
    await harness.run_background()
    assert len(late.texts()) == messages  # invited once
    await open_consultations(director)
    await director.press("🟢 1 · ")
    assert "1 answer out of 2 people reached (50%)" in director.last_text, director.last_text


async def test_a_colleague_joining_after_it_closed_is_neither_invited_nor_counted(world):
    harness, clock = world
    director = await join(harness, 5811, "en", "Coop After")
    member = harness.user(5812, "Sam", "en")
    await member.send(f"/start {director.invitations.member_token}")
    clock.advance(minutes=5)
    await prepare_default(director, "15/12/2026", link=False)
    await harness.run_background()
    clock.advance(days=30)
    late = harness.user(5813, "Noa", "en")
    await late.send(f"/start {director.invitations.member_token}")
    await remind_consultations(harness.application)
    await harness.run_background()
    assert not any("opinion" in text for text in late.texts()), late.texts()
    await open_consultations(director)
    await director.press("⏹ 1 · ")
    assert "0 answers out of 2 people reached" in director.last_text, director.last_text


async def test_the_audience_counts_whom_the_opening_invites(world):
    harness, clock = world
    director = await join(harness, 5821, "en", "Coop Count")
    for i, name in enumerate(["Ann", "Bob"]):
        await harness.user(5822 + i, name, "en").send(f"/start {director.invitations.member_token}")
    clock.advance(minutes=5)
    await open_consultations(director)
    await director.press("➕ New consultation")
    await director.press("⭐ The engagements")
    # the director preparing it is asked too, without a message: the count says so, as the opening will
    assert "All the members of the coop in the assistant: you and 2 colleagues" in director.last_text
    await director.press("➡️ Continue")
    await director.send("15/12/2026")
    await director.press("✅ Open the consultation")
    assert "2 members will be invited" in director.last_text, director.last_text
