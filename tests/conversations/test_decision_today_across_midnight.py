"""The committee's « ✅ Aujourd’hui (31 août 2026) » carries the day it shows: pressed after midnight, the
decision is dated the day on the button (the day the person chose, shown in full on the confirmation,
nothing recorded before « ✅ Confirmer »), not the day of the tap; a day shown that the decision can no
longer take (a colleague recorded a later step meanwhile) is refused and the question asked again with
the new day. A button drawn by an earlier version (no day) still dates the tap's day."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import select

from models.tables import Checkpoint, Dossier, FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide

NBSP = "\u00a0"


async def test_today_pressed_after_midnight_dates_the_day_shown(world):
    harness, clock = world
    _director, committee = await submitted_coop(harness)
    clock.now = datetime(2026, 8, 31, 21, 58, tzinfo=UTC)  # 23:58 Paris, Monday 31 August
    await committee.send("/comite")
    await committee.press("#1 Coop Ho")
    await committee.press("✅ Déclarer recevable")
    await committee.send("Recevable.")
    _, data = committee.find_button("✅ Aujourd’hui (31 août 2026)")
    assert len(data.encode()) <= 64
    clock.now = datetime(2026, 8, 31, 22, 2, tzinfo=UTC)  # 00:02 Paris, Tuesday 1 September
    await committee.press("✅ Aujourd’hui (31 août 2026)")
    assert "lundi 31 août 2026" in committee.last_text  # the confirmation, the day shown
    assert "bouton" in committee.reply_text() and "1er septembre 2026" in committee.reply_text()
    await committee.press("✅ Confirmer")
    assert "Décision enregistrée et envoyée" in committee.last_text
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
    assert dossier.admissible_on == date(2026, 8, 31)


async def test_a_day_shown_the_decision_can_no_longer_take_is_refused_and_asked_again(world):
    harness, clock = world
    _director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    colleague = harness.user(8000002, "Camille", "fr")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, colleague.id, FederationRoleName.COMMITTEE)
    clock.now = datetime(2026, 11, 23, 22, 58, tzinfo=UTC)  # 23:58 Paris, 23 November
    await committee.send("/comite")
    await committee.press("#1 Coop Ho")
    await committee.press("🚪 Visite")
    await committee.send("Visite faite.")
    question = committee.last
    clock.now = datetime(2026, 11, 23, 23, 2, tzinfo=UTC)  # 00:02 Paris, 24 November
    # meanwhile a colleague records the 6-month checkpoint held today, 24 November: no visit before it
    await decide(colleague, "Coop Horizon", "📍 Point à 6 mois tenu", "Bon avancement.", None)
    await committee.press("✅ Aujourd’hui (23 novembre 2026)", question)
    assert "24/11/2026" in committee.reply_text()  # from then on
    assert "✅ Aujourd’hui (24 novembre 2026)" in committee.buttons()
    await committee.press("✅ Aujourd’hui (24 novembre 2026)")
    assert "mardi 24 novembre 2026" in committee.last_text
    await committee.press("✅ Confirmer")
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        visit = (await session.exec(select(Checkpoint).where(Checkpoint.kind == "visit"))).one()
    assert (dossier.status, visit.held_on) == ("visited", date(2026, 11, 24))


async def test_a_today_button_of_an_earlier_version_dates_the_day_of_the_tap(world):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await committee.send("/comite")
    await committee.press("#1 Coop Ho")
    await committee.press("✅ Déclarer recevable")
    await committee.send("Recevable.")
    await committee.press_data(committee.last, "cmt")
    assert "lundi 23 novembre 2026" in committee.last_text


async def test_a_today_button_left_for_days_asks_the_date_again_with_today_s(world):
    """Only the midnight crossing keeps the day shown (the day before at most): a date question left
    open since Friday and pressed on Monday does not date the decision Friday unsaid."""
    harness, clock = world
    _director, committee = await submitted_coop(harness)
    clock.now = datetime(2026, 8, 28, 15, 0, tzinfo=UTC)  # Friday 28 August
    await committee.send("/comite")
    await committee.press("#1 Coop Ho")
    await committee.press("✅ Déclarer recevable")
    await committee.send("Recevable.")
    clock.now = datetime(2026, 8, 31, 8, 0, tzinfo=UTC)  # Monday 31 August
    await committee.press("✅ Aujourd’hui (28 août 2026)")
    assert "28 août 2026" in committee.reply_text() and "Confirmer" not in " ".join(committee.buttons())
    assert "✅ Aujourd’hui (31 août 2026)" in committee.buttons()
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Dossier))).one().admissible_on is None
