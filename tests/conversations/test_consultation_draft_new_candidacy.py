"""A consultation belongs to the candidacy being prepared when it is OPENED, not when its draft was
started: a draft begun during candidacy 1, opened once the direction prepares a new candidacy after the
refusal (cycle 2), is the new candidacy's evidence (its « 👥 Démarche », its preview's note about a
submitted dossier). One opened during candidacy 1 stays that candidacy's (what its committee read)."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from models.tables import Consultation, ConsultationStatus, Dossier
from tests.conftest import NOW
from tests.conversations.test_consultations import open_consultations


async def refused_with_consultations(harness, *statuses: ConsultationStatus):
    """A visited coop with one consultation per status given (started during candidacy 1), the label
    refused, then a new candidacy prepared (cycle 2)."""
    from tests.conversations.test_label_decision import visited_coop
    from tests.conversations.test_label_journey import decide

    director, committee = await visited_coop(harness)
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        for status in statuses:
            opened = NOW if status != ConsultationStatus.DRAFT else None
            session.add(
                Consultation(
                    coop_id=dossier.coop_id, dossier_id=dossier.id, created_by=director.id, status=status,
                    opened_at=opened, closes_on=date(2026, 12, 15), created_at=NOW, updated_at=NOW,
                )
            )  # fmt: skip
    await decide(committee, "Coop Horizon", "⛔ Ne pas attribuer le label", "Pas encore.", "21/11/2026")
    await director.send("/dossier")
    await director.press("📝 Préparer une nouvelle candidature")
    await director.press("✅ Confirmer")
    return director


async def test_a_draft_of_the_refused_candidacy_opened_now_is_the_new_candidacys_evidence(world):
    harness, _clock = world
    director = await refused_with_consultations(harness, ConsultationStatus.DRAFT)
    async with harness.database.transaction() as session:
        _first, second = (await session.exec(select(Dossier).order_by(Dossier.cycle))).all()
    assert second.cycle == 2 and second.submitted_at is None
    await open_consultations(director, ("👥 Démarche", "🗳 Consultations"))
    await director.press("✏️ 1 · ")
    assert "Votre dossier a été soumis" not in director.last_text, "the refused candidacy's submission"
    await director.press("✅ Ouvrir la consultation")
    assert "La consultation est ouverte" in director.reply_text(), director.reply_text()
    await open_consultations(director, ("👥 Démarche",))
    assert "aucune pour l’instant" not in director.last_text, director.last_text
    async with harness.database.transaction() as session:
        consultation = (await session.exec(select(Consultation))).one()
    assert consultation.dossier_id == second.id


async def test_a_consultation_opened_for_the_refused_candidacy_stays_its_evidence(world):
    harness, _clock = world
    director = await refused_with_consultations(harness, ConsultationStatus.OPEN)
    async with harness.database.transaction() as session:
        first, _second = (await session.exec(select(Dossier).order_by(Dossier.cycle))).all()
        consultation = (await session.exec(select(Consultation))).one()
    assert consultation.dossier_id == first.id
    await open_consultations(director, ("👥 Démarche",))
    assert "aucune pour l’instant" in director.last_text, director.last_text
