"""A consultation's screens when something changed meanwhile, and the ways out of each step."""

from __future__ import annotations

from tests.conversations.test_consultations import open_consultations, prepare_default
from tests.dossier_steps import join, open_home

NOT_FOR_YOUR_COOP = "This button is not for your coop's dossier"


async def test_a_draft_a_fellow_director_opened_shows_as_open_from_the_old_preview(world):
    harness, _clock = world
    first = await join(harness, 5911, "en", "Coop Deux")
    second = harness.user(5912, "Bea", "en")
    await second.send(f"/start {first.invitations.direction_token}")
    await open_consultations(first)
    await first.press("➕ New consultation")
    await first.press("⭐ The engagements")
    await first.press("➡️ Continue")
    await first.send("15/12/2026")
    preview = first.last
    assert "Step 4/4" in preview["text"]
    await open_consultations(second)
    await second.press("✏️ 1 · ")
    await second.press("✅ Open the consultation")
    await first.press("✏️ Until", preview)
    assert not first.alerts or NOT_FOR_YOUR_COOP not in first.alerts[-1], first.alerts
    assert "This consultation is already open: here it is as it stands." in first.last_text
    assert "open until 15 December 2026" in first.last_text and "⏹ Close now" in first.buttons()


async def test_close_now_on_one_closed_by_its_date_says_it_is_closed(world):
    harness, clock = world
    director = await join(harness, 6001, "en", "Coop Close")
    clock.advance(minutes=5)
    await prepare_default(director, "15/12/2026", link=False)
    screen = director.last
    assert "⏹ Close now" in director.buttons()
    clock.advance(days=23)  # 16 December: closed by its date
    await director.press("⏹ Close now", screen)
    assert "This consultation is already closed: its results are below." in director.last_text
    assert "Close “" not in director.last_text and "⏹ Yes, close it" not in director.buttons()


async def test_the_comment_is_shown_whole_and_can_be_removed(world):
    harness, clock = world
    director = await join(harness, 6011, "en", "Coop Comment")
    member = harness.user(6012, "Sam", "en")
    await member.send(f"/start {director.invitations.member_token}")
    clock.advance(minutes=5)
    await prepare_default(director, "15/12/2026", link=False)
    await harness.run_background()
    await member.press("🗳 Answer")
    await member.press("⬜ 7 · ")
    await member.press("💬 Comment")
    assert member.buttons() == ["⬅️ Back", "🏠 My dossier"]  # nothing to remove yet
    comment = "My neighbour Paul Martin never pays. " * 12  # 444 characters: more than 300
    await member.paste(comment)  # over 300 characters: judged once the member is quiet
    assert comment.strip() in member.last_text  # whole on the ballot, not cut at 300
    await member.press("💬 Comment")
    assert comment.strip() in member.last_text and "Type another to replace it." in member.last_text
    assert member.buttons() == ["🗑 Remove my comment", "⬅️ Back", "🏠 My dossier"]
    await member.press("🗑 Remove my comment")  # asked first, the words shown whole
    assert "Remove your comment?" in member.last_text and comment.strip() in member.last_text
    assert member.buttons() == ["🗑 Yes, remove it", "⬅️ Back"]
    await member.press("⬅️ Back")  # nothing removed
    assert comment.strip() in member.last_text and "Type another to replace it." in member.last_text
    await member.press("🗑 Remove my comment")
    await member.press("🗑 Yes, remove it")
    said = member.texts()[-3:]
    assert any("Comment removed. Here it is below, should you want it back." in text for text in said), said
    assert comment.strip() in said[-1], said  # given back whole, below the ballot: nothing typed is lost
    await member.press("🗳 Answer")
    assert "Paul Martin" not in member.last_text and "⬜ 7 · " not in member.buttons()[0]
    await member.press("💬 Comment")
    assert "Paul Martin" not in member.last_text and "🗑 Remove my comment" not in member.buttons()


async def test_a_member_taken_off_the_team_is_told_so_on_the_ballot(world):
    harness, _clock = world
    director = await join(harness, 5301, "en", "Coop Leave2")
    member = harness.user(5302, "Ann", "en")
    await member.send(f"/start {director.invitations.member_token}")
    await prepare_default(director, "15/12/2026", link=False)
    await harness.run_background()
    await member.press("🗳 Answer")
    await member.press("⬜ 7 · ")
    ballot = member.last
    await open_home(director)
    await director.press("🤝 My team")
    await director.press(". Ann", director.last)
    await director.press("🗑 Yes, take them off the team")
    await harness.run_background()
    assert "You are no longer part of the team of Coop Leave2" in member.last_text  # the news of it
    await member.press("⬜ 5 · ", ballot)  # the ballot still on the screen, above the news
    assert all(NOT_FOR_YOUR_COOP not in alert for alert in member.alerts), member.alerts
    said = "You are no longer part of Coop Leave2: its consultation is for its members."
    assert any(said in text for text in member.texts()), member.texts()[-2:]


async def test_every_step_of_the_preparation_leads_home(world):
    harness, _clock = world
    director = await join(harness, 6021, "en", "Coop Steps")
    await open_consultations(director)
    await director.press("➕ New consultation")
    await director.press("✏️ My own question")
    assert director.buttons() == ["⬅️ Back", "🏠 My dossier"]
    await director.send("Which evening suits you?")
    assert director.buttons() == ["⬅️ Back", "🏠 My dossier"]
    await director.send("Tuesday evening\nThursday evening")
    assert director.buttons()[-2:] == ["⬅️ Back", "🏠 My dossier"]
    await director.press("➡️ Continue")
    assert director.buttons()[-2:] == ["⬅️ Back", "🏠 My dossier"]


async def test_the_ballot_leads_back_to_its_consultation(world):
    harness, clock = world
    director = await join(harness, 6041, "en", "Coop Ballot Back")
    member = harness.user(6042, "Sam", "en")
    await member.send(f"/start {director.invitations.member_token}")
    clock.advance(minutes=5)
    link = await prepare_default(director, "15/12/2026")
    await harness.run_background()
    await member.press("🗳 Answer")  # the invitation's button: back to the consultation it is about
    assert member.buttons()[-2:] == ["⬅️ Back", "🏠 My dossier"]
    await member.press("⬅️ Back", member.last)
    assert "open until 15 December 2026" in member.last_text and "🗳 Answer" in member.buttons()
    await member.press("🗳 Answer", member.last)  # from the consultation's screen, and back to it
    await member.press("⬜ 7 · ", member.last)
    await member.press("⬅️ Back", member.last)
    assert "open until 15 December 2026" in member.last_text and "🗳 Answer" in member.buttons()

    guest = harness.user(6043, "Guest", "en")  # through the public link: the ballot is all there is
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    assert "📨 Send my answer" in guest.buttons() and "⬅️ Back" not in guest.buttons()
