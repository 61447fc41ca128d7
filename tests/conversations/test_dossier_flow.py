"""The dossier conversation, played from empty to « ready to submit »."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlmodel import select

from models.tables import Action, AuditEntry, Dossier, DossierStatus, EngagementChoice, Indicator
from tests.dossier_steps import (
    EN_ANSWERS,
    FR_ANSWERS,
    LABELS,
    choose,
    fill_suggested_indicator,
    join,
    upload_letter,
)

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
    for code in CODES:
        await fill_suggested_indicator(sam, code, EN_ANSWERS)
        assert (
            "Action plan" in sam.last_text
            and "Train the sales team — Sales manager — March 2027" in sam.last_text
        )
    await sam.send("/dossier")
    await sam.press(LABELS["en"]["involvement"])
    await sam.press(LABELS["en"]["answer"])
    for text in (
        "We measure what makes us a coop.",
        "Team meeting on 12 May.",
        "Letter to residents.",
        "Not yet.",
    ):
        await sam.send(text)
    assert "Approach and involvement" in sam.last_text and "Not yet." in sam.last_text
    await upload_letter(sam)
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


async def test_whole_dossier_in_french(harness):
    camille = await join(harness, 302, "fr", "Coop Habitat Bretagne")
    await choose(camille, CODES)
    assert "Axe 3 — 3/4" in camille.last_text
    await camille.press("🏠 Mon dossier")
    assert "Engagements\u00a0: 8/8 minimum" in camille.last_text
    assert "✅ Axe 1 — 3/4" in camille.last_text and "✅ Axe 2 — 2/4" in camille.last_text
    answers = {
        "rationale": "Il montre que nos logements restent abordables.",
        "current": "12,5 %",
        "target": "1 200",
        "date": "mai 2028",
        "action": "Former l’équipe commerciale au BRS",
        "owner": "La responsable de l’accession",
        "due": "mars 2027",
    }
    fill_french = dict(answers)
    for code in CODES:
        fill_french["target"] = "25 %" if code == 1 else "30"
        fill_french["current"] = "12,5 %" if code == 1 else "12,5"
        await fill_suggested_indicator(camille, code, fill_french)
        assert "Plan d’actions" in camille.last_text
        assert (
            "Former l’équipe commerciale au BRS — La responsable de l’accession — mars 2027"
            in camille.last_text
        )
    await camille.send("/dossier")
    await camille.press("📊 Indicateurs")
    await camille.press(" 1 · ")
    assert "12,5\u00a0% → 25\u00a0% (date cible\u00a0: 31 mai 2028)" in camille.last_text
    await camille.press("🏠 Mon dossier")
    assert "Démarche et implication\u00a0: 0/4" in camille.last_text
    assert "⚠️ À compléter\u00a0:" in camille.last_text
    await camille.press("👥 Démarche")
    await camille.press("✍️ Répondre")
    for text in (
        "Nous voulons mesurer ce qui fait de nous une coopérative.",
        "Réunion d’équipe le 12 mai.",
        "Article dans la lettre aux accédants.",
        "Oui : questionnaire aux locataires en avril.",
    ):
        await camille.send(text)
    await upload_letter(camille)
    await camille.press("🏠 Mon dossier")
    assert "Tout est complet" in camille.last_text
    await camille.press("✅ Marquer")
    assert "Cycle 1 · Prêt à soumettre ✅" in camille.last_text

    async with harness.database.transaction() as session:
        dossier = (await session.exec(select(Dossier))).one()
        indicators = (await session.exec(select(Indicator))).all()
    assert dossier.status == DossierStatus.READY
    assert {i.engagement_code for i in indicators} == set(CODES)
    first = next(i for i in indicators if i.engagement_code == 1)
    assert (first.current_value, first.target_value) == ("12.5", "25")
    assert dossier.members_consultation == "Oui : questionnaire aux locataires en avril."


async def test_french_numbers_and_dates_are_read_the_french_way(harness):
    camille = await join(harness, 303, "fr")
    await choose(camille, [10])
    await camille.press("🏠 Mon dossier")
    await camille.press("📊 Indicateurs")
    await camille.press(" 10 · ")
    await camille.press("➕ Ajouter un indicateur")
    await camille.press("✏️ Mon propre indicateur")
    await camille.send("Montant réinvesti dans les projets")
    await camille.send("Il montre que nos résultats servent de nouveaux projets.")
    await camille.press("🔢")
    await camille.press("€")
    for bad, message in (("beaucoup", "«\u00a0beaucoup\u00a0»"), ("12 %", "unité")):
        await camille.send(bad)
        assert message in camille.replies[0]["text"], (bad, camille.replies[0]["text"])
        assert "Quelle est sa valeur actuelle\u00a0?" in camille.last_text
    await camille.send("1 200,50 €")
    assert "Valeur actuelle\u00a0: 1\u202f200,50\u00a0€" in camille.last_text
    await camille.send("1 500 €")
    assert "Valeur cible\u00a0: 1\u202f500\u00a0€" in camille.last_text
    await camille.send("31/02/2028")
    assert "Cette date n’existe pas" in camille.replies[0]["text"]
    await camille.send("fin juin 2028")
    assert "Date cible\u00a0: juin 2028 (30 juin 2028)" in camille.replies[0]["text"]
    await camille.send("Lancer deux projets mutualisés")
    await camille.send("Le directeur")
    await camille.send("03/2027")
    assert "Échéance\u00a0: mars 2027 (31 mars 2027)" in camille.replies[0]["text"]
    async with harness.database.transaction() as session:
        indicator = (await session.exec(select(Indicator))).one()
    assert (indicator.current_value, indicator.target_value, indicator.target_date) == (
        "1200.5",
        "1500",
        date(2028, 6, 30),
    )


async def test_engagements_past_the_minimum_are_not_a_fraction_over_one(harness):
    """« Engagements : 12/8 minimum » read as a fraction over one: past the minimum, the count apart."""
    camille = await join(harness, 304, "fr", "Coop Toutes")
    await choose(camille, list(range(1, 13)))
    await camille.press("🏠 Mon dossier")
    assert "Engagements\u00a0: 12 (minimum 8)" in camille.last_text, camille.last_text
    assert "12/8" not in camille.last_text


async def test_an_indicator_alone_on_its_row_shows_more_of_its_title(harness):
    """Two to a row, a button shows what a phone shows of a half; one alone (one indicator: the usual
    case) shows twice as much, not « ✅ 1 · Part de logem… »."""
    camille = await join(harness, 305, "fr", "Coop Seule")
    await choose(camille, CODES)
    await fill_suggested_indicator(camille, 1, FR_ANSWERS)
    await camille.press("🏠 Mon dossier")
    await camille.press(LABELS["fr"]["indicators"])
    await camille.press(" 1 · ")
    (button,) = [label for label in camille.buttons() if label.startswith(("✅ 1 · ", "⚠️ 1 · "))]
    assert len(button) > 30, button
