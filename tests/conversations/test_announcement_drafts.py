"""An admin's announcement: a draft left half-written, an admin removed while writing it, a meeting
whose time came while its preview stayed open."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from bot.delivery.announcements import deliver_announcements
from models.announcements import AnnouncementError, approve, create_announcement, update_announcement
from models.tables import Announcement, AnnouncementStatus, Delivery, FederationRoleName
from models.users import grant_federation_role, revoke_federation_role
from tests.conftest import ADMIN_ID, NOW

SORRY = "something went wrong on our side"
ROLE_REFUSED = "Your role does not allow this."
ADMINS_ONLY = "This is reserved for the federation’s administrators."


async def admin_role(harness, user_id: int, given: bool) -> None:
    """`qualicoop admin add` / `qualicoop admin remove`."""
    async with harness.database.transaction() as session:
        if given:
            await grant_federation_role(session, user_id, FederationRoleName.ADMIN)
        else:
            await revoke_federation_role(session, user_id, FederationRoleName.ADMIN)


async def announcements(harness) -> list[Announcement]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(Announcement).order_by(Announcement.id))).all())


async def deliveries(harness) -> list[Delivery]:
    async with harness.database.transaction() as session:
        return list((await session.exec(select(Delivery))).all())


async def test_an_admin_removed_while_writing_is_refused_politely_and_gets_the_text_back(harness):
    former = harness.user(555, "Ex", "en")
    await admin_role(harness, 555, True)
    await former.send("/announce")
    await former.send("VisioCoop")
    await former.send("December 9 at 9am")
    await admin_role(harness, 555, False)  # qualicoop admin remove 555

    await former.send("https://visio.example.org/x")
    assert harness.errors == []  # no AnnouncementError to the error handler, no admin alerted
    said = former.reply_text()
    assert SORRY not in said
    assert ROLE_REFUSED in said and "Here is what you wrote, so that it is not lost:" in said
    assert former.last_text == "https://visio.example.org/x"  # given back whole, to copy
    await former.send("https://visio.example.org/y")  # again: refused again, never a crash
    assert harness.errors == [] and ROLE_REFUSED in former.reply_text()
    (draft,) = await announcements(harness)
    assert draft.video_link is None and draft.status == AnnouncementStatus.DRAFT


async def test_an_admin_removed_with_a_coop_goes_home_after_the_refusal(harness):
    coop = await harness.add_coop("Coop Alpha")
    former = harness.user(556, "Ex", "en")
    await former.send(f"/start {coop.direction_token}")
    await admin_role(harness, 556, True)
    await former.send("/announce")
    await former.send("VisioCoop")
    await admin_role(harness, 556, False)

    await former.send("December 9 at 9am")
    assert harness.errors == []
    assert ROLE_REFUSED in former.reply_text()
    assert former.last_text.startswith("🏠 Quali’Coop dossier — Coop Alpha")  # out of the composer: home
    await former.send("Another date")  # at home, no question: no refusal, no crash
    assert harness.errors == [] and ROLE_REFUSED not in former.reply_text()


async def test_an_admin_removed_on_the_preview_cannot_send(harness):
    coop = await harness.add_coop("Coop Alpha")
    await harness.user(1001, "Camille", "fr").send(f"/start {coop.direction_token}")  # one to reach
    former = harness.user(557, "Ex", "en")
    await admin_role(harness, 557, True)
    await former.send("/announce")
    await former.send("VisioCoop")
    await former.send("December 9 at 9am")
    await former.send("-")
    await former.send("-")
    await former.press("Everyone")
    preview = former.last
    await admin_role(harness, 557, False)

    for label in ("📤 Send", "✏️ Title", "Cancel"):
        await former.press(label, preview)
        assert former.alerts == [ADMINS_ONLY], label
    assert harness.errors == [] and await deliveries(harness) == []
    (draft,) = await announcements(harness)
    assert draft.status == AnnouncementStatus.DRAFT


async def test_a_meeting_whose_time_came_is_not_announced_and_a_new_date_is_asked(world):
    harness, clock = world
    await admin_role(harness, 77, True)
    coop = await harness.add_coop("Coop Alpha")
    camille = harness.user(1001, "Camille", "fr")
    await camille.send(f"/start {coop.direction_token}")
    admin = harness.user(77, "Fed", "en")
    await admin.send("/announce")
    await admin.send("VisioCoop")
    await admin.send("tomorrow 9am")  # Tuesday 24 November 2026, 9:00
    await admin.send("https://visio.example.org/rdv")
    await admin.send("-")
    await admin.press("Everyone")
    clock.advance(days=2)  # Wednesday 25 November: the meeting is over, the preview still open

    await admin.press("📤 Send to 1 person")
    assert "⚠️ The meeting’s date, Tuesday 24 November 2026 at 09:00, has passed: nothing was sent." in (
        admin.last_text
    )
    assert "Date and time of the meeting?" in admin.last_text
    assert "✅ Keep" not in admin.buttons()  # a date passed is no answer to keep
    await deliver_announcements(harness.application)
    assert await deliveries(harness) == []
    assert not camille.last_text.startswith("📢")

    await admin.send("December 9 at 9am")  # a new date: back to the preview, the rest kept
    assert "https://visio.example.org/rdv" in admin.last_text and "Recipients: 1" in admin.last_text
    await admin.press("📤 Send to 1 person")
    assert len(await deliveries(harness)) == 1


async def test_a_draft_left_half_written_is_offered_again(harness):
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await admin.send("/announce")
    await admin.send("VisioCoop des présidents")
    await admin.send("December 9 at 9am")
    await admin.send("/dashboard")  # interrupted

    await admin.send("/announce")
    assert "You have an announcement in progress: “VisioCoop des présidents”." in admin.last_text
    assert "this draft will then be dropped" in admin.last_text
    assert admin.buttons() == ["▶️ Resume the draft", "🆕 New announcement"]
    await admin.press("▶️ Resume")
    assert "Step 3/5" in admin.last_text and "Link of the video meeting?" in admin.last_text
    await admin.press("⬅️ Back")  # the date given before is there
    assert "Currently: Wednesday 9 December 2026 at 09:00" in admin.last_text
    (draft,) = await announcements(harness)
    assert draft.status == AnnouncementStatus.DRAFT


async def test_announce_typed_at_a_question_leaves_it_and_resume_asks_the_first_unanswered(harness):
    """A command leaves the question for the inbox before it runs: « ▶️ Resume » finds the admin there and
    goes on where the draft does, its answers kept (here the description, the first not answered)."""
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await admin.send("/announce")
    await admin.send("VisioCoop")
    await admin.send("December 9 at 9am")
    await admin.send("https://visio.example.org/rdv")  # at the description now
    await admin.send("/announce")
    await admin.send("Une description")  # the question was left: no answer to it, given back, its way shown
    assert "closed by /announce" in admin.reply_text() and admin.buttons() == ["↩️ Reopen the question"]
    (draft,) = await announcements(harness)
    assert draft.description is None
    await admin.send("/announce")  # its choice again: the way back to the question is the live menu now
    choice = admin.last
    (question,) = await admin.press("▶️ Resume", choice)
    assert "Step 4/5" in question["text"] and "A short description?" in question["text"]
    assert "Currently:" not in question["text"]
    (before,) = await admin.press("⬅️ Back", question)
    assert "Currently: https://visio.example.org/rdv" in before["text"]


async def composed(admin) -> None:
    """A whole draft, on its preview (every question answered, the audience everyone)."""
    await admin.send("/announce")
    for answer in ("VisioCoop", "December 9 at 9am", "https://visio.example.org/rdv", "Une heure"):
        await admin.send(answer)
    await admin.press("Everyone")
    assert "Preview, as recipients will see it" in admin.last_text


async def test_a_question_opened_from_the_preview_then_left_for_announce_resumes_at_the_preview(harness):
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await composed(admin)
    await admin.press("✏️ Link")
    assert "Link of the video meeting?" in admin.last_text
    await admin.send("/announce")
    await admin.press("▶️ Resume")  # not walked again through the audience's step
    assert "Preview, as recipients will see it" in admin.last_text and "Audience: Everyone" in admin.last_text


async def test_announce_sent_on_the_audiences_screens_resumes_on_them(harness):
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await composed(admin)
    await admin.press("✏️ Audience")
    await admin.press("By stage of the label")
    assert "Which stage?" in admin.last_text
    await admin.send("/announce")
    await admin.press("▶️ Resume")
    assert "Which stage?" in admin.last_text
    await admin.press("Dossier submitted")
    assert "Audience: By stage of the label — Dossier submitted" in admin.last_text


async def test_a_link_and_a_description_are_cleaned_as_every_typed_text(harness):
    """A NUL is left out (PostgreSQL refuses it), zero-width spaces around are trimmed; a link with an
    invisible character or a line break inside is no link."""
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await admin.send("/announce")
    await admin.send("VisioCoop")
    await admin.send("December 9 at 9am")
    for refused in ("https://visio.example.org/\u200brdv", "https://visio.example.org/\nrdv"):
        await admin.send(refused)
        assert "is not a web link" in admin.reply_text() and "Link of the video meeting?" in admin.last_text
    await admin.send("\u200bhttps://visio.example.org/rdv\x00\u200b")
    await admin.send("\u200b-\u200b")  # no description
    (draft,) = await announcements(harness)
    assert (draft.video_link, draft.description) == ("https://visio.example.org/rdv", None)


async def test_a_new_announcement_drops_the_draft_in_progress_and_says_so(harness):
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await admin.send("/announce")
    await admin.send("VisioCoop")
    await admin.send("/requests")
    await admin.send("/announce")
    await admin.press("🆕 New announcement")
    assert "🗑 The draft “VisioCoop” was dropped." in admin.last_text
    assert "Step 1/5" in admin.last_text and "Title of the announcement?" in admin.last_text
    await admin.send("AG de la fédération")
    first, second = await announcements(harness)
    assert first.status == AnnouncementStatus.CANCELLED and second.title == "AG de la fédération"
    await admin.send("/announce")  # the new one is now the draft in progress
    assert "“AG de la fédération”" in admin.last_text


async def test_an_answer_to_a_draft_closed_meanwhile_is_given_back(harness):
    admin = harness.user(ADMIN_ID, "Fed", "en")
    await admin.send("/announce")
    await admin.send("VisioCoop")
    async with harness.database.transaction() as session:  # sent or cancelled elsewhere meanwhile
        (await session.get(Announcement, 1)).status = AnnouncementStatus.CANCELLED
    await admin.send("December 9 at 9am")
    assert harness.errors == []
    assert "What you were answering has been removed in the meantime" in admin.reply_text()
    assert admin.last_text == "December 9 at 9am"


async def test_a_meeting_begun_is_never_approved(harness):
    async with harness.database.transaction() as session:
        announcement = await create_announcement(session, ADMIN_ID, "VisioCoop")
        await update_announcement(session, announcement, "starts_at", NOW)
        with pytest.raises(AnnouncementError):
            await approve(session, announcement, ADMIN_ID, now=NOW)
        assert await approve(session, announcement, ADMIN_ID, now=NOW - timedelta(minutes=1)) == 0


async def test_the_first_question_has_the_way_out_the_next_ones_have(harness):
    """« Titre de l’annonce ? » (step 1/5, no draft yet) offers « Annuler » as steps 2 on do: it
    leads to the inbox, nothing written, and the next text typed is no title."""
    admin = harness.user(ADMIN_ID, "Fed", "fr")
    await admin.send("/annonce")
    assert "Étape 1/5" in admin.last_text and admin.buttons() == ["Annuler"]
    await admin.press("Annuler")
    assert "Annonce annulée. Rien n’a été envoyé." in admin.last_text
    await admin.send("VisioCoop")
    assert await announcements(harness) == []


async def test_a_cancelled_draft_gives_its_title_and_long_description_back_whole(harness):
    """« Annuler » on a draft drops it at once: what the admin typed in it (the title, a description of
    description near its limit) comes back whole below the inbox, as a deleted request's draft does."""
    admin = harness.user(ADMIN_ID, "Fed", "fr")
    await admin.send("/annonce")
    await admin.send("Séminaire des présidents")
    await admin.send("mercredi 9 décembre à 9 h")
    await admin.send("-")
    description = ("Deux jours pour partager nos pratiques <b>& nos idées</b>. " * 16).strip()  # 943 of 1,000
    await admin.paste(description)  # over 300 characters: judged once the admin is quiet
    await admin.press("Annuler")
    texts = [reply["text"] for reply in admin.replies]
    assert texts[0].startswith("❌ Annonce annulée. Rien n’a été envoyé. Son texte suit")
    assert texts[1] == "Séminaire des présidents"
    assert texts[2:] == [description]  # whole, to copy
    assert all(reply.get("parse_mode") is None for reply in admin.replies[1:])  # « <b> » typed is text
    (cancelled,) = await announcements(harness)
    assert cancelled.status == AnnouncementStatus.CANCELLED


