"""A renewal under review (cycle 2 submitted, then declared recevable): the committee reads cycle 1's bilans
d'étape from cycle 2's screen in /comite, by « 📝 Bilans d'étape » and from « 📜 Cycle 1 », each bilan with
the committee's comment, and comes back where it came from; a coop at its third cycle, both earlier
cycles' bilans. Only the committee.

Before, once cycle 2 was submitted /comite listed the coop as cycle 2 only: its screen had no « 📝 » while
submitted, and once recevable « 📝 Bilans d'étape » said « Aucun bilan envoyé » and « 📜 Cycle 1 » had
« ⬅️ Retour » only: cycle 1's bilans, on which the renewal is judged, were reachable by no button."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import select

from models.tables import Dossier, DossierStatus, ProgressReport
from tests.conversations.test_bilans import admissible_coop
from tests.conversations.test_committee_cycle_bilans import send_six_month_bilan
from tests.conversations.test_committee_followed import REFUSED
from tests.conversations.test_label_journey import decide
from tests.submitted_rows import complete_content

COMMITTEE_ONLY = "Ceci est réservé au comité de validation."


async def cycle_two_submitted(harness, clock):
    """Cycle 1: its 6-month bilan sent and held (« Bon avancement. »), labelled, renewed; cycle 2 submitted."""
    director, _member, committee = await admissible_coop(harness, "Coop Horizon")
    clock.now = datetime(2027, 5, 1, 8, 0, tzinfo=UTC)
    await send_six_month_bilan(director, harness)
    clock.now = datetime(2027, 5, 25, 9, 0, tzinfo=UTC)
    await decide(committee, "Coop Horizon", "📍 Point à 6 mois", "Bon avancement.")
    await decide(committee, "Coop Horizon", "🚪 Visite effectuée", "Visite faite.")
    await decide(committee, "Coop Horizon", "🏅 Attribuer le label", "Label attribué.")
    clock.now = datetime(2030, 5, 26, 9, 0, tzinfo=UTC)
    await decide(committee, "Coop Horizon", "🔄", "Place au cycle 2.")
    await submit_latest(harness)
    return director, committee


async def submit_latest(harness) -> Dossier:
    """The coop's latest cycle completed and submitted."""
    async with harness.database.transaction() as session:
        latest = (await session.exec(select(Dossier).order_by(Dossier.cycle.desc()))).first()
        await complete_content(session, latest)
        latest.status = DossierStatus.SUBMITTED
        session.add(latest)
    return latest


async def open_coop(committee, cycle_said: str) -> None:
    """/comite, the coop: the screen of the cycle under review."""
    await committee.send("/comite")
    await committee.press("#1 Coop Ho")
    assert cycle_said in committee.last_text, committee.last_text


async def read_cycle_one_bilan(committee, screen_said: str) -> None:
    """From the list of bilans: cycle 1's 6-month bilan with the committee's comment, ⬅️ the list, ⬅️ the
    screen of the cycle under review."""
    listed = committee.last_text
    cycle_one = listed.split("\nCycle 1\n")[1]
    assert "Point d’étape à 6 mois" in cycle_one and "Aucun bilan" not in cycle_one, listed
    await committee.press("📄 Cycle 1 · Point d’étape à 6 mois")
    read = committee.reply_text()
    assert "Peu de locataires aux réunions." in read and "Bon avancement." in read, read
    await committee.press("⬅️ Retour")
    assert committee.last_text == listed
    await committee.press("⬅️ Retour")
    assert screen_said in committee.last_text


async def test_cycle_one_bilans_from_the_renewal_submitted_then_recevable(world):
    harness, clock = world
    director, committee = await cycle_two_submitted(harness, clock)
    for cycle_said in ("Cycle 2 · Soumis au comité", "Cycle 2 · Recevable"):
        await open_coop(committee, cycle_said)
        await committee.press("📝 Bilans d’étape")
        assert "Cycle 2\nAucun bilan envoyé pour l’instant." in committee.last_text  # its own, by cycle
        await read_cycle_one_bilan(committee, cycle_said)
        await committee.press("📜 Cycle 1")  # beside cycle 1's results, too
        await committee.press("📝 Bilans d’étape")
        await read_cycle_one_bilan(committee, cycle_said)
        if cycle_said.endswith("Soumis au comité"):
            await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Cycle 2 recevable.")

    async with harness.database.transaction() as session:
        second = (await session.exec(select(Dossier).where(Dossier.cycle == 2))).one()
        report = (await session.exec(select(ProgressReport))).one()
    await committee.press_data(committee.last, f"cmbr:{report.id}:t:{report.id + 99}")  # a list not its own
    assert committee.alerts == [REFUSED]
    await director.send("/dossier")
    for forged in (f"cmb:{second.id}", f"cmbr:{report.id}:t:{second.id}", f"cmbr:{report.id}:t"):
        before = len(director.messages)
        await director.press_data(director.last, forged)
        assert director.alerts == [COMMITTEE_ONLY], forged
        assert len(director.messages) == before


async def test_a_third_cycle_reads_both_earlier_cycles_bilans(world):
    harness, clock = world
    director, committee = await cycle_two_submitted(harness, clock)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Cycle 2 recevable.")
    clock.now = datetime(2030, 11, 1, 8, 0, tzinfo=UTC)
    await director.send("/bilan")
    await director.press("⚠️ Diff")
    await director.send("Le cycle 2 avance lentement.")
    await director.press("🤝 ")
    await director.press("🙅 ")
    await director.press("📤 ")
    await director.press("📤 ")
    await harness.run_background()
    clock.now = datetime(2030, 11, 30, 9, 0, tzinfo=UTC)
    await decide(committee, "Coop Horizon", "🚪 Visite effectuée", "Visite faite.")
    await decide(committee, "Coop Horizon", "🏅 Attribuer le label", "Label attribué.")
    clock.now = datetime(2033, 12, 1, 9, 0, tzinfo=UTC)
    await decide(committee, "Coop Horizon", "🔄", "Place au cycle 3.")
    await submit_latest(harness)

    await open_coop(committee, "Cycle 3 · Soumis au comité")
    await committee.press("📝 Bilans d’étape")
    listed = committee.last_text
    assert listed.index("Cycle 2") < listed.index("Cycle 1"), listed
    await committee.press("📄 Cycle 2 · Point d’étape à 6 mois")
    assert "Le cycle 2 avance lentement." in committee.reply_text()
    await committee.press("⬅️ Retour")
    await read_cycle_one_bilan(committee, "Cycle 3 · Soumis au comité")
    await committee.press("📜 Cycle 2")
    assert "📝 Bilans d’étape" in committee.buttons()
