"""After the visit the committee decides *whether* to grant the label (domain.md): it may refuse it, dated
not before the visit, the coop told and able to apply again; a checkpoint recorded once is not offered
again, and a second recording is told as such, the comment typed given back."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from models.tables import AuditEntry, Checkpoint, Dossier, DossierStatus, FederationRoleName
from models.users import grant_federation_role
from tests.conversations.test_committee_pdf import pages_of
from tests.conversations.test_early_visit import COMMITTEE_ID, submitted_coop
from tests.conversations.test_label_journey import decide
from tests.conversations.test_news_of_who_erased import erase

REASON = "Les moyens ne sont pas en place pour l’engagement 9."


async def visited_coop(harness):
    """Admissible on 31 August 2026, visited on 20 November 2026 (the clock: 23 November 2026)."""
    director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "20/11/2026")
    return director, committee


async def test_the_committee_may_refuse_the_label_after_the_visit(world):
    harness, _clock = world
    director, committee = await visited_coop(harness)
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    decisions = [b for b in committee.buttons() if b.startswith(("🏅", "⛔"))]
    assert decisions == ["🏅 Attribuer le label", "⛔ Ne pas attribuer le label"]  # the step forward first

    await committee.press("⛔ Ne pas attribuer le label")
    assert "Coop Horizon · ⛔ Ne pas attribuer le label" in committee.last_text
    await committee.send(REASON)
    assert "À quelle date\u00a0?" in committee.last_text
    await committee.send("19/11/2026")  # before the visit: refused, the comment kept
    assert "La visite a eu lieu le 20 novembre 2026." in committee.last_text
    await committee.send("21/11/2026")
    assert REASON in committee.last_text and "samedi 21 novembre 2026" in committee.last_text
    seen = len(director.messages)
    await committee.press("✅ Confirmer")
    assert "Décision enregistrée et envoyée" in committee.last_text
    said = committee.last_text  # the day the committee gave, not the day it was recorded (23 November)
    assert "Non retenu par le comité le 21 novembre 2026\u00a0:" in said and REASON in said, said
    assert not any(b.startswith(("🏅", "⛔")) for b in committee.buttons())
    await harness.run_background()
    news = "\n".join(m.get("text", "") for m in director.messages[seen:])
    assert "Le comité de validation n’a pas attribué le label après sa visite." in news and REASON in news

    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        entry = (await session.exec(select(AuditEntry).where(AuditEntry.action == "refuse"))).one()
    assert dossier.status == DossierStatus.REFUSED
    assert (entry.old_value, entry.new_value, entry.actor_id) == (
        "visited",
        f"refused: {REASON}",
        COMMITTEE_ID,
    )

    await committee.send("/comite")
    assert "Visités, label à décider\u00a0: 0" in committee.last_text
    assert "Non retenus\u00a0: 1" in committee.last_text

    # the coop reads the refusal and its direction may prepare a new candidacy, as after any refusal
    await director.send("/dossier")
    assert "Le comité de validation n’a pas retenu cette candidature." in director.last_text
    assert REASON in director.last_text
    colleague = harness.user(7301, "Sacha", "fr")
    await colleague.send(f"/start {director.invitations.member_token}")
    await director.press("📝 Préparer une nouvelle candidature")
    assert "votre nouvelle candidature est un nouveau dossier (cycle 2)" in director.last_text
    await director.press("✅ Confirmer")
    assert "Un nouveau dossier (cycle 2) est prêt" in director.last_text
    assert "Cycle 2 · Brouillon" in director.last_text
    await harness.run_background()  # the colleagues are told, as after a renewal
    assert "a préparé une nouvelle candidature de Coop Horizon" in colleague.last_text
    assert "nouveau dossier (cycle 2)" in colleague.last_text
    # the refused candidacy keeps its admissibility, its visit and its checkpoints: the new one starts
    # afresh, so the committee can declare it admissible and visit it again
    async with harness.database.transaction() as session:
        first, second = (await session.exec(select(Dossier).order_by(Dossier.cycle))).all()
        visits = (await session.exec(select(Checkpoint).where(Checkpoint.kind == "visit"))).all()
    assert (first.status, first.admissible_on) == (DossierStatus.REFUSED, date(2026, 8, 31))
    assert (second.status, second.admissible_on, second.cycle) == (DossierStatus.DRAFT, None, 2)
    assert [(v.dossier_id, v.held_on) for v in visits] == [(first.id, date(2026, 11, 20))]
    # the new cycle's PDF still tells the committee that it did not grant the label the first time
    await director.send("/pdf")
    document = next(m for m in reversed(director.messages) if "document" in m)
    cover = pages_of(harness, document)[0]
    assert f"Candidature précédente non retenue le 21 novembre 2026 : « {REASON} »" in cover  # the day given


async def labelled_with_mid_term(harness, clock):
    """Labelled on 22 November 2026; the mid-term held on 24 May 2028."""
    director, committee = await visited_coop(harness)
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")
    clock.advance(days=548)
    await decide(committee, "Coop Horizon", "📍 Mi-parcours tenu", "Engagements tenus.")
    return director, committee


async def test_the_mid_term_is_recorded_once(world):
    harness, clock = world
    _director, committee = await labelled_with_mid_term(harness, clock)
    screen = committee.last
    assert "Point d’étape à mi-parcours du label — ✅ tenu le 24 mai 2028" in committee.last_text
    assert not any("Mi-parcours" in b for b in committee.buttons())  # held: no button to hold it again

    # a forwarded or forged button: told what is true, nothing recorded twice
    dossier_id = (await dossier_of(harness)).id
    await committee.press_data(screen, f"cmx:{dossier_id}:mt")
    said = committee.last_text
    # the member who recorded it, from another device or a forwarded button: « you », not a stranger
    assert "Vous l’avez déjà enregistré\u00a0: Point d’étape à mi-parcours du label, le 24 mai 2028." in said
    assert "Une autre décision" not in said


async def at_the_mid_term_with_a_colleague(harness, clock):
    """A coop labelled on 22 November 2026, 18 months later; its committee member and a colleague."""
    _director, committee = await visited_coop(harness)
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")
    clock.advance(days=548)
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID + 1, FederationRoleName.COMMITTEE)
    return committee, harness.user(COMMITTEE_ID + 1, "Camille", "fr")


async def test_a_mid_term_recorded_meanwhile_gives_the_comment_back(world):
    harness, clock = world
    committee, colleague = await at_the_mid_term_with_a_colleague(harness, clock)
    # the first member types a comment and a date, a colleague records the mid-term meanwhile
    await committee.send("/comite")
    await committee.press("Coop Horizon")
    await committee.press("📍 Mi-parcours tenu")
    await committee.send("Résultats maintenus, bravo.")
    await committee.press("✅ Aujourd’hui")
    await decide(colleague, "Coop Horizon", "📍 Mi-parcours tenu", "Engagements tenus.")
    await committee.press("✅ Confirmer")
    said = committee.last_text
    assert "Déjà enregistré par Camille\u00a0: Point d’étape à mi-parcours du label, le 24 mai 2028." in said
    assert "Votre commentaire, non envoyé\u00a0:\n«\u00a0Résultats maintenus, bravo.\u00a0»" in said
    async with harness.database.transaction() as session:
        held = (await session.exec(select(AuditEntry).where(AuditEntry.action == "record_mid_term"))).all()
    assert [entry.actor_id for entry in held] == [COMMITTEE_ID + 1]


async def test_a_mid_term_recorded_by_someone_who_erased_their_data_names_no_one(world):
    harness, clock = world
    committee, colleague = await at_the_mid_term_with_a_colleague(harness, clock)
    await decide(colleague, "Coop Horizon", "📍 Mi-parcours tenu", "Engagements tenus.")
    await erase(colleague)
    await committee.press_data(committee.last, f"cmx:{(await dossier_of(harness)).id}:mt")
    said = committee.last_text
    assert "⚠️ Déjà enregistré\u00a0: Point d’étape à mi-parcours du label, le 24 mai 2028." in said
    assert "Camille" not in said and "None" not in said


async def dossier_of(harness) -> Dossier:
    async with harness.database.transaction() as session:
        return (await session.exec(select(Dossier))).one()


async def test_each_step_reads_as_what_it_is(world):
    """The visit is « effectuée », by a date (a deadline); the renewal is opened; no double colon."""
    harness, clock = world
    _director, committee = await submitted_coop(harness)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Recevable.", "31/08/2026")
    assert (
        "Visite du comité (18 mois) — ⏳ à effectuer au plus tard le 29 février 2028" in committee.last_text
    )
    await decide(committee, "Coop Horizon", "🚪 Visite", "Visite faite.", "20/11/2026")
    assert "Visite du comité (18 mois) — ✅ effectuée le 20 novembre 2026" in committee.last_text
    await decide(committee, "Coop Horizon", "🏅", "Label accordé.", "22/11/2026")
    clock.advance(days=548)
    await decide(committee, "Coop Horizon", "📍 Mi-parcours tenu", "Engagements tenus.")
    clock.advance(days=530)  # 5 November 2029: the label ends on 22 November
    await committee.send("/comite")
    assert "⏰ Fin du label et renouvellement — 22 novembre 2029" in committee.last_text
    clock.advance(days=17)  # the label's end: the renewal opens
    await decide(committee, "Coop Horizon", "🔄 Ouvrir le renouvellement", "Place au cycle 2.")
    assert "Fin du label et renouvellement — ✅ ouvert le 22 novembre 2029" in committee.last_text


async def test_a_candidacy_not_retained_has_no_follow_up_and_is_not_told_it_starts_once_admissible(world):
    """/progres, /bilan and the chart after the label was refused: not « once declared admissible »."""
    harness, _clock = world
    director, committee = await visited_coop(harness)
    await decide(committee, "Coop Horizon", "⛔", REASON, "21/11/2026")
    for command in ("/progres", "/bilan"):
        await director.send(command)
        said = director.last_text
        assert (
            "Le comité de validation n’a pas retenu cette candidature\u00a0: aucun suivi n’est en cours."
            in (said)
        ), command
        assert "recevable" not in said.split("\n")[0], command
        assert "📝 Préparer une nouvelle candidature" in director.buttons(), command
    assert harness.errors == []
