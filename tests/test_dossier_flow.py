"""The dossier conversation, played from empty to « ready to submit »."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlmodel import select

from models.tables import Action, AuditEntry, Dossier, DossierStatus, EngagementChoice, Indicator
from tests.dossier_steps import LABELS, choose, fill_suggested_indicator, join

CODES = [1, 2, 3, 5, 6, 9, 10, 12]


async def test_whole_dossier_in_english(harness):
    sam = await join(harness, 301, "en", "Coop Riverside")
    await choose(sam, CODES[:7])
    assert "Axis 3 — 2/4" in sam.last_text
    await sam.press("🏠 My dossier")
    assert "Engagements: 7/8 minimum" in sam.last_text
    assert "Choose 1 more engagement, in the axis of your choice" in sam.last_text
    await choose(sam, [12])
    assert "Axis 3 — 3/4" in sam.last_text
    answers = {
        "rationale": "It shows we house modest households.",
        "current": "12.5", "target": "25", "date": "May 2028",
        "action": "Train the sales team", "owner": "Sales manager", "due": "March 2027",
    }
    for code in CODES:
        await fill_suggested_indicator(sam, code, answers)
        assert "Action plan" in sam.last_text and "Train the sales team — Sales manager — March 2027" in sam.last_text
    await sam.send("/dossier")
    await sam.press(LABELS["en"]["involvement"])
    await sam.press(LABELS["en"]["answer"])
    for text in ("We measure what makes us a coop.", "Team meeting on 12 May.", "Letter to residents.", "Not yet."):
        await sam.send(text)
    assert "Approach and involvement" in sam.last_text and "Not yet." in sam.last_text
    await sam.press("🏠 My dossier")
    assert "Everything is complete" in sam.last_text
    await sam.press("✅ Mark as ready")
    assert "The dossier is marked ready to submit." in sam.last_text
    assert "Cycle 1 · Ready to submit ✅" in sam.last_text

    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        chosen = sorted((await session.exec(select(EngagementChoice.engagement_code))).all())
        indicators = (await session.exec(select(Indicator))).all()
        actions = (await session.exec(select(Action))).all()
        audit = (await session.exec(select(AuditEntry).where(AuditEntry.actor_id == 301))).all()
    assert dossier.status == DossierStatus.READY and chosen == CODES
    assert len(indicators) == 8 and len(actions) == 8
    first = next(i for i in indicators if i.engagement_code == 1)
    assert (first.current_value, first.target_value, first.target_date) == ("12.5", "25", date(2028, 5, 31))
    assert Decimal(first.current_value) == Decimal("12.5") and first.unit == "percent"
    assert actions[0].due_date == date(2027, 3, 31) and actions[0].due_precision == "month"
    assert dossier.members_consultation == "Not yet."
    assert len(audit) > 50  # every change is in the audit trail, with its author
