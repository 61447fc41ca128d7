"""One coop from submission to renewal, the committee and the coop acting through the bot."""

from __future__ import annotations

import io

from matplotlib.image import imread
from sqlmodel import select

from models.tables import Checkpoint, Dossier, DossierStatus, FederationRoleName, Indicator
from models.users import grant_federation_role
from tests.dossier_fill import complete_dossier
from tests.dossier_steps import open_home, submit

COMMITTEE_ID = 8000001


def texts_since(user, count: int) -> list[str]:
    return [m.get("text") or m.get("caption") or "" for m in user.messages[count:]]


async def decide(
    committee, coop_name: str, decision: str, comment: str, date_text: str | None = None
) -> None:
    """The committee opens the coop's dossier, picks a decision, comments, dates and confirms."""
    await committee.send("/comite")
    await committee.press(coop_name[:14])  # the list's buttons: the coop's number, short: « #1 Coop Ho… »
    await committee.press(decision)
    await committee.send(comment)
    if "À quelle date\u00a0?" in committee.last_text:
        if date_text:
            await committee.send(date_text)
        else:
            await committee.press("✅ Aujourd’hui")
    assert comment in committee.last_text
    await committee.press("✅ Confirmer")
    assert "Décision enregistrée et envoyée" in committee.last_text
    await committee.harness.run_background()  # the outbox sends the news to the coop


async def test_from_submission_to_renewal(world):
    harness, clock = world
    director = harness.user(701, "Dominique", "fr")
    invitations = await harness.add_coop("Coop Horizon")
    await director.send(f"/start {invitations.direction_token}")
    director.invitations = invitations
    colleague = harness.user(702, "Sam", "en")
    await colleague.send(f"/start {invitations.member_token}")
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")

    # the coop submits
    await complete_dossier(director)
    await submit(director)

    # a plain member cannot reach the committee's screens
    await colleague.send("/comite")
    assert colleague.last_text == (
        "This is reserved for the validation committee. Your coop’s dossier: /dossier. Every command you may "
        "use: /help."
    )

    # the committee asks for more information: the coop completes and resubmits
    await committee.send("/comite")
    assert "Soumis\u00a0: 1" in committee.last_text and "#1 Coop Horizon — cycle 1" in committee.last_text
    seen = len(colleague.messages), len(director.messages)
    await decide(
        committee, "Coop Horizon", "📝 Demander des compléments", "Précisez la cible de l’engagement 6."
    )
    assert any(
        "The validation committee asks for more information" in t and "Précisez la cible" in t
        for t in texts_since(colleague, seen[0])
    )
    assert any("Le comité de validation demande des compléments" in t for t in texts_since(director, seen[1]))
    await open_home(director)
    assert "«\u00a0Précisez la cible de l’engagement 6.\u00a0»" in director.last_text
    await director.press("✅ Marquer")
    await director.press("📤 Soumettre")
    await director.press("✅ Oui, soumettre")
    assert "Soumis au comité 🔒" in director.last_text

    # admissible today: checkpoints at 6 and 12 months, visit at 18
    clock.advance(days=10)
    seen = len(colleague.messages)
    await decide(committee, "Coop Horizon", "✅ Déclarer recevable", "Dossier recevable, bravo.")
    assert any(
        "declared your dossier admissible on 3 December 2026" in t for t in texts_since(colleague, seen)
    )
    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        checkpoints = {c.kind: c.due_on.isoformat() for c in (await session.exec(select(Checkpoint))).all()}
    assert dossier.status == DossierStatus.ADMISSIBLE
    assert checkpoints == {"six_months": "2027-06-03", "twelve_months": "2027-12-03", "visit": "2028-06-03"}

    # the coop updates its figures and sees its progress as a chart and as text
    await director.send("/progres")
    chart = next(m for m in reversed(director.messages) if "photo" in m)
    image = harness.fake.file_content(
        harness.fake.handle("getFile", {"file_id": chart["photo"][-1]["file_id"]})["file_path"]
    )
    pixels = imread(io.BytesIO(image))
    assert pixels.shape[1] >= 1000 and pixels.shape[0] >= 500 and pixels.std() > 0.05
    assert (
        "départ 12,5\u00a0% → aujourd’hui 12,5\u00a0% → cible 30\u00a0% (31 mai 2028)" in director.last_text
    )
    await director.press("✏️ Mettre à jour")
    await director.send("20")
    assert "Indicateur 2/8" in director.last_text
    for _ in range(7):
        await director.press("✅ Garder")
    assert "départ 12,5\u00a0% → aujourd’hui 20\u00a0% → cible 30\u00a0%" in director.last_text
    await director.press("✅ Actions")
    await director.press("Former l’équipe")
    await director.press("⏳ En cours")
    async with harness.database.transaction() as session:
        first = (await session.exec(select(Indicator).order_by(Indicator.engagement_code))).first()
    assert (first.baseline_value, first.current_value) == ("12.5", "20")

    # the checkpoints, the visit, the label, mid-term and renewal
    clock.advance(days=182)
    seen = len(colleague.messages), len(director.messages)
    await decide(committee, "Coop Horizon", "📍 Point à 6 mois tenu", "Bon avancement.")
    # which one, said in the sentence (not « …du 3 juin 2027 : Point d’étape à 6 mois. »)
    news = " ".join(texts_since(colleague, seen[0]))
    assert "The validation committee recorded your 6-month checkpoint, held on 3 June 2027." in news
    news = " ".join(texts_since(director, seen[1]))
    assert "Le comité de validation a enregistré votre point d’étape à 6 mois, tenu le 3 juin 2027." in news
    clock.advance(days=183)
    await decide(committee, "Coop Horizon", "📍 Point à 12 mois tenu", "Continuez.")
    clock.advance(days=183)
    await decide(committee, "Coop Horizon", "🚪 Visite effectuée", "Visite très positive.", "02/06/2028")
    seen = len(colleague.messages)
    await decide(committee, "Coop Horizon", "🏅 Attribuer le label", "Label attribué à l’unanimité.")
    assert any(
        "Congratulations! The validation committee granted the Quali’Coop label" in t
        for t in texts_since(colleague, seen)
    )
    clock.advance(days=550)
    await decide(committee, "Coop Horizon", "📍 Mi-parcours tenu", "Engagements tenus.")
    await open_home(director)
    assert "Cycle 1 · Labellisé 🏅" in director.last_text and "échéance" not in director.last_text
    clock.advance(days=546)  # the label ends (L + 36 months): the renewal opens
    # before the committee opens it, the home says the label ended and what comes next (not « Labellisé »)
    await open_home(director)
    assert "Cycle 1 · Label arrivé à échéance le 3 juin 2031" in director.last_text, director.last_text
    assert "Le comité de validation va ouvrir votre renouvellement (cycle 2)" in director.last_text
    assert "Labellisé" not in director.last_text
    await colleague.send("/dossier")
    assert "Cycle 1 · Label ended on 3 June 2031" in colleague.last_text
    await colleague.send("/calendar")  # the step's name has no colon of its own: one colon in the line
    assert "⏳ End of the label and renewal: due on 3 June 2031, not recorded yet" in colleague.last_text
    seen = len(colleague.messages)
    await decide(committee, "Coop Horizon", "🔄 Ouvrir le renouvellement", "Place au cycle 2.")
    assert any("a new dossier (cycle 2) is ready" in t for t in texts_since(colleague, seen))
    await open_home(director)
    assert "Cycle 2 · Brouillon" in director.last_text
    assert "Engagements\u00a0: 8/8 minimum" in director.last_text
    async with harness.database.transaction() as session:
        dossiers = (await session.exec(select(Dossier).order_by(Dossier.cycle))).all()
    assert [(d.cycle, d.status) for d in dossiers] == [(1, DossierStatus.RENEWED), (2, DossierStatus.DRAFT)]
    assert dossiers[0].labelled_on.isoformat() == "2028-06-03"


