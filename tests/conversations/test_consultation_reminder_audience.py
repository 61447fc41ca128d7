"""The reminder two days before a consultation closes goes to whoever may still answer it: a member taken
off the team since is not reminded (the ballot would tell them they left), while colleagues still there
and the public link's visitors are; the count of people reached keeps everyone it reached."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.delivery.consultations import remind_consultations
from tests.conversations.test_consultation_reach import take_off_team
from tests.conversations.test_consultations import open_consultations, prepare_default
from tests.dossier_steps import join


async def test_a_member_taken_off_the_team_is_not_reminded_who_may_answer_is(world):
    harness, clock = world
    director = await join(harness, 7101, "en", "Coop Gone")
    ann = harness.user(7102, "Ann", "en")
    await ann.send(f"/start {director.invitations.member_token}")
    bob = harness.user(7103, "Bob", "en")
    await bob.send(f"/start {director.invitations.member_token}")
    clock.advance(minutes=5)
    link = await prepare_default(director, "15/12/2026")
    guest = harness.user(7104, "Léa", "en")  # in no coop: the public link lets her answer
    await guest.send("/start " + link.split("?start=")[1])
    assert "📨 Send my answer" in guest.buttons(), guest.last_text
    await director.press("🗳 Answer")
    await director.press("⬜ 1 · ")
    await director.press("📨 Send my answer")
    await harness.run_background()
    await take_off_team(director, "Ann")
    await harness.run_background()
    ann_seen = len(ann.texts())
    clock.now = datetime(2026, 12, 13, 9, 0, tzinfo=UTC)
    assert await remind_consultations(harness.application) == 2  # Bob and the link's visitor
    assert "Reminder: the consultation of Coop Gone" in bob.last_text, bob.last_text
    assert "Reminder: the consultation of Coop Gone" in guest.last_text, guest.last_text
    assert not any("Reminder" in text for text in ann.texts()[ann_seen:]), ann.texts()[ann_seen:]
    await open_consultations(director)
    await director.press("🟢 1 · ")
    assert "1 answer out of 4 people reached" in director.last_text, director.last_text
