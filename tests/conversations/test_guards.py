"""Guards: private chats only, edits ignored, the direction's letter, answers after submission."""

from __future__ import annotations

from sqlmodel import select
from telegram import Update

from models.tables import Attachment, Dossier, DossierStatus, EngagementChoice
from tests.dossier_steps import choose, join, open_home, upload_letter


async def test_group_chats_and_edited_messages_are_not_answers(harness):
    sam = await join(harness, 1201, "en")
    await open_home(sam)
    await sam.press("👥 Approach")
    await sam.press("✍️ Answer")
    group_message = harness.fake.user_text(sam.tg, "lol see you tomorrow")
    group_message["message"]["chat"] = {"id": -100123, "type": "supergroup", "title": "Coop staff"}
    before = len(harness.fake.calls)
    await harness.application.process_update(Update.de_json(group_message, harness.application.bot))
    assert not any(c.method.startswith("send") for c in harness.fake.calls[before:])
    await sam.send("Our approach.")
    edited = harness.fake.user_text(sam.tg, "Our approach, corrected.")
    edited["edited_message"] = edited.pop("message")
    await harness.deliver(1201, edited)
    assert "Edited messages are not taken into account" in sam.last_text
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
    assert (dossier.approach, dossier.staff_information) == ("Our approach.", None)


async def test_only_the_direction_removes_or_renames_the_letter(harness):
    director = await join(harness, 1202, "fr")
    await upload_letter(director)
    member = harness.user(1203, language_code="fr")
    await member.send(f"/start {director.invitations.member_token}")
    async with harness.database.transaction() as session:
        letter = (await session.exec(select(Attachment))).one()
    await open_home(member)
    await member.press("📎 Documents")
    await member.press_data(member.last, f"rmy:{letter.id}")
    assert member.alerts == ["Votre rôle ne le permet pas."]
    await member.press_data(member.last, f"fe:f:{letter.id}:l")
    await member.send("Autre nom")
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Attachment))).one().label == "lettre-engagement"


async def test_an_answer_typed_after_submission_is_refused_and_echoed(harness):
    sam = await join(harness, 1204, "en")
    await open_home(sam)
    await sam.press("👥 Approach")
    await sam.press("✍️ Answer")
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        dossier.status = DossierStatus.SUBMITTED
        session.add(dossier)
    await sam.send("My long thought-through approach.")
    assert "The dossier has been submitted" in sam.replies[0]["text"]
    assert sam.replies[1]["text"] == "My long thought-through approach."


async def test_two_colleagues_pressing_the_same_stale_button_do_not_undo_each_other(harness):
    sam = await join(harness, 1205, "en")
    alex = harness.user(1206, language_code="en")
    await alex.send(f"/start {sam.invitations.member_token}")
    for user in (sam, alex):
        await open_home(user)
        await user.press("Axis 1")
    await sam.press("⬜ 1 · ")
    await alex.press("⬜ 1 · ")
    assert "A colleague had already made this change." in alex.last_text
    async with harness.database.transaction() as session:
        assert (await session.exec(select(EngagementChoice.engagement_code))).all() == [1]


async def test_ones_own_press_made_again_is_not_put_down_to_a_colleague(harness):
    """A double tap, or a press Telegram gives again after a restart: the choice is theirs, said as such."""
    sam = await join(harness, 1207, "en")
    await open_home(sam)
    await sam.press("Axis 1")
    screen, data = sam.find_button("⬜ 1 · ")
    await sam.press_data(screen, data)
    await sam.press_data(screen, data)  # the same button again
    assert "colleague" not in sam.last_text and "Axis 1 — 1/4" in sam.last_text, sam.last_text


async def test_the_apology_speaks_the_users_language(harness, monkeypatch):
    from conversations.ui import router as navigation

    async def broken(context, session, data):
        raise RuntimeError("boom")

    sam = await join(harness, 1207, "en")
    await choose(sam, [1])
    monkeypatch.setitem(navigation._SCREENS, "home", broken)
    await sam.send("/dossier", expect_error=True)
    assert sam.last_text.startswith("Sorry, something went wrong on our side.")


async def test_a_committee_member_taken_off_decides_nothing_from_their_next_message(harness):
    """``qualicoop admin remove ID --committee`` takes effect at once, in the running bot."""
    from models.tables import FederationRoleName
    from models.users import grant_federation_role, revoke_federation_role

    async with harness.database.transaction() as session:
        await grant_federation_role(session, 7100001, FederationRoleName.COMMITTEE)
    member = harness.user(7100001, "Claire", "fr")
    await member.send("/comite")
    assert "Comité" in member.last_text or "comité" in member.last_text
    committee_screen = member.last_text
    async with harness.database.transaction() as session:
        assert await revoke_federation_role(session, 7100001, FederationRoleName.COMMITTEE)
    await member.send("/comite")
    assert member.last_text != committee_screen and "réservé au comité" in member.last_text
