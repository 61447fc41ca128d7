"""A committee decision's date is checked when it is typed: never before what it follows (the submission,
the admissibility, the visit, the label) nor after today; the question is asked again, the comment
kept. The renewal opens when the label ends."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlmodel import select

from models.tables import Checkpoint, Dossier, DossierStatus, FederationRoleName, ProgressReport
from models.users import grant_federation_role
from tests.conversations.test_early_visit import submitted_coop
from tests.conversations.test_label_journey import decide


async def status_of(harness) -> DossierStatus:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one().status


async def test_a_date_before_what_the_decision_follows_is_asked_again_with_the_comment_kept(world):
    harness, _clock = world
    _director, committee = await submitted_coop(harness)  # submitted on 1 August 2026
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("✅ Déclarer recevable")
    await committee.send("Dossier complet, bravo.")
    await committee.send("24/11/2026")  # tomorrow: a decision is recorded once made
    said = [reply["text"] for reply in committee.replies]
    assert any("sa date ne peut pas être dans le futur" in text for text in said), said
    assert "À quelle date\u00a0?" in committee.last_text
    await committee.send("15/07/2026")
    assert "⚠️ Le dossier a été soumis le 1er août 2026." in committee.last_text
    assert "ex. 01/08/2026" in committee.last_text
    assert "À quelle date\u00a0?" in committee.last_text  # the same question
    assert await status_of(harness) == DossierStatus.SUBMITTED
    await committee.send("31/08/2026")
    assert "Dossier complet, bravo." in committee.last_text  # not typed again
    await committee.press("✅ Confirmer")
    assert "Décision enregistrée" in committee.last_text

    # the label never before the visit: the mid-term follows the label's real date
    await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "20/11/2026")
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("🏅")
    await committee.send("Label attribué.")
    await committee.send("01/10/2026")  # after the admissibility, before the visit
    assert "⚠️ La visite a eu lieu le 20 novembre 2026." in committee.last_text
    assert await status_of(harness) == DossierStatus.VISITED
    await committee.send("22/11/2026")
    await committee.press("✅ Confirmer")
    async with harness.database.transaction() as session:
        mid_term = (await session.exec(select(Checkpoint).where(Checkpoint.kind == "mid_term"))).one()
    assert mid_term.due_on == date(2028, 5, 22)


async def test_the_renewal_opens_when_the_label_ends(world):
    harness, clock = world
    _director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "20/11/2026")
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    assert not any("renouvellement" in b for b in committee.buttons())
    assert "Le renouvellement pourra être ouvert à partir du" in committee.last_text
    assert "22 novembre 2029" in committee.last_text  # L + 36 months
    async with harness.database.transaction() as session:
        dossier_id = (await session.exec(select(Dossier))).one().id
    await committee.press_data(committee.last, f"cmx:{dossier_id}:rn")  # an older screen's button
    assert "Le renouvellement pourra être ouvert à partir du" in committee.last_text
    assert await status_of(harness) == DossierStatus.LABELLED

    clock.now = datetime(2029, 11, 21, 9, tzinfo=UTC)  # the day before: not yet
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    assert not any("renouvellement" in b for b in committee.buttons())
    clock.now = datetime(2029, 11, 22, 9, tzinfo=UTC)
    await decide(committee, "Coop Horizon", "🔄 Ouvrir le renouvellement", "Place au cycle 2.")
    async with harness.database.transaction() as session:
        cycles = [
            (d.cycle, d.status) for d in (await session.exec(select(Dossier).order_by(Dossier.cycle))).all()
        ]
    assert cycles == [(1, DossierStatus.RENEWED), (2, DossierStatus.DRAFT)]


async def test_the_committees_steps_are_dated_in_their_order(world):
    """A checkpoint or the visit may not be dated before the last checkpoint recorded."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("📍 Point à 6 mois tenu")
    assert "🏛 Coop Horizon · 📍 Point à 6 mois tenu" in committee.last_text  # which checkpoint, said
    await committee.send("Bon avancement.")
    await committee.send("20/11/2026")
    assert "📍 Point à 6 mois tenu" in committee.last_text  # the confirmation names it too
    await committee.press("✅ Confirmer")
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("🚪 Visite")
    await committee.send("Visite faite.")
    await committee.send("15/11/2026")  # before the 6-month checkpoint it would follow
    assert "date du 20 novembre 2026" in committee.last_text
    assert "À quelle date\u00a0?" in committee.last_text
    assert await status_of(harness) == DossierStatus.ADMISSIBLE
    await committee.send("21/11/2026")
    await committee.press("✅ Confirmer")
    assert await status_of(harness) == DossierStatus.VISITED


