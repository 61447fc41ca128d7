"""Bilans d'étape: invited with the 30-day reminder, prepared together, sent by the direction, read
by the committee beside the dossier (text and PDF), and kept in the coop's history."""

from __future__ import annotations

import io
from datetime import UTC, datetime

from pypdf import PdfReader
from sqlmodel import select

from bot.delivery.reminders import sweep_reminders
from models.tables import Action, FederationRoleName, ProgressReport
from models.users import grant_federation_role
from tests.conversations.test_label_journey import COMMITTEE_ID, decide
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import submit


async def admissible_coop(harness, name: str = "Coop Bilan"):
    """A coop whose dossier the committee declared admissible today; its direction, a member, the committee."""
    invitations = await harness.add_coop(name)
    director = harness.user(5101, "Dominique", "fr")
    await director.send(f"/start {invitations.direction_token}")
    director.invitations = invitations
    member = harness.user(5102, "Sam", "en")
    await member.send(f"/start {invitations.member_token}")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")
    await complete_dossier(director)
    await submit(director)
    await decide(committee, name, "✅ Déclarer recevable", "Recevable.")
    return director, member, committee


def pdf_text(harness, message) -> str:
    data = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": message["document"]["file_id"]})["file_path"]
    )
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


async def test_a_bilan_from_the_invitation_to_the_committee_and_the_history(world):
    harness, clock = world
    director, member, committee = await admissible_coop(harness)
    # 30 days before the 6-month checkpoint (23 May 2027): the reminder invites to prepare the bilan
    clock.now = datetime(2027, 4, 23, 8, 0, tzinfo=UTC)
    await sweep_reminders(harness.application)
    assert "Prepare your checkpoint report" in member.last_text  # English words for English users
    await member.press("📝 Prepare the report")
    assert "Checkpoint report — 6-month checkpoint" in member.last_text
    assert "Indicators (0/8 checked)" in member.last_text
    assert "📤" not in " ".join(member.buttons()) and "The direction sends it" in member.last_text

    await member.press("📈 Values")
    assert "Latest value: 12.5% (23 November 2026)" in member.last_text  # when it was typed
    await member.send("18,5")
    for _ in range(7):
        await member.press("✅ Keep")
    assert "Indicators (8/8 checked)" in member.last_text
    await member.press("✅ Actions")
    await member.press("🚫 Dropped")
    await member.send("The trainer left; replaced by the federation's course.")
    for _ in range(7):
        await member.press("⏳ In progress")
    await member.press("⚠️ Difficulties")
    assert member.last_text.startswith("Report · 6-month checkpoint\n")  # where one is, as the walks say
    await member.send("Few tenants came to the meetings <in> winter & spring.")
    await member.press_data(member.last, "bly:6")
    assert member.alerts == ["Your role does not allow this."]

    await member.press("⚠️ Difficulties")  # the member is on the question when the director sends
    assert member.last_text.startswith("Report · 6-month checkpoint\nNow:\nFew tenants")  # its text above
    await director.send("/bilan")
    await director.press("📤 ")
    assert "⚠️" in director.last_text  # the help wanted is not answered yet
    await director.press("🤝 ")
    await director.press("🙅 ")
    await director.press("📤 ")
    await director.press("📤 ")  # yes, send
    await harness.run_background()
    assert "Coop Bilan" in committee.last_text and "bilan" in committee.last_text.lower()

    await committee.press("📝 ")
    await committee.press("(PDF)")
    text = pdf_text(harness, committee.last)
    assert "Few tenants came to the meetings <in> winter & spring." in text
    assert "18,5" in text and "The trainer left" in text
    await member.send("More words, too late.")  # refused, not written into the next bilan: given back
    said = member.texts()[-3:]
    assert "The 6-month report was sent by Dominique on " in said[0] and said[-1] == "More words, too late."
    await member.send("/bilan")  # the committee has not recorded the checkpoint yet: the next bilan is open
    assert (
        "Checkpoint report — 12-month checkpoint" in member.last_text and "More words" not in member.last_text
    )

    clock.now = datetime(2027, 5, 25, 9, 0, tzinfo=UTC)
    await decide(committee, "Coop Bilan", "📍 Point à 6 mois tenu", "Bon avancement.")
    await member.send("/bilan")
    assert "12-month checkpoint" in member.last_text
    await member.press("📚 Previous reports")
    assert (
        "6-month checkpoint" in member.last_text
        and "held on 25 May 2027: “Bon avancement.”" in member.last_text
    )
    assert member.buttons()[:2] == ["📖 1. Read", "📄 1. PDF"]  # ≤ 20 characters, two per row
    await member.press("📖 1. Read")
    assert "Few tenants came" in member.last_text and "🚫" in member.last_text
    async with harness.database.transaction() as session:
        dropped = (await session.exec(select(Action).where(Action.status == "dropped"))).all()
        report = (await session.exec(select(ProgressReport))).one()
    assert len(dropped) == 1 and dropped[0].note.startswith("The trainer left")
    assert report.help_wanted == "" and report.sent_by == 5101


async def test_another_coop_never_reads_a_bilan(world):
    harness, clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Privée")
    await director.send("/bilan")
    await director.press("⚠️ ")
    await director.send("Rien à signaler.")
    async with harness.database.transaction() as session:
        report = (await session.exec(select(ProgressReport))).one()
    report_id = report.id
    async with harness.database.transaction() as session:
        report = await session.get(ProgressReport, report_id)
        report.status, report.sent_at, report.content = "sent", clock.now, "{}"
        session.add(report)
    outsider = harness.user(5199, "Eve", "en")
    invitations = await harness.add_coop("Coop Autre")
    await outsider.send(f"/start {invitations.member_token}")
    for data in (f"blr:{report_id}", f"blp:{report_id}", f"cmbr:{report_id}:p", "cmb:1"):
        await outsider.press_data(outsider.last, data)
        assert outsider.alerts and outsider.alerts[0] in (
            "This button is not for your coop’s dossier, or what it pointed to was removed.",
            "This is reserved for the validation committee.",
        ), data


async def test_a_checkpoint_past_its_day_and_not_recorded_is_still_the_next_step(world):
    """/progres does not skip the 6-month checkpoint for the 12-month one once its day has passed."""
    harness, clock = world
    director, _member, _committee = await admissible_coop(harness, "Coop Retard")
    await director.send("/progres")
    assert "Prochaine étape\u00a0: Point d’étape à 6 mois" in director.reply_text()
    clock.now = datetime(2027, 5, 24, 9, 0, tzinfo=UTC)  # the day after, the committee has not recorded it
    await director.send("/progres")
    text = director.reply_text()
    assert (
        "⏳ Point d’étape à 6 mois\u00a0: échéance le 23 mai 2027" in text
        and "en attente d’enregistrement" in text
    )
    assert "Prochaine étape\u00a0: Point d’étape à 12 mois" in text
    await director.send("/calendrier")  # the calendar says it too, above the dates ahead
    calendar = director.last_text
    assert "⏳ Point d’étape à 6 mois\u00a0: échéance le 23 mai 2027, en attente d’enregistrement" in calendar
    assert calendar.index("⏳") < calendar.index("Point d’étape à 12 mois")
