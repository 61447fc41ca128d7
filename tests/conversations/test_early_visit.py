"""A visit before A + 18 months (the coop said it was ready): the interim checkpoints not held by then
are no longer due — no reminder, no calendar date, no committee flag — and a held one stays held."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.delivery.reminders import sweep_reminders
from models.tables import AuditEntry, Checkpoint, Dossier, DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_label_journey import decide
from tests.dossier_steps import join
from tests.submitted_rows import complete_content

PARIS = ZoneInfo("Europe/Paris")
COMMITTEE_ID = 8000001


async def submitted_coop(harness, name: str = "Coop Horizon"):
    """A coop whose dossier was submitted on 1 August 2026, and a committee member."""
    director = await join(harness, 701, "fr", name)
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
        dossier = (await session.exec(select(Dossier))).one()
        dossier.status = DossierStatus.SUBMITTED
        dossier.submitted_at = datetime(2026, 8, 1, 10, tzinfo=UTC)
        await complete_content(session, dossier)
    return director, harness.user(COMMITTEE_ID, "Claude", "fr")


async def test_an_early_visit_closes_the_interim_checkpoints_not_held(world):
    harness, clock = world
    director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    # the 6-month checkpoint was held early; the 12-month one never was
    await decide(committee, "Coop Horizon", "📍 Point à 6 mois tenu", "Bon avancement.", "15/11/2026")
    await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "20/11/2026")
    visit_news = next(text for text in reversed(director.texts()) if "visite du" in text)
    assert "Les points d’étape non tenus avant elle sont clos" in visit_news  # no bilan expected for them
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")

    async with harness.database.transaction() as session:
        kinds = {c.kind: c.held_on for c in (await session.exec(select(Checkpoint))).all()}
        audit = (
            await session.exec(select(AuditEntry).where(AuditEntry.action == "superseded_by_visit"))
        ).all()
    assert kinds == {
        "six_months": date(2026, 11, 15),  # held stays held
        "visit": date(2026, 11, 20),
        "mid_term": None,
        "expiry": None,
    }
    assert [entry.old_value for entry in audit] == ["twelve_months: 2027-08-31"]  # what was planned, kept

    await director.send("/calendrier")
    assert "12 mois" not in director.last_text and "6 mois" not in director.last_text
    await director.send("/dossier")
    await director.press("📈")
    assert "12 mois" not in director.last_text
    await director.send("/bilan")  # no bilan left to prepare for a checkpoint no longer due
    assert "Aucun point d’étape à venir ne demande de bilan" in director.last_text

    await committee.send("/comite")
    assert "⏰" not in committee.last_text
    await committee.press("Coop Horizon")
    assert "Point d’étape à 6 mois — ✅ tenu le" in committee.last_text
    assert "Point d’étape à 12 mois — ➖ non enregistré avant la visite" in committee.last_text
    assert not any("mois tenu" in b for b in committee.buttons())

    # 30 days before what was the 12-month date, and every day around it: no reminder for it
    for day in (date(2027, 8, 1), date(2027, 8, 24), date(2027, 8, 30), date(2027, 8, 31)):
        before = len(director.messages)
        clock.now = datetime.combine(day, time(9, 5), tzinfo=PARIS)
        await sweep_reminders(harness.application)
        assert director.texts()[before:] == []


async def test_a_reminder_handed_over_before_the_visit_is_not_sent_after_it(world):
    harness, clock = world
    director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    # 30 days before the 6-month checkpoint (28 February 2027): the coop is reminded
    clock.now = datetime.combine(date(2027, 1, 29), time(9, 5), tzinfo=PARIS)
    await sweep_reminders(harness.application)
    assert "Point d’étape à 6 mois — dans 30 jours" in director.last_text
    await decide(committee, "Coop Horizon", "🚪 Visite", "Prête plus tôt.", "29/01/2027")
    for day in (date(2027, 2, 21), date(2027, 2, 27), date(2027, 2, 28), date(2027, 7, 31)):
        before = len(director.messages)
        clock.now = datetime.combine(day, time(9, 5), tzinfo=PARIS)
        await sweep_reminders(harness.application)
        assert director.texts()[before:] == [], day