async def test_a_checkpoint_recorded_while_a_visit_waits_for_its_confirmation_asks_its_date_again(world):
    """A colleague records the 6-month checkpoint after the day a visit waiting for its ✅ was dated: the
    date is asked again, the comment kept (it was refused with a pop-up, the confirmation stuck)."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, 8000004, FederationRoleName.COMMITTEE)
    colleague = harness.user(8000004, "Dominique", "fr")
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("🚪 Visite")
    await committee.send("Visite faite.")
    await committee.send("20/11/2026")
    await decide(colleague, "Coop Horizon", "📍 Point à 6 mois tenu", "Bon avancement.", "21/11/2026")
    await committee.press("✅ Confirmer")
    assert "date du 21 novembre 2026" in committee.last_text
    assert "À quelle date\u00a0?" in committee.last_text
    assert await status_of(harness) == DossierStatus.ADMISSIBLE
    await committee.send("22/11/2026")
    assert "Visite faite." in committee.last_text  # not typed again
    await committee.press("✅ Confirmer")
    assert await status_of(harness) == DossierStatus.VISITED


async def test_the_date_question_gives_an_example_that_fits_and_reads_days_named_from_today(world):
    """The example is a date the question accepts (a week ago: a meeting held last week), and
    « hier » or « 31 août » without its year are read as the committee means them."""
    harness, _clock = world
    _director, committee = await submitted_coop(harness)  # submitted on 1 August 2026; today 23 November
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("✅ Déclarer recevable")
    await committee.send("Dossier complet.")
    assert "ex. 16/11/2026, ou «\u00a0hier\u00a0»" in committee.last_text
    await committee.send("25 novembre")  # two days ahead: refused, the day understood said
    assert "dans le futur (mercredi 25 novembre 2026)" in committee.reply_text()
    await committee.send("hier")
    assert "dimanche 22 novembre 2026" in committee.last_text  # on the confirmation
    await committee.press("Annuler")
    await committee.press("✅ Déclarer recevable")
    await committee.send("Dossier complet.")
    await committee.send("31 août")  # the last 31 August, not the next one
    assert "lundi 31 août 2026" in committee.last_text
    await committee.press("✅ Confirmer")
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Dossier))).one().admissible_on == date(2026, 8, 31)


async def test_recording_a_checkpoint_says_whether_its_bilan_came_and_what_a_draft_asks(world):
    """Before « ✅ Confirmer », the committee reads whether the coop's bilan for that checkpoint came
    (here none, then a draft: the help it asks for is shown); the coop is told where its draft stays."""
    harness, _clock = world
    director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")

    async def six_months_held() -> str:
        await committee.send("/comite")
        await committee.press("Coop Horizon")
        await committee.press("📍 Point à 6 mois tenu")
        await committee.send("Bon avancement.")
        await committee.send("hier")
        return committee.last_text.replace("\u00a0", " ")

    assert "Aucun bilan d’étape reçu pour ce point." in await six_months_held()
    await committee.press("Annuler")
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        session.add(
            ProgressReport(dossier_id=dossier.id, checkpoint_kind="six_months", created_by=701,
                           help_wanted="Un appui pour l’enquête auprès des locataires.")
        )  # fmt: skip
    shown = await six_months_held()
    assert "la coopérative en rédige un (brouillon)" in shown
    assert "Aide demandée dans ce brouillon : « Un appui pour l’enquête auprès des locataires. »" in shown
    await committee.press("✅ Confirmer")
    await harness.run_background()
    news = next(t for t in reversed(director.texts()) if "point d’étape" in t).replace("\u00a0", " ")
    assert "son brouillon reste lisible dans « 📚 Bilans précédents »" in news
