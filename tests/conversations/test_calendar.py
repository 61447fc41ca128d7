"""/calendrier lists the dates ahead and gives them as an .ics file a calendar can import."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar

from models.dossier.current import current_dossier
from models.label.lifecycle import Role, Transition
from models.label.transitions import apply_transition
from models.tables import DossierStatus
from tests.dossier_steps import join


async def test_calendar_and_ics(harness):
    camille = await join(harness, 901, "fr", "Coop Agenda")
    async with harness.database.transaction() as session:
        dossier = await current_dossier(session, camille.invitations.coop.id)
        dossier.status = DossierStatus.SUBMITTED
        session.add(dossier)
        await apply_transition(
            session,
            dossier,
            Transition.DECLARE_ADMISSIBLE,
            role=Role.COMMITTEE,
            actor_id=1,
            comment="",
            on_date=date(2026, 11, 20),
            now=harness.clock(),
        )
    await camille.send("/calendrier")
    text = camille.last_text
    assert "Prochaines dates" in text
    assert "mardi 1er décembre 2026 — Réunion du comité de validation" in text
    assert "jeudi 20 mai 2027 — Point d’étape à 6 mois" in text
    assert "samedi 20 novembre 2027 — Point d’étape à 12 mois" in text
    assert "samedi 20 mai 2028 — Visite du comité (18 mois)" in text
    assert camille.buttons() == ["📅 Ajouter à mon agenda", "🏠 Mon dossier"]  # ux: a way home
    await camille.press("📅 Ajouter à mon agenda")
    document = camille.last["document"]
    assert document["file_name"] == "qualicoop.ics"
    content = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": document["file_id"]})["file_path"]
    )
    calendar = Calendar.from_ical(content)
    events = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in calendar.walk("VEVENT")}
    assert events["Quali’Coop — Point d’étape à 6 mois"] == date(2027, 5, 20)
    assert events["Quali’Coop — Visite du comité (18 mois)"] == date(2028, 5, 20)
    await camille.send("/calendrier")
    await camille.press("🏠 Mon dossier")
    assert "Dossier Quali’Coop" in camille.last_text


async def test_calendar_needs_a_coop(harness):
    stranger = harness.user(902)
    await stranger.send("/calendrier")
    assert "Vous ne faites pas encore partie d’une coopérative" in stranger.last_text
