"""The committee confirms « 📍 Point à 6 mois tenu » while the direction sends that checkpoint's bilan (two
instances, PostgreSQL): the bilan commits after the committee's confirmation began and before it holds the
dossier. The news to the coop said « votre bilan n'a pas été envoyé » of a bilan sent: the draft was read
before the dossier was held; it is read once held, as the bilan's sending holds it."""

from __future__ import annotations

import json

from sqlmodel import select

from conversations.committee import decisions
from models.tables import Notification, ProgressReport, ReportStatus
from tests.conversations.test_bilan_closed_meanwhile import on_the_send_confirmation
from tests.conversations.test_bilans import admissible_coop
from tests.databases import needs_postgres


@needs_postgres
async def test_a_bilan_sent_while_the_committee_confirms_is_not_said_unsent(world, monkeypatch):
    harness, _clock = world
    director, _member, committee = await admissible_coop(harness)
    confirmation = await on_the_send_confirmation(director)
    await committee.send("/comite")
    await committee.press("Coop Bilan"[:14])
    await committee.press("📍 Point à 6 mois tenu")
    await committee.send("Tenu.")
    if "À quelle date\u00a0?" in committee.last_text:
        await committee.press("✅ Aujourd’hui")
    apply = decisions.apply_transition

    async def the_bilan_sent_then_applied(*args, **kwargs):
        monkeypatch.setattr(decisions, "apply_transition", apply)
        await director.press("📤 ", message=confirmation)  # another instance, committed right before
        return await apply(*args, **kwargs)

    monkeypatch.setattr(decisions, "apply_transition", the_bilan_sent_then_applied)
    await committee.press("✅ Confirmer")
    assert "Décision enregistrée et envoyée" in committee.last_text, committee.last_text
    async with harness.database.transaction() as session:
        report = (await session.exec(select(ProgressReport))).one()
        news = (await session.exec(select(Notification).where(Notification.kind == "decision"))).all()
    assert report.status == ReportStatus.SENT
    assert news and not any(json.loads(n.payload).get("draft_unsent") for n in news), [
        n.payload for n in news
    ]