async def test_a_draft_resumed_after_its_meeting_date_passed_says_so_and_offers_no_send(world):
    """A preview left for days: resumed, it says the date passed and leads to ✏️ Date, no 📤 Send."""
    harness, clock = world
    await admin_role(harness, 77, True)
    coop = await harness.add_coop("Coop Alpha")
    await harness.user(1001, "Camille", "fr").send(f"/start {coop.direction_token}")
    admin = harness.user(77, "Fed", "fr")
    await admin.send("/annonce")
    await admin.send("VisioCoop")
    await admin.send("demain 9h")  # mardi 24 novembre 2026, 9 h
    await admin.send("https://visio.example.org/rdv")
    await admin.send("-")
    await admin.press("Tout le monde")
    clock.advance(days=2)

    await admin.send("/annonce")
    await admin.press("▶️ Reprendre")
    said = admin.last_text
    assert "⚠️ La date de la réunion, mardi 24 novembre 2026 à 9 h 00, est passée" in said
    assert not [label for label in admin.buttons() if label.startswith("📤")]
    await admin.press("✏️ Date")
    await admin.send("9 décembre à 9h")
    assert "est passée" not in admin.last_text
    assert [label for label in admin.buttons() if label.startswith("📤")] == ["📤 Envoyer à 1 personne"]