async def test_forged_committee_buttons_are_refused(world):
    harness, _clock = world
    member = harness.user(703, language_code="fr")
    invitations = await harness.add_coop("Coop Sûre")
    await member.send(f"/start {invitations.direction_token}")
    await member.send("/dossier")
    await member.press_data(member.last, "cmx:1:ad")
    assert member.alerts == ["Ceci est réservé au comité de validation."]
    async with harness.database.transaction() as session:
        assert (await session.exec(select(Dossier))).one().status == DossierStatus.DRAFT


async def test_the_committee_list_pages_through_many_coops(world):
    harness, _clock = world
    from models.coops import create_coop
    from models.dossier.current import current_dossier

    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
        for n in range(45):
            coop = await create_coop(session, f"Coop {n:03d}")
            dossier = await current_dossier(session, coop.id)
            dossier.status = DossierStatus.SUBMITTED
            session.add(dossier)
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")
    await committee.send("/comite")
    assert "Soumis\u00a0: 45" in committee.last_text and "Page 1/3" in committee.last_text
    assert len([b for b in committee.buttons() if b.startswith("#")]) == 20
    await committee.press("➡️")
    await committee.press("➡️")
    assert "Page 3/3" in committee.last_text and "Coop 044" in committee.last_text
    assert "➡️" not in committee.buttons()


async def test_coops_named_alike_get_distinct_short_buttons(world):
    harness, _clock = world
    from models.coops import create_coop
    from models.dossier.current import current_dossier

    names = [
        f"Coopérative d’HLM Habitat Solidaire {place}" for place in ("Nord", "Sud", "Est", "Ouest", "Centre")
    ]
    async with harness.database.transaction() as session:
        await grant_federation_role(session, COMMITTEE_ID, FederationRoleName.COMMITTEE)
        for name in names:
            dossier = await current_dossier(session, (await create_coop(session, name)).id)
            dossier.status = DossierStatus.SUBMITTED
            session.add(dossier)
    committee = harness.user(COMMITTEE_ID, "Claude", "fr")
    await committee.send("/comite")  # the harness fails on two equal labels or one too wide for its row
    buttons = [b for b in committee.buttons() if "Coopérative" in b]
    number = {name: n for n, name in enumerate(names, 1)}  # the coops' numbers, as /export takes them
    assert buttons[0] == "#5 Coopérative d’HL…" and len(set(buttons)) == 5  # « Centre » first
    assert all(len(b) <= 20 for b in buttons)
    for name in sorted(names):  # the text names each in full, with its number
        assert f"#{number[name]} {name} — cycle 1" in committee.last_text
    await committee.press(f"#{number[sorted(names)[2]]} ")
    assert sorted(names)[2] in committee.last_text
