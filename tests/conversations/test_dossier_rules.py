"""Each rule failing shows its gap in plain words and « mark ready » is refused."""

from __future__ import annotations

from sqlmodel import select

from models.tables import Dossier, DossierStatus
from tests.dossier_steps import choose, fill_suggested_indicator, join, upload_letter

ANSWERS = {
    "rationale": "Because.",
    "current": "10",
    "target": "20",
    "date": "05/2028",
    "action": "Do it",
    "owner": "Us",
    "due": "03/2027",
}
INVOLVEMENT = ("Our approach.", "Staff meeting.", "Residents' letter.", "No consultation yet.")


async def complete_except(user, codes, skip_indicator_for=()):
    """Choose ``codes``, fill one indicator for each (but some), and the involvement part."""
    await choose(user, codes)
    for code in codes:
        if code not in skip_indicator_for:
            await fill_suggested_indicator(user, code, ANSWERS)
    await user.send("/dossier")
    await user.press("👥 Approach")
    await user.press("✍️ Answer")
    for text in INVOLVEMENT:
        await user.send(text)
    await upload_letter(user)


async def assert_ready_refused(harness, user, expected_gap: str):
    await user.send("/dossier")
    assert expected_gap in user.last_text
    await user.press("✅ Mark as ready")
    assert "The dossier cannot be marked ready yet:" in user.last_text
    assert expected_gap in user.last_text
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Dossier))).one().status == DossierStatus.DRAFT


async def test_seven_engagements(harness):
    sam = await join(harness, 401, "en")
    await complete_except(sam, [1, 2, 5, 6, 9, 10, 12])
    await assert_ready_refused(harness, sam, "Choose 1 more engagement, in the axis of your choice")
    assert "1 · More engagements" in sam.buttons()  # « of your choice »: not one axis named


async def test_axis_with_one_engagement(harness):
    sam = await join(harness, 402, "en")
    await complete_except(sam, [1, 2, 3, 4, 5, 6, 7, 9])
    await assert_ready_refused(harness, sam, "1 engagement is missing in axis 3")
    await sam.press("1 · Axis 3")
    assert sam.last_text.startswith("Axis 3 — 1/4 (1 more to choose)")


async def test_engagement_without_indicator(harness):
    sam = await join(harness, 403, "en")
    await complete_except(sam, [1, 2, 3, 5, 6, 9, 10, 12], skip_indicator_for=(6,))
    await assert_ready_refused(harness, sam, "Engagement 6 has no indicator yet")
    await sam.press("1 · Engagement 6")
    assert "Pick a suggested indicator or write your own" in sam.last_text


async def test_indicator_without_target(harness):
    sam = await join(harness, 404, "en")
    await complete_except(sam, [1, 2, 3, 5, 6, 9, 10, 11], skip_indicator_for=(11,))
    await sam.send("/dossier")
    await sam.press("📊 Indicators")
    await sam.press(" 11 · ")
    await sam.press("➕ Add an indicator")
    await sam.press("1 · ")
    await sam.send("Why not.")
    await sam.send("40")  # current value, then leave without a target
    await sam.send("/cancel")
    await assert_ready_refused(harness, sam, "missing target value")
    await sam.press("1 · Indicator")
    assert "Missing: target value" in sam.last_text


async def test_a_complete_dossier_goes_back_to_draft_when_a_rule_breaks(harness):
    sam = await join(harness, 405, "en")
    await complete_except(sam, [1, 2, 3, 5, 6, 9, 10, 11])
    await sam.send("/dossier")
    await sam.press("✅ Mark as ready")
    assert "Ready to submit ✅" in sam.last_text
    await sam.press("⬜ Axis 1") if "⬜ Axis 1" in " ".join(sam.buttons()) else await sam.press("Axis 1")
    await sam.press("✅ 3 · ")
    assert "Removing this engagement also deletes its indicator and its action." in sam.last_text
    await sam.press("🗑 Yes, remove it")
    assert "Engagement 3 removed." in sam.last_text and "Axis 1 — 2/4" in sam.last_text
    await sam.press("🏠 My dossier")
    assert "Cycle 1 · Draft" in sam.last_text and "Choose 1 more engagement" in sam.last_text
