"""A consultation as evidence: who was asked stays after its link is withdrawn; when it was opened."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from bot.delivery.consultations import remind_consultations
from models.privacy.retention import expire
from models.tables import ConsultationAnswer
from tests.conversations.test_bilans import pdf_text
from tests.conversations.test_committee_changes import submitted_by_dominique
from tests.conversations.test_committee_pdf import pages_of
from tests.conversations.test_consultations import open_consultations, prepare_default
from tests.dossier_steps import join


async def guests_answer(harness, link: str, first_id: int, count: int, choice: str = "⬜ 7 · ") -> None:
    """``count`` people outside the bot answer through the public link."""
    for n in range(count):
        guest = harness.user(first_id + n, f"Guest {n}", "en")
        await guest.send("/start " + link.rsplit("start=", 1)[1])
        await guest.press(choice)
        await guest.press("📨 Send my answer")


async def test_who_was_asked_stays_when_the_link_is_withdrawn_30_days_after_closing(world):
    harness, clock = world
    director = await join(harness, 3401, "en", "Coop Trente")
    link = await prepare_default(director, "30/11/2026")
    await guests_answer(harness, link, 3410, 3)
    clock.advance(days=8 + 31)
    async with harness.database.transaction() as session:
        assert (await expire(session, clock()))["links"] == 1
    await open_consultations(director)
    await director.press("⏹ 1 · ")
    asked = "all the members of the coop in the assistant, coopérateurs through a public link"
    assert asked in director.last_text
    assert "?start=c_" not in director.last_text  # the link itself is withdrawn
    await director.send("/recap")
    assert asked in director.reply_text()


async def test_a_consultation_opened_after_the_submission_says_so_to_the_committee(world):
    harness, clock = world
    director, committee = await submitted_by_dominique(harness, 3421, "Coop Après")
    clock.advance(days=2)
    link = await prepare_default(director, "15/12/2026", lang="fr")
    await guests_answer(harness, link, 3430, 3)
    await committee.send("/comite")
    await committee.press("Coop Après")
    screen = committee.last
    await committee.press("📄 Relire", screen)
    review = " ".join(committee.texts())
    late = "Ouverte le 25 novembre 2026, jusqu’au 15 décembre 2026 · ouverte après la soumission du dossier"
    assert late + " (23 novembre 2026) · chiffres au 25 novembre 2026" in review
    await committee.press("📄 PDF", screen)
    document = next(m for m in reversed(committee.messages) if "document" in m)
    assert late in " ".join(pages_of(harness, document)).replace("\u2019", "’")


async def test_text_typed_on_the_ballot_is_kept_as_the_comment(world):
    harness, _clock = world
    director = await join(harness, 3441, "en", "Coop Texte")
    link = await prepare_default(director, "15/12/2026")
    guest = harness.user(3442, "Léa", "en")
    await guest.send("/start " + link.rsplit("start=", 1)[1])
    await guest.press("⬜ 2 · ")
    await guest.send("Engagement 2 is essential, we lack meetings!")  # without pressing 💬 Comment
    said = guest.reply_text()
    assert "Your message is saved as your comment. To change it, press 💬 Comment." in said
    assert "💬 Engagement 2 is essential, we lack meetings!" in guest.last_text  # on the ballot, again
    assert "⚠️ Not sent yet" in guest.last_text
    await guest.send("Rather engagement 3.")  # a second message: added, not replacing the first
    assert "Your message is added to your comment" in guest.reply_text()
    await guest.press("📨 Send my answer")
    async with harness.database.transaction() as session:
        answer = (await session.exec(select(ConsultationAnswer))).one()
    assert answer.comment == "Engagement 2 is essential, we lack meetings!\nRather engagement 3."
    assert answer.answered_at is not None


async def test_no_counts_nor_comments_before_three_answers_in_the_chat_and_the_pdf(world):
    harness, _clock = world
    director = await join(harness, 3481, "en", "Coop Seuil")
    link = await prepare_default(director, "15/12/2026")
    for n in range(2):
        guest = harness.user(3482 + n, f"Guest {n}", "en")
        await guest.send("/start " + link.rsplit("start=", 1)[1])
        await guest.press("⬜ 4 · ")
        await guest.send(f"Secret opinion {n}")
        await guest.press("📨 Send my answer")
    await open_consultations(director)
    await director.press("🟢 1 · ")
    assert "2 answers out of 3 people reached (67%) · results at closing" in director.last_text
    assert "Secret opinion" not in director.last_text and "• 4." not in director.last_text
    await director.press("⏹ Close now")  # closed with 2 answers: still nothing but the count
    await director.press("⏹ Yes, close it")
    assert "results visible from 3 answers" in director.last_text
    await director.send("/pdf")
    pdf = " ".join(pdf_text(harness, director.last).split())
    assert "(67%) · results visible from 3 answers" in pdf and "Secret opinion" not in pdf


async def test_a_link_only_consultation_opens_with_the_link_to_share_and_no_member_count(world):
    harness, _clock = world
    director = await join(harness, 3501, "en", "Coop Lien Seul")
    await open_consultations(director)
    await director.press("➕ New consultation")
    await director.press("⭐ The engagements")
    await director.press("✅ 👥 Members")
    await director.press("⬜ 🔗 Public link")
    await director.press("➡️ Continue")
    await director.send("15/12/2026")
    await director.press("✅ Open the consultation")
    said = director.reply_text()
    assert "The consultation is open. Share its public link below now: only those who open it" in said
    assert "member" not in said.split("Share")[0]
    assert "?start=c_" in director.last_text


async def test_the_direction_member_who_opened_it_is_not_reminded(world):
    harness, clock = world
    director = await join(harness, 3511, "en", "Coop Rappel Direction")
    member = harness.user(3512, "Sam", "en")
    await member.send(f"/start {director.invitations.member_token}")
    await prepare_default(director, "15/12/2026", link=False)
    await harness.run_background()
    clock.now = datetime(2026, 12, 13, 9, 0, tzinfo=UTC)
    assert await remind_consultations(harness.application) == 1
    assert "Reminder: the consultation of Coop Rappel Direction" in member.last_text
    assert not any("Reminder" in text for text in director.texts())
